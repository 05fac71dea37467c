/**
 * Drives live training in a lab's worker: set up (on any data or model change), play to the target number of
 * steps, pause, step, and retarget. Built from two `LatestRun`s — setting up and training — so only the newest
 * request's results are shown; a new setup drops the progress of training on the old one. Results are kept in
 * $state.raw so Svelte does not proxy big arrays.
 */
import { tick } from 'svelte';
import { chartsDrawn } from '$lib/charts/first-draw';
import type { Remote } from 'comlink';
import { LatestRun } from './latest-run.svelte';
import { requireApi } from './lab-worker.svelte';

export interface TrainableApi<Config, Setup, Progress> {
	setup(config: Config): Promise<Setup>;
	/** The current state without training. */
	peek(): Promise<Progress>;
	train(steps: number, onProgress?: (p: Progress) => void, reportMs?: number): Promise<{ status: 'done' | 'cancelled' }>;
	cancel(): void;
}

export class TrainingController<Config, Setup, Progress> {
	/** The latest progress and the setup it belongs to. */
	private latest = $state.raw<{ p: Progress; of: object } | null>(null);
	playing = $state(false);
	target = $state(1);
	/** The worker's API (a Comlink proxy; every call returns a promise). */
	api: TrainableApi<Config, Setup, Progress> | null = null;
	private readonly stepOf: (p: Progress) => number;
	private readonly setupRun = new LatestRun<Config, { setup: Setup; first: Progress }>(async (config) => {
		const api = this.need();
		const setup = await api.setup(config);
		return { status: 'done', result: { setup, first: await api.peek() } };
	});
	private readonly trainRun = new LatestRun<{ steps: number; reportMs?: number }, null, Progress>(
		async ({ steps, reportMs }, report) => {
			const out = await this.need().train(steps, report, reportMs);
			return out.status === 'done' ? { status: 'done', result: null } : { status: 'cancelled' };
		},
		{ onProgress: (p) => (this.progress = p) }
	);

	/** `stepOf` reads the number of steps (epochs) trained from a progress report. */
	constructor(stepOf: (p: Progress) => number) {
		this.stepOf = stepOf;
	}

	private need(): TrainableApi<Config, Setup, Progress> {
		return requireApi(this.api);
	}

	/**
	 * The newest progress of the models of the current setup — never a report about an older setup's models, which
	 * could arrive (or still be held) after a new setup: the new setup's first snapshot stands in for it.
	 */
	get progress(): Progress | null {
		const current = this.setupRun.result;
		if (!current) return null;
		return this.latest && this.latest.of === current ? this.latest.p : current.first;
	}

	set progress(p: Progress | null) {
		const current = this.setupRun.result;
		this.latest = p && current ? { p, of: current } : null;
	}

	/** The data and models of the newest finished setup. */
	get setup(): Setup | null {
		return this.setupRun.result?.setup ?? null;
	}

	get busy(): boolean {
		return this.setupRun.busy;
	}

	get error(): string | null {
		return this.setupRun.error ?? this.trainRun.error;
	}

	get done(): number {
		return this.progress ? this.stepOf(this.progress) : 0;
	}

	attach(api: Remote<TrainableApi<Config, Setup, Progress>> | null): void {
		this.api = api as unknown as TrainableApi<Config, Setup, Progress> | null;
		this.setupRun.clear();
		this.trainRun.clear();
		this.progress = null;
		this.playing = false;
	}

	async configure(config: Config, autoplay: boolean): Promise<void> {
		if (!this.api) return;
		this.trainRun.invalidate();
		this.playing = false;
		if (!(await this.setupRun.run(config))) return;
		this.progress = this.setupRun.result!.first;
		if (!autoplay) return;
		// Start once the page has drawn the new setup's charts (one per frame, first-draw.ts), so that their first
		// draw does not compete with training's progress for the main thread.
		const setup = this.setup;
		await tick();
		await chartsDrawn();
		if (this.setup === setup && !this.busy) void this.play();
	}

	async play(): Promise<void> {
		if (!this.api || !this.setup || this.busy) return;
		const remaining = this.target - this.done;
		if (remaining <= 0) {
			this.playing = false;
			return;
		}
		this.playing = true;
		const setup = this.setup;
		const done = await this.trainRun.run({ steps: remaining });
		// Finished, or failed: stop. (Paused or superseded: pause() or the newer request decides.)
		if (this.setup === setup && (done || this.trainRun.error)) this.playing = false;
	}

	pause(): void {
		this.playing = false;
		void this.api?.cancel();
	}

	async step(): Promise<void> {
		if (!this.api || !this.setup || this.busy) return;
		this.pause();
		await this.trainRun.run({ steps: 1, reportMs: 0 });
	}

	/** A new target: keep training if playing, stop if already past it. */
	retarget(steps: number): void {
		this.target = steps;
		if (this.playing) void this.play();
	}
}
