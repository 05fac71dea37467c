/**
 * Drives training in the imbalance worker: set up (on any data or model change), play to the target epoch,
 * pause, step, reset. Only the newest request's results are shown (each setup bumps a generation; the worker
 * independently cancels superseded runs). Large arrays are kept in $state.raw so Svelte does not proxy them.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import type { ImbalanceApi } from '$workers/imbalance.api';
import type { ImbalanceConfig, ImbalanceProgress, ImbalanceSetup } from '$workers/imbalance.types';
import { errorMessage } from '$lib/workers/lab-worker.svelte';

export class ImbalanceController {
	setup = $state.raw<ImbalanceSetup | null>(null);
	progress = $state.raw<ImbalanceProgress | null>(null);
	playing = $state(false);
	busy = $state(false);
	error = $state<string | null>(null);
	target = $state(60);
	api: Remote<ImbalanceApi> | null = null;
	private generation = 0;

	attach(api: Remote<ImbalanceApi> | null): void {
		this.api = api;
		this.generation++;
		this.setup = null;
		this.progress = null;
		this.playing = false;
	}

	get epoch(): number {
		return this.progress?.epoch ?? 0;
	}

	async configure(config: ImbalanceConfig, autoplay: boolean): Promise<void> {
		const api = this.api;
		if (!api) return;
		const gen = ++this.generation;
		this.busy = true;
		this.error = null;
		this.playing = false;
		try {
			const setup = await api.setup(config);
			if (gen !== this.generation) return;
			const first = await api.peek();
			if (gen !== this.generation) return;
			this.setup = setup;
			this.progress = first;
			this.busy = false;
			if (autoplay) void this.play();
		} catch (e) {
			if (gen !== this.generation) return;
			this.busy = false;
			this.error = errorMessage(e);
		}
	}

	async play(): Promise<void> {
		const api = this.api;
		if (!api || !this.setup || this.busy) return;
		const remaining = this.target - this.epoch;
		if (remaining <= 0) {
			this.playing = false;
			return;
		}
		const gen = this.generation;
		this.playing = true;
		try {
			const outcome = await api.train(
				remaining,
				Comlink.proxy((p: ImbalanceProgress) => {
					if (gen === this.generation) this.progress = p;
				})
			);
			if (gen === this.generation && outcome.status === 'done') this.playing = false;
		} catch (e) {
			if (gen === this.generation) {
				this.playing = false;
				this.error = errorMessage(e);
			}
		}
	}

	pause(): void {
		this.playing = false;
		void this.api?.cancel();
	}

	async step(): Promise<void> {
		const api = this.api;
		if (!api || !this.setup || this.busy) return;
		this.pause();
		const gen = this.generation;
		try {
			await api.train(
				1,
				Comlink.proxy((p: ImbalanceProgress) => {
					if (gen === this.generation) this.progress = p;
				}),
				0
			);
		} catch (e) {
			if (gen === this.generation) this.error = errorMessage(e);
		}
	}

	/** A new target epoch count: keep training if playing, stop if already past it. */
	retarget(epochs: number): void {
		this.target = epochs;
		if (this.playing) {
			this.api?.cancel();
			void this.play();
		}
	}
}
