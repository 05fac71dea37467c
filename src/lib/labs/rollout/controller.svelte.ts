/**
 * Runs the rollout lab's two simulations in its worker — one seeded run hour by hour, and many seeded runs tallied
 * with progress — each a `LatestRun`, so each keeps only the newest request's answer.
 */
import type { Remote } from 'comlink';
import type { RolloutApi } from '$lib/labs/rollout/worker/api';
import type { ManyRunsConfig, ManyRunsProgress, ManyRunsResult, OneRunResult, RolloutConfig } from '$lib/labs/rollout/types';
import { LatestRun } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class RolloutController {
	api: Remote<RolloutApi> | null = null;
	/** Hour-by-hour replay of the one run (a week in about eight seconds). */
	readonly timeline = new Timeline(50);
	readonly oneRun = new LatestRun<RolloutConfig, OneRunResult>(async (c) => ({ status: 'done', result: await this.need().one(c) }));
	readonly manyRun = new LatestRun<ManyRunsConfig, ManyRunsResult, ManyRunsProgress>((c, report) => this.need().many(c, report), {
		fractionOf: (p) => (p.total > 0 ? p.done / p.total : 0),
		cancel: () => this.api?.cancel()
	});

	private need(): Remote<RolloutApi> {
		return requireApi(this.api);
	}

	attach(api: Remote<RolloutApi> | null): void {
		this.api = api;
		this.oneRun.invalidate();
		this.manyRun.invalidate();
	}

	async runOne(config: RolloutConfig): Promise<void> {
		if (this.api && (await this.oneRun.run(config))) this.timeline.load(config.hours);
	}

	dispose(): void {
		this.timeline.pause();
	}

	async runMany(config: ManyRunsConfig): Promise<void> {
		if (this.api) await this.manyRun.run(config);
	}
}
