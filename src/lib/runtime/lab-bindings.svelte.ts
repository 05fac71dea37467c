/**
 * The two reactive bindings every lab makes between its settings and its worker (call them while a component
 * initialises): run the worker on the chosen backend, and hand each new configuration to the worker.
 */
import { onDestroy, untrack } from 'svelte';
import type { BackendChoice } from '$workers/lib/backend-types';
import type { LabWorker } from './lab-worker.svelte';
import type { LabKind } from '$workers/lab-apis';

/** Start the worker on the chosen backend, restart it when the choice changes, stop it with the component. */
export function useBackend<K extends LabKind>(worker: LabWorker<K>, choice: () => BackendChoice): void {
	$effect(() => {
		const c = choice();
		untrack(() => void worker.start(c));
	});
	onDestroy(() => worker.stop());
}

export interface FollowOptions<Api, Config> {
	/** The worker's API, null while it (re)starts. */
	api: () => Api | null;
	/** The configuration as a JSON string (so equal settings do not re-run). */
	key: () => string;
	/** Called with the parsed configuration: at once for a new worker, `debounceMs` after the last change otherwise. */
	apply: (config: Config) => void;
	debounceMs: number;
	/** Called whenever the worker's API changes (to null while restarting). */
	attach?: (api: Api | null) => void;
}

export function followConfig<Api, Config>(o: FollowOptions<Api, Config>): void {
	let current: Api | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	$effect(() => {
		const key = o.key();
		const api = o.api();
		untrack(() => {
			if (api !== current) {
				current = api;
				o.attach?.(api);
				if (api) o.apply(JSON.parse(key) as Config);
			} else if (api) timer = setTimeout(() => o.apply(JSON.parse(key) as Config), o.debounceMs);
		});
		return () => clearTimeout(timer);
	});
}
