/**
 * The reactive bindings a lab makes between its settings and its worker (call them while a component
 * initialises): run the worker on the chosen backend (`useBackend`), hand each new configuration to the worker
 * (`followConfig`), and for live training also keep the target steps (`followTraining`).
 */
import { onDestroy, untrack } from 'svelte';
import type { BackendChoice } from '$lib/engine/backend-types';
import type { LabWorker } from './lab-worker.svelte';
import type { TrainingController } from './training-controller.svelte';
import type { LabId } from '$lib/engine/lab-apis';

/** Start the worker on the chosen backend, restart it when the choice changes, stop it with the component. */
export function useBackend<K extends LabId>(worker: LabWorker<K>, choice: () => BackendChoice): void {
	$effect(() => {
		const c = choice();
		untrack(() => void worker.start(c));
	});
	onDestroy(() => worker.stop());
}

export interface FollowOptions<Api, Config> {
	/** The worker's API, null while it (re)starts. */
	api: () => Api | null;
	/** The configuration, read reactively. Equal settings (as JSON) do not run again. */
	config: () => Config;
	/** Called with a plain copy of the configuration: at once for a new worker, `debounceMs` after the last change otherwise. */
	apply: (config: Config, api: Api) => void;
	debounceMs: number;
	/** Called whenever the worker's API changes (to null while restarting). */
	attach?: (api: Api | null) => void;
}

/** The one place settings are debounced on their way to a worker (the newest request then wins in a `LatestRun`). */
export function followConfig<Api, Config>(o: FollowOptions<Api, Config>): void {
	let current: Api | null = null;
	let applied: string | null = null;
	let timer: ReturnType<typeof setTimeout> | undefined;
	$effect(() => {
		const config = $state.snapshot(o.config()) as Config;
		const key = JSON.stringify(config);
		const api = o.api();
		untrack(() => {
			const apply = () => {
				applied = key;
				o.apply(config, api!);
			};
			if (api !== current) {
				current = api;
				applied = null;
				o.attach?.(api);
				if (api) apply();
			} else if (api && key !== applied) timer = setTimeout(apply, o.debounceMs);
		});
		return () => clearTimeout(timer);
	});
}

/**
 * The bindings of a live-training lab: set up data and models whenever the worker (re)starts or a setting that
 * changes them moves (debounced), then train (`apply` may decide otherwise), and keep the target number of steps in
 * step with its setting.
 */
export function followTraining<K extends LabId, Config, Setup, Progress>(
	worker: LabWorker<K>,
	ctl: TrainingController<Config, Setup, Progress>,
	o: { config: () => Config; target: () => number; debounceMs?: number; apply?: (config: Config) => void }
): void {
	ctl.target = untrack(o.target);
	followConfig({
		api: () => worker.api,
		config: o.config,
		apply: o.apply ?? ((c) => void ctl.configure(c, true)),
		debounceMs: o.debounceMs ?? 250,
		attach: (api) => ctl.attach(api as unknown as Parameters<typeof ctl.attach>[0])
	});
	$effect(() => {
		const steps = o.target();
		untrack(() => ctl.retarget(steps));
	});
}
