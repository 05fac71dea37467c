/**
 * Runs the A/B lab's three simulations in its worker — each a `LatestRun`, so each kind of result keeps only the
 * newest request's answer — and animates the single experiment day by day.
 */
import type { Remote } from 'comlink';
import type { AbtestApi, ImportSummary } from '$lib/labs/abtest/worker/api';
import type { OwnRules } from '$lib/labs/abtest/worker/own-data';
import type { ExperimentConfig, ExperimentResult, PeekingConfig, PeekingResult, PowerConfig, PowerResult } from '$lib/labs/abtest/types';
import { LatestRun } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';
import { Timeline } from '$lib/runtime/timeline.svelte';

export class AbtestController {
	/** Day-by-day replay of the experiment. */
	readonly timeline = new Timeline();
	api: Remote<AbtestApi> | null = null;
	readonly experimentRun = new LatestRun<ExperimentConfig, ExperimentResult>(async (c) => ({ status: 'done', result: await this.need().experiment(c) }));
	/** Progress reports are partial results: the tally so far. */
	readonly peekingRun = new LatestRun<PeekingConfig, PeekingResult, PeekingResult>((c, report) => this.need().peeking(c, report));
	readonly powerRun = new LatestRun<PowerConfig, PowerResult>((c) => this.need().power(c));
	/** The user's file, read in the worker; progress is the number of rows read so far. */
	readonly importRun = new LatestRun<Blob, ImportSummary, number>((file, report) => this.need().importData(file, report), {
		cancel: () => void this.api?.cancelImport()
	});
	/** The imported experiment, analysed with the lab's rules. */
	readonly ownRun = new LatestRun<OwnRules, ExperimentResult | null>(async (rules) => ({ status: 'done', result: await this.need().analyseOwn(rules) }));

	private need(): Remote<AbtestApi> {
		return requireApi(this.api);
	}

	attach(api: Remote<AbtestApi> | null): void {
		this.api = api;
		for (const run of [this.experimentRun, this.peekingRun, this.powerRun]) run.invalidate();
		// A new worker holds no imported data.
		this.importRun.clear();
		this.ownRun.clear();
	}

	get experiment(): ExperimentResult | null {
		return this.experimentRun.result;
	}

	/** The newest tally: partial while a run is in progress. */
	get peeking(): PeekingResult | null {
		return (this.peekingRun.busy ? this.peekingRun.progress : null) ?? this.peekingRun.result;
	}

	get power(): PowerResult | null {
		return this.powerRun.result;
	}

	async runExperiment(config: ExperimentConfig): Promise<void> {
		if (this.api && (await this.experimentRun.run(config))) this.timeline.load(this.experimentRun.result!.days.length);
	}

	async runPeeking(config: PeekingConfig): Promise<void> {
		if (this.api) await this.peekingRun.run(config);
	}

	/** `null`: the plan has no valid sample size, so there is no power curve to show. */
	async runPower(config: PowerConfig | null): Promise<void> {
		if (!this.api || !config) this.powerRun.clear();
		else await this.powerRun.run(config);
	}

	/** Read a file; on success, analyse it with `rules`. A failed import keeps what was loaded before. */
	async importFile(file: Blob, rules: OwnRules): Promise<void> {
		if (!this.api) return;
		// A failed or cancelled import leaves the previous result here, and the previous data in the worker.
		if (await this.importRun.run(file)) await this.ownRun.run(rules);
	}

	async analyseOwn(rules: OwnRules): Promise<void> {
		if (this.api && this.importRun.result) await this.ownRun.run(rules);
	}

	forget(): void {
		void this.api?.forgetOwn();
		this.importRun.clear();
		this.ownRun.clear();
	}

	/** The simulated experiment as the per-day CSV the import reads. */
	async experimentCsv(config: ExperimentConfig): Promise<string> {
		return this.need().experimentCsv(config);
	}

	dispose(): void {
		this.timeline.pause();
	}
}
