/**
 * Main-thread side of a lab's compute worker: starts it with the lab's API, asks it to choose a TF.js backend, and
 * exposes the Comlink proxy plus status in reactive state. Switching backends restarts the worker with a clean
 * TF.js state. A worker that fails to load or to start any backend becomes status 'error' with the reason in words.
 */
import type * as Comlink from 'comlink';
import type { BackendReport } from '$lib/engine/backend-types';
import type { LabApis, LabId } from '$lib/engine/lab-apis';
import { openLab, type OpenedLab } from './compute';
import { errorMessage } from './latest-run.svelte';

export type WorkerStatus = 'starting' | 'ready' | 'error';

/** The worker's API for a job, or an error in words while it (re)starts. */
export function requireApi<T>(api: T | null): T {
	if (!api) throw new Error('The worker is not running.');
	return api;
}

export class LabWorker<K extends LabId> {
	status = $state<WorkerStatus>('starting');
	report = $state.raw<BackendReport | null>(null);
	error = $state<string | null>(null);
	api = $state.raw<Comlink.Remote<LabApis[K]> | null>(null);
	private opened: OpenedLab<K> | null = null;
	private generation = 0;
	readonly lab: K;

	constructor(lab: K) {
		this.lab = lab;
	}

	async start(choice: string): Promise<Comlink.Remote<LabApis[K]> | null> {
		const gen = ++this.generation;
		this.stop();
		this.status = 'starting';
		this.error = null;
		this.report = null;
		let opened: OpenedLab<K>;
		try {
			opened = await openLab(this.lab);
		} catch (e) {
			if (gen === this.generation) {
				this.status = 'error';
				this.error = `The background worker could not start: ${errorMessage(e)}.`;
			}
			return null;
		}
		if (gen !== this.generation) {
			opened.close();
			return null;
		}
		this.opened = opened;
		const api = opened.api;
		try {
			// Every lab API has init(choice); the A/B lab's ignores it (no TF.js there).
			const withInit = api as unknown as { init(c: string): Promise<BackendReport> };
			const report = await Promise.race([withInit.init(choice), opened.failed]);
			if (gen !== this.generation) return null;
			this.report = report;
			this.api = api;
			this.status = 'ready';
			return api;
		} catch (e) {
			if (gen === this.generation) {
				this.status = 'error';
				this.error = `The computation worker could not start: ${errorMessage(e)}.`;
			}
			return null;
		}
	}

	stop(): void {
		this.api = null;
		this.opened?.close();
		this.opened = null;
	}
}
