/**
 * Main-thread side of a lab's compute worker: starts it with the lab's API, asks it to choose a TF.js backend, and
 * exposes the Comlink proxy plus status in reactive state. Switching backends restarts the worker with a clean
 * TF.js state. A worker that fails to load or to start any backend becomes status 'error' with the reason in words.
 */
import type * as Comlink from 'comlink';
import type { BackendChoice, BackendReport } from '$lib/engine/backend-types';
import type { LabApis, LabId } from '$lib/engine/lab-apis';
import type { OpenedLab } from './compute';
import { startLab, takeStarted, type Started } from './prestart';
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

	async start(choice: BackendChoice): Promise<Comlink.Remote<LabApis[K]> | null> {
		this.stop();
		const gen = ++this.generation;
		this.status = 'starting';
		this.error = null;
		this.report = null;
		performance.mark('mdl:worker-start');
		// Started early for this page (runtime/prestart.ts), or started now.
		const started = takeStarted(this.lab, choice) ?? startLab(this.lab, choice);
		let result: Started<K>;
		try {
			result = await started;
		} catch (e) {
			if (gen === this.generation) {
				this.status = 'error';
				this.error = errorMessage(e);
			}
			return null;
		}
		if (gen !== this.generation) {
			result.opened.close();
			return null;
		}
		performance.mark('mdl:backend-ready');
		this.opened = result.opened;
		this.report = result.report;
		this.api = result.opened.api;
		this.status = 'ready';
		return this.api;
	}

	stop(): void {
		// A start still waiting for its worker closes it when it arrives (the page may have gone meanwhile).
		this.generation++;
		this.api = null;
		this.opened?.close();
		this.opened = null;
	}
}
