/**
 * The one main-thread primitive for work done in a worker: run the newest request and keep its result, busy flag,
 * error in words, progress (with the share done and the time left), and a cancelled request to run again.
 * Every run takes a generation; an answer, a progress report or an error of a superseded run is dropped, so a
 * slow old request can never overwrite a newer one. (Debouncing settings is `followConfig`'s job, not this one's.)
 * Every lab's controllers are built from it: one whole simulation, live training, the A/B lab's three simulations,
 * compression and the scaling lab's loss surfaces.
 */
import * as Comlink from 'comlink';
import { remainingMs } from '$lib/progress';
import { nextFrame } from './next-frame';

import type { Outcome } from '$lib/engine/outcome';

export type { Outcome };

/** A job: send the request to the worker, report progress through `report` (a Comlink proxy), answer an outcome. */
export type Job<Req, Res, Prog> = (request: Req, report: (p: Prog) => void) => Promise<Outcome<Res>>;

export interface LatestRunOptions<Prog> {
	/** The share of the work done (0…1) from a progress report, for the progress bar and the time left. */
	fractionOf?: (p: Prog) => number;
	/** Ask the worker to stop the job in progress (called by `cancel()`). */
	cancel?: () => unknown;
	/** Called with each progress report of the current run. */
	onProgress?: (p: Prog) => void;
}

export function errorMessage(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.replace(/^Error: /, '');
}

export class LatestRun<Req, Res, Prog = never> {
	result = $state.raw<Res | null>(null);
	/** The request that produced `result`. */
	request = $state.raw<Req | null>(null);
	progress = $state.raw<Prog | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	/** The user cancelled the newest run; its request is kept to run again. */
	cancelledRequest = $state.raw<Req | null>(null);
	/** Share of the running job done (0…1), and the estimated time it still needs (null: not known yet). */
	fraction = $state(0);
	remaining = $state<number | null>(null);
	private gen = 0;
	/** The newest request (running, or the last one run). */
	pending = $state.raw<Req | null>(null);
	/** How long the last completed run took (ms; 0 before one has), e.g. for estimating longer jobs of the same kind. */
	lastMs = $state(0);
	private startedAt = 0;
	private readonly job: Job<Req, Res, Prog> | null;
	private readonly options: LatestRunOptions<Prog>;

	constructor(job: Job<Req, Res, Prog> | null, options: LatestRunOptions<Prog> = {}) {
		this.job = job;
		this.options = options;
	}

	/** The job itself; a subclass may supply it instead of passing one to the constructor. */
	protected perform(request: Req, report: (p: Prog) => void): Promise<Outcome<Res>> {
		if (!this.job) throw new Error('LatestRun has no job.');
		return this.job(request, report);
	}

	/** Run `request`, superseding any run in progress; resolves true when it completed and is still the newest. */
	async run(request: Req): Promise<boolean> {
		const g = ++this.gen;
		this.busy = true;
		this.error = null;
		this.cancelledRequest = null;
		this.pending = request;
		this.progress = null;
		this.fraction = 0;
		this.remaining = null;
		this.startedAt = performance.now();
		// Progress reaches the page at most once per animation frame: reports that arrive within one frame are
		// coalesced to the newest, so a fast worker never makes the page redraw twice in a frame.
		const queued: { report: { p: Prog } | null; cancel: (() => void) | null } = { report: null, cancel: null };
		const apply = () => {
			queued.cancel = null;
			const w = queued.report;
			queued.report = null;
			if (!w || g !== this.gen) return;
			this.progress = w.p;
			if (this.options.fractionOf) {
				this.fraction = Math.min(1, Math.max(0, this.options.fractionOf(w.p)));
				this.remaining = remainingMs(performance.now() - this.startedAt, this.fraction);
			}
			this.options.onProgress?.(w.p);
		};
		const report = Comlink.proxy((p: Prog) => {
			if (g !== this.gen) return;
			queued.report = { p };
			queued.cancel ??= nextFrame(apply);
		});
		try {
			const out = await this.perform(request, report);
			// The last report is shown before the result.
			if (queued.cancel) {
				queued.cancel();
				apply();
			}
			if (g !== this.gen) return false;
			this.busy = false;
			if (out.status !== 'done') return false;
			this.lastMs = performance.now() - this.startedAt;
			this.result = out.result;
			this.request = request;
			return true;
		} catch (e) {
			if (g === this.gen) {
				this.busy = false;
				this.error = errorMessage(e);
			}
			return false;
		}
	}

	/** Forget the run in progress (e.g. its worker was replaced): its answer will be dropped. */
	invalidate(): void {
		this.gen++;
		this.busy = false;
		this.progress = null;
		this.remaining = null;
	}

	/** Forget the result too. */
	clear(): void {
		this.invalidate();
		this.result = null;
		this.request = null;
		this.error = null;
	}

	/** Stop the running job; the last finished result stays and the cancelled request can be run again. */
	cancel(): void {
		if (!this.busy) return;
		this.invalidate();
		this.cancelledRequest = this.pending;
		void this.options.cancel?.();
	}

	/** Run the cancelled request after all. */
	rerun(): void {
		if (this.cancelledRequest) void this.run(this.cancelledRequest);
	}
}
