/** Runs the drift simulation in the lab's worker (newest request wins) and replays it batch by batch. */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { DriftApi } from '$workers/drift.api';
import type { DriftConfig, DriftProgress, DriftResult } from '$workers/drift.types';
import { errorMessage } from '$lib/workers/lab-worker.svelte';
import { Timeline } from '$lib/components/timeline.svelte';

export class DriftController {
	result = $state.raw<DriftResult | null>(null);
	config = $state.raw<DriftConfig | null>(null);
	progress = $state.raw<DriftProgress | null>(null);
	busy = $state(false);
	error = $state<string | null>(null);
	readonly timeline = new Timeline(160);
	api: Remote<DriftApi> | null = null;
	private gen = 0;

	attach(api: Remote<DriftApi> | null): void {
		this.api = api;
		this.gen++;
	}

	async run(config: DriftConfig): Promise<void> {
		const api = this.api;
		if (!api) return;
		const g = ++this.gen;
		this.busy = true;
		this.error = null;
		this.progress = { done: 0, total: config.batches };
		try {
			const out = await api.run(
				config,
				Comlink.proxy((p: DriftProgress) => {
					if (g === this.gen) this.progress = p;
				})
			);
			if (g !== this.gen || out.status !== 'done') return;
			this.result = out.result;
			this.config = config;
			this.timeline.load(out.result.batches.length);
			this.busy = false;
		} catch (e) {
			if (g === this.gen) {
				this.busy = false;
				this.error = errorMessage(e);
			}
		}
	}
}
