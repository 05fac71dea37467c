/**
 * Runs the drift simulation in the lab's worker (newest request wins), with the batches done so far while it runs,
 * and replays it batch by batch; reads the user's files there too and computes their drift report (each its own
 * LatestRun: a newer request supersedes).
 */
import type { Remote } from 'comlink';
import type { DriftApi, OwnFiles } from '$lib/labs/drift/worker/api';
import type { DriftConfig, DriftPartial, DriftProgress, DriftResult } from '$lib/labs/drift/types';
import type { ReadProgress, Slot } from '$lib/labs/drift/worker/own-data';
import type { DriftRoles, OwnDriftReport } from '$lib/labs/drift/worker/own-report';
import type { PeriodSummary } from '$lib/labs/drift/worker/own-periods';
import { LatestRun, type Outcome } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class DriftController extends LatestRun<DriftConfig, DriftResult, DriftProgress> {
	readonly timeline = new Timeline(160);
	private api: Remote<DriftApi> | null = null;
	/** The user's files in the worker (a failed read keeps the previous ones). */
	files = $state.raw<OwnFiles>({ reference: null, current: null });
	/** One read per slot: dropping the current file while the reference is still being read does not stop it. */
	readonly importRuns: Record<Slot, LatestRun<Blob, OwnFiles, ReadProgress>> = {
		reference: this.importRunFor('reference'),
		current: this.importRunFor('current')
	};
	readonly reportRun = new LatestRun<DriftRoles, OwnDriftReport | null, number>((roles, report) => this.need().ownReport(roles, report), {
		fractionOf: (f) => f,
		cancel: () => void this.api?.cancelReport()
	});

	constructor() {
		super(null, { fractionOf: (p) => (p.total > 0 ? p.done / p.total : 0), cancel: () => this.api?.cancel() });
	}

	/**
	 * The running simulation's batches so far, with its settings (`pending`); null when no run is going or it has not
	 * reported yet. A cancelled, failed or superseded run's batches are dropped with its progress.
	 */
	get partial(): { soFar: DriftPartial; config: DriftConfig; total: number } | null {
		const p = this.busy ? this.progress : null;
		return p && this.pending ? { soFar: p.partial, config: this.pending, total: p.total } : null;
	}

	private importRunFor(slot: Slot): LatestRun<Blob, OwnFiles, ReadProgress> {
		return new LatestRun<Blob, OwnFiles, ReadProgress>((file, report) => this.need().importFile(slot, file, report), {
			fractionOf: (p) => p.fraction,
			cancel: () => void this.api?.cancelImport(slot)
		});
	}

	private need(): Remote<DriftApi> {
		return requireApi(this.api);
	}

	attach(api: Remote<DriftApi> | null): void {
		this.api = api;
		this.invalidate();
		// A new worker holds none of the user's files.
		this.importRuns.reference.clear();
		this.importRuns.current.clear();
		this.reportRun.clear();
		this.files = { reference: null, current: null };
	}

	protected override perform(config: DriftConfig, report: (p: DriftProgress) => void): Promise<Outcome<DriftResult>> {
		return requireApi(this.api).run(config, report);
	}

	override async run(config: DriftConfig): Promise<boolean> {
		if (!this.api) return false;
		const done = await super.run(config);
		if (done && this.result) this.timeline.load(this.result.batches.length);
		return done;
	}

	/** Read a file into a slot; the report is then recomputed by the page (it follows `files`). */
	async importFile(slot: Slot, file: Blob): Promise<void> {
		if (!this.api) return;
		const run = this.importRuns[slot];
		if (await run.run(file)) this.files = run.result!;
	}

	async report(roles: DriftRoles): Promise<void> {
		if (this.api) await this.reportRun.run(roles);
	}

	async forget(slot: Slot | null): Promise<void> {
		for (const s of slot ? [slot] : (['reference', 'current'] as const)) this.importRuns[s].clear();
		this.reportRun.clear();
		if (this.api) this.files = await this.api.forgetOwn(slot);
	}

	/** How a date column would split the rows by day, week, month, quarter and year (null: not dates, or no worker). */
	async periods(column: string, swapDayMonth: boolean): Promise<PeriodSummary | null> {
		return this.api ? this.api.ownPeriods(column, swapDayMonth) : null;
	}

	/** The last simulated stream as CSV (batch, x1, x2, label). */
	streamCsv(): Promise<string | null> {
		return this.need().streamCsv();
	}
}
