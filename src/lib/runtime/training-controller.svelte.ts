/**
 * Drives live training in a lab's worker: set up (on any data or model change), play to the target number of
 * steps, pause, step, and retarget. Only the newest request's results are shown (each setup bumps a generation; the
 * worker independently cancels superseded runs). Results are kept in $state.raw so Svelte does not proxy big arrays.
 */
import * as Comlink from 'comlink';
import type { Remote } from 'comlink';
import { errorMessage } from './lab-worker.svelte';

export interface TrainableApi<Config, Setup, Progress> {
	setup(config: Config): Promise<Setup>;
	/** The current state without training. */
	peek(): Promise<Progress>;
	train(steps: number, onProgress?: (p: Progress) => void, reportMs?: number): Promise<{ status: 'done' | 'cancelled' }>;
	cancel(): void;
}

export class TrainingController<Config, Setup, Progress> {
	setup = $state.raw<Setup | null>(null);
	progress = $state.raw<Progress | null>(null);
	playing = $state(false);
	busy = $state(false);
	error = $state<string | null>(null);
	target = $state(1);
	/** The worker's API (a Comlink proxy; every call returns a promise). */
	api: TrainableApi<Config, Setup, Progress> | null = null;
	private generation = 0;
	private readonly stepOf: (p: Progress) => number;

	/** `stepOf` reads the number of steps (epochs) trained from a progress report. */
	constructor(stepOf: (p: Progress) => number) {
		this.stepOf = stepOf;
	}

	attach(api: Remote<TrainableApi<Config, Setup, Progress>> | null): void {
		this.api = api as unknown as TrainableApi<Config, Setup, Progress> | null;
		this.generation++;
		this.setup = null;
		this.progress = null;
		this.playing = false;
	}

	get done(): number {
		return this.progress ? this.stepOf(this.progress) : 0;
	}

	private receiver(gen: number) {
		return Comlink.proxy((p: Progress) => {
			if (gen === this.generation) this.progress = p;
		});
	}

	async configure(config: Config, autoplay: boolean): Promise<void> {
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
		const remaining = this.target - this.done;
		if (remaining <= 0) {
			this.playing = false;
			return;
		}
		const gen = this.generation;
		this.playing = true;
		try {
			const outcome = await api.train(remaining, this.receiver(gen));
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
			await api.train(1, this.receiver(gen), 0);
		} catch (e) {
			if (gen === this.generation) this.error = errorMessage(e);
		}
	}

	/** A new target: keep training if playing, stop if already past it. */
	retarget(steps: number): void {
		this.target = steps;
		if (this.playing) void this.play();
	}
}
