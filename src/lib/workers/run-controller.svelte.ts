/**
 * Runs one whole simulation at a time in a lab's worker and keeps the newest request's result (each run bumps a
 * generation; the worker independently cancels superseded runs), with its progress, busy flag and error in words.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import { errorMessage } from './lab-worker.svelte';

export interface RunnableApi<Config, Result, Progress> {
	run(config: Config, onProgress?: (p: Progress) => void): Promise<{ status: 'done'; result: Result } | { status: 'cancelled' }>;
}

export class RunController<Config, Result, Progress> {
	result = $state.raw<Result | null>(null);
	/** The configuration that produced `result`. */
	config = $state.raw<Config | null>(null);
	progress = $state.raw<Progress | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	private api: RunnableApi<Config, Result, Progress> | null = null;
	private gen = 0;

	attach(api: Remote<RunnableApi<Config, Result, Progress>> | null): void {
		this.api = api as unknown as RunnableApi<Config, Result, Progress> | null;
		this.gen++;
	}

	/** Run; resolves true when this run completed and is the newest. */
	async run(config: Config): Promise<boolean> {
		const api = this.api;
		if (!api) return false;
		const g = ++this.gen;
		this.busy = true;
		this.error = null;
		try {
			const out = await api.run(
				config,
				Comlink.proxy((p: Progress) => {
					if (g === this.gen) this.progress = p;
				})
			);
			if (g !== this.gen || out.status !== 'done') return false;
			this.result = out.result;
			this.config = config;
			this.busy = false;
			return true;
		} catch (e) {
			if (g === this.gen) {
				this.busy = false;
				this.error = errorMessage(e);
			}
			return false;
		}
	}
}
