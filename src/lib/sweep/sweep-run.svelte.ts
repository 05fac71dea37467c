/**
 * A sweep on the page: a LatestRun (newest request wins, cancel, progress with the time left) whose job deals the
 * planned runs to a worker pool and streams each run's result into the progress, so charts fill in as runs finish.
 */
import { LatestRun } from '$lib/runtime/latest-run.svelte';
import type { Outcome } from '$lib/engine/outcome';

export interface SweepRequest<Run> {
	runs: Run[];
}

export interface SweepResults<Arm> {
	/** Per run, its arms' metrics (undefined while it is still to come). */
	results: Array<Arm[] | undefined>;
	done: number;
	total: number;
	/** The backend the pool trained on. */
	backend: string;
}

export type StartPool<Run, Arm> = (
	runs: Run[],
	onRun: (id: number, arms: Arm[]) => void
) => { done: Promise<Outcome<number>>; cancel(): void; backend: Promise<string> };

export class SweepRun<Req extends SweepRequest<Run>, Run, Arm> extends LatestRun<Req, SweepResults<Arm>, SweepResults<Arm>> {
	private cancelPool: (() => void) | null = null;

	constructor(private readonly start: StartPool<Run, Arm>) {
		super(null, { fractionOf: (p) => (p.total ? p.done / p.total : 0), cancel: () => this.cancelPool?.() });
	}

	protected override async perform(request: Req, report: (p: SweepResults<Arm>) => void): Promise<Outcome<SweepResults<Arm>>> {
		this.cancelPool?.();
		const results: Array<Arm[] | undefined> = new Array(request.runs.length).fill(undefined);
		let done = 0;
		let backend = '';
		const pool = this.start(request.runs, (id, arms) => {
			results[id] = arms;
			done++;
			report({ results: results.slice(), done, total: results.length, backend });
		});
		const cancel = () => pool.cancel();
		this.cancelPool = cancel;
		void pool.backend.then((b) => (backend = b));
		try {
			const out = await pool.done;
			if (out.status !== 'done') return { status: 'cancelled' };
			return { status: 'done', result: { results, done, total: results.length, backend: await pool.backend } };
		} finally {
			// A newer sweep may have started meanwhile: leave its cancel in place.
			if (this.cancelPool === cancel) this.cancelPool = null;
		}
	}
}
