/** Runs the drift simulation in the lab's worker (newest request wins) and replays it batch by batch. */
import type { Remote } from 'comlink';
import type { DriftApi } from '$workers/drift.api';
import type { DriftConfig, DriftProgress, DriftResult } from '$workers/drift.types';
import { LatestRun, type Outcome } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class DriftController extends LatestRun<DriftConfig, DriftResult, DriftProgress> {
	readonly timeline = new Timeline(160);
	private api: Remote<DriftApi> | null = null;

	constructor() {
		super(null, { fractionOf: (p) => (p.total > 0 ? p.done / p.total : 0), cancel: () => this.api?.cancel() });
	}

	attach(api: Remote<DriftApi> | null): void {
		this.api = api;
		this.invalidate();
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
}
