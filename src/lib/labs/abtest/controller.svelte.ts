/**
 * Runs the A/B lab's three simulations in its worker and animates the single experiment day by day.
 * Each kind of result keeps only the newest request's answer (a generation counter per kind).
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { AbtestApi } from '$workers/abtest.api';
import type { ExperimentConfig, ExperimentResult, PeekingConfig, PeekingResult, PowerConfig, PowerResult } from '$workers/abtest.types';
import { errorMessage } from '$lib/runtime/lab-worker.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class AbtestController {
	experiment = $state.raw<ExperimentResult | null>(null);
	experimentError = $state<string | null>(null);
	peeking = $state.raw<PeekingResult | null>(null);
	peekingError = $state<string | null>(null);
	peekingBusy = $state(false);
	power = $state.raw<PowerResult | null>(null);
	powerError = $state<string | null>(null);
	/** Day-by-day replay of the experiment. */
	readonly timeline = new Timeline();
	api: Remote<AbtestApi> | null = null;
	private gen = { experiment: 0, peeking: 0, power: 0 };

	attach(api: Remote<AbtestApi> | null): void {
		this.api = api;
	}

	async runExperiment(config: ExperimentConfig): Promise<void> {
		if (!this.api) return;
		const g = ++this.gen.experiment;
		try {
			const r = await this.api.experiment(config);
			if (g !== this.gen.experiment) return;
			this.experiment = r;
			this.experimentError = null;
			this.timeline.load(r.days.length);
		} catch (e) {
			if (g === this.gen.experiment) this.experimentError = errorMessage(e);
		}
	}

	async runPeeking(config: PeekingConfig): Promise<void> {
		if (!this.api) return;
		const g = ++this.gen.peeking;
		this.peekingBusy = true;
		try {
			const out = await this.api.peeking(
				config,
				Comlink.proxy((p: PeekingResult) => {
					if (g === this.gen.peeking) this.peeking = p;
				})
			);
			if (g !== this.gen.peeking) return;
			if (out.status === 'done') {
				this.peeking = out.result;
				this.peekingError = null;
			}
			this.peekingBusy = false;
		} catch (e) {
			if (g === this.gen.peeking) {
				this.peekingError = errorMessage(e);
				this.peekingBusy = false;
			}
		}
	}

	async runPower(config: PowerConfig | null): Promise<void> {
		const g = ++this.gen.power;
		if (!this.api || !config) {
			this.power = null;
			return;
		}
		try {
			const out = await this.api.power(config);
			if (g !== this.gen.power) return;
			if (out.status === 'done') {
				this.power = out.result;
				this.powerError = null;
			}
		} catch (e) {
			if (g === this.gen.power) this.powerError = errorMessage(e);
		}
	}

	dispose(): void {
		this.timeline.pause();
	}
}
