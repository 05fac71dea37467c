/** Runs the drift simulation in the lab's worker (newest request wins) and replays it batch by batch. */
import type { DriftConfig, DriftProgress, DriftResult } from '$workers/drift.types';
import { RunController } from '$lib/runtime/run-controller.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class DriftController extends RunController<DriftConfig, DriftResult, DriftProgress> {
	readonly timeline = new Timeline(160);

	constructor() {
		super((p) => (p.total > 0 ? p.done / p.total : 0));
	}

	override async run(config: DriftConfig): Promise<boolean> {
		this.progress = { done: 0, total: config.batches };
		const done = await super.run(config);
		if (done && this.result) this.timeline.load(this.result.batches.length);
		return done;
	}
}
