/**
 * Main-thread side of a lab's worker: starts it, asks it to choose a TF.js backend, and exposes the Comlink
 * proxy plus status in reactive state. Switching backends restarts the worker with a clean TF.js state.
 * A worker that fails to load or to start any backend becomes status 'error' with the reason in words.
 */
import * as Comlink from 'comlink';
import type { BackendChoice, BackendReport } from '$workers/lib/backend-types';

export interface BackendApi {
	init(choice: BackendChoice): Promise<BackendReport>;
}

export type WorkerStatus = 'starting' | 'ready' | 'error';

export class LabWorker<Api extends BackendApi> {
	status = $state<WorkerStatus>('starting');
	report = $state.raw<BackendReport | null>(null);
	error = $state<string | null>(null);
	api = $state.raw<Comlink.Remote<Api> | null>(null);
	private worker: Worker | null = null;
	private generation = 0;
	private readonly create: () => Worker;

	constructor(create: () => Worker) {
		this.create = create;
	}

	async start(choice: BackendChoice): Promise<Comlink.Remote<Api> | null> {
		const gen = ++this.generation;
		this.stop();
		this.status = 'starting';
		this.error = null;
		this.report = null;
		let worker: Worker;
		try {
			worker = this.create();
		} catch (e) {
			this.status = 'error';
			this.error = `The background worker could not be created: ${e instanceof Error ? e.message : String(e)}`;
			return null;
		}
		this.worker = worker;
		const failed = new Promise<never>((_, reject) => {
			worker.addEventListener('error', (e) => reject(new Error(e.message || 'the worker script failed to load')));
		});
		const api = Comlink.wrap<Api>(worker);
		try {
			const report = (await Promise.race([api.init(choice), failed])) as BackendReport;
			if (gen !== this.generation) return null;
			this.report = report;
			this.api = api;
			this.status = 'ready';
			return api;
		} catch (e) {
			if (gen === this.generation) {
				this.status = 'error';
				this.error = `The computation worker could not start: ${e instanceof Error ? e.message : String(e)}.`;
			}
			return null;
		}
	}

	stop(): void {
		if (this.api) this.api[Comlink.releaseProxy]();
		this.api = null;
		this.worker?.terminate();
		this.worker = null;
	}
}

export function errorMessage(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.replace(/^Error: /, '');
}
