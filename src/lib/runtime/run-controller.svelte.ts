/**
 * Runs one whole simulation at a time in a lab's worker and keeps the newest request's result (each run bumps a
 * generation; the worker independently cancels superseded runs), with its progress, the share done and the time
 * left, busy flag, cancel, and error in words.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import { errorMessage } from './lab-worker.svelte';
import { remainingMs } from '$lib/progress';

export interface RunnableApi<Config, Result, Progress> {
	run(config: Config, onProgress?: (p: Progress) => void): Promise<{ status: 'done'; result: Result } | { status: 'cancelled' }>;
	cancel?(): void;
}

export class RunController<Config, Result, Progress> {
	result = $state.raw<Result | null>(null);
	/** The configuration that produced `result`. */
	config = $state.raw<Config | null>(null);
	progress = $state.raw<Progress | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	/** The user cancelled the newest run (its settings are kept in `cancelledConfig` to run again). */
	cancelledConfig = $state.raw<Config | null>(null);
	/** Share of the running job done (0…1), and the estimated time it still needs (null: not known yet). */
	fraction = $state(0);
	remaining = $state<number | null>(null);
	private api: RunnableApi<Config, Result, Progress> | null = null;
	private gen = 0;
	private startedAt = 0;
	private pending: Config | null = null;
	private readonly fractionOf: (p: Progress) => number;

	/** `fractionOf` reads the share of the work done from a progress report. */
	constructor(fractionOf: (p: Progress) => number = () => 0) {
		this.fractionOf = fractionOf;
	}

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
		this.cancelledConfig = null;
		this.pending = config;
		this.fraction = 0;
		this.remaining = null;
		this.startedAt = performance.now();
		try {
			const out = await api.run(
				config,
				Comlink.proxy((p: Progress) => {
					if (g !== this.gen) return;
					this.progress = p;
					this.fraction = Math.min(1, Math.max(0, this.fractionOf(p)));
					this.remaining = remainingMs(performance.now() - this.startedAt, this.fraction);
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

	/** Stop the running job; its result is not shown. The last finished result stays. */
	cancel(): void {
		if (!this.busy) return;
		this.gen++;
		this.busy = false;
		this.progress = null;
		this.remaining = null;
		this.cancelledConfig = this.pending;
		void this.api?.cancel?.();
	}

	/** Run the settings of the cancelled job after all. */
	rerun(): void {
		if (this.cancelledConfig) void this.run(this.cancelledConfig);
	}
}
