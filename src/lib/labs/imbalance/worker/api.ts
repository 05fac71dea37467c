/**
 * The class-imbalance lab's worker API: builds the seeded dataset and split, trains two MLPs side by side on their
 * losses, and reports snapshots (losses, test scores, decision surface, ROC/PR) while training (src/lib/labs/imbalance/worker/).
 * Imported directly by Node tests; the compute worker loads it on demand.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../engine/backend';
import type { BackendChoice, BackendReport } from '../../../engine/backend-types';
import { buildState, disposeState, syntheticData, type LabState } from './state';
import { datasetCsv, encode, valueCounts, type OwnSpec } from './own-data';
import { readTable, type FileSummary } from '../../../engine/read-table';
import type { StoredTable } from '$lib/data/table/column-store';
import { Exclusive, checkpoint, throttle } from '../../../engine/run-control';
import { engineAgreement, type Agreement } from '../../../engine/fused/agreement';
import { runSweep } from './sweep';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import { benchmark, benchmarkMany, peek, trainEpochs, type BenchmarkResult } from './training';
import { crossValidate } from './cross-validate';
import type {
	CrossValidationProgress,
	CrossValidationRequest,
	CrossValidationResult,
	ImbalanceConfig,
	ImbalanceProgress,
	ImbalanceSetup,
	SweepRunRequest,
	TrainOutcome
} from '../types';
import { CANCELLED, type Outcome } from '../../../engine/outcome';

export function createImbalanceApi() {
	const runs = new Exclusive();
	const imports = new Exclusive();
	/** Cross-validation runs beside the lab's training (its own models), a newer request superseding an older one. */
	const folds = new Exclusive();
	let state: LabState | null = null;
	/** The user's file (a failed read keeps the previous one). */
	let own: StoredTable | null = null;
	let backend: BackendReport | null = null;

	function current(): LabState {
		if (!state) throw new Error('Call setup() first.');
		return state;
	}

	function free(): void {
		if (state) disposeState(state);
		state = null;
	}

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},

		backend(): BackendReport | null {
			return backend;
		},

		/** Build data and fresh models. Cancels any training in progress first. */
		async setup(config: ImbalanceConfig): Promise<ImbalanceSetup> {
			await runs.stop();
			free();
			const built = buildState(config, config.own && own ? encode(own, config.own) : null);
			state = built.state;
			return built.setup;
		},

		/** Snapshot of the current (untrained or partly trained) models without training. */
		async peek(): Promise<ImbalanceProgress> {
			return peek(current());
		},

		/**
		 * Train up to `epochs` more epochs, reporting progress at most every `reportMs`. A later setup(), train()
		 * or cancel() supersedes this call, which then resolves with status 'cancelled' at the next checkpoint.
		 */
		async train(epochs: number, onProgress?: (p: ImbalanceProgress) => void, reportMs = 120): Promise<TrainOutcome> {
			current();
			return runs.run<TrainOutcome>(
				async (ticket) => {
					// The state as it is when this job starts (a setup() queued before it has replaced it).
					const s = current();
					await trainEpochs(s, epochs, ticket, onProgress, reportMs);
					return { status: 'done', epoch: s.epoch };
				},
				() => ({ status: 'cancelled', epoch: state?.epoch ?? 0 })
			);
		},

		cancel(): void {
			runs.cancel();
		},

		/** Training throughput of the lab's model (one MLP, its loss, batch size) on the current backend, in samples per second: the lab's path, or op by op. */
		async benchmark(ms = 2000, path: 'lab' | 'ops' = 'lab'): Promise<BenchmarkResult> {
			current();
			return runs.run(
				(ticket) => benchmark(current(), ms, ticket, path),
				() => {
					throw new Error('The benchmark was superseded by another request.');
				}
			);
		},

		/** Aggregate throughput of K copies of the lab's first model trained at once by the fused engine (null without it). */
		async benchmarkMany(K: number, ms = 2000): Promise<{ K: number; samplesPerSecond: number; perModel: number } | null> {
			current();
			return runs.run(
				(ticket) => benchmarkMany(current(), K, ms, ticket),
				() => {
					throw new Error('The benchmark was superseded by another request.');
				}
			);
		},

		/** Read the user's file (CSV/TSV, gzip too) in this worker; the lab trains on it when a setup names it (`own`). */
		importFile(file: Blob, onProgress?: (p: { rows: number; fraction: number }) => void): Promise<Outcome<FileSummary>> {
			const report = throttle(100);
			return imports.run<Outcome<FileSummary>>(
				async (ticket) => {
					const read = await readTable(file, new Map(), ticket, (rows, fraction) => {
						if (onProgress && report()) onProgress({ rows, fraction });
					});
					await checkpoint(ticket);
					own = read.table;
					return { status: 'done', result: read.summary };
				},
				() => CANCELLED
			);
		},

		cancelImport(): void {
			imports.cancel();
		},

		/** Whether `spec` can be trained on (its encoding of the loaded file): rows, inputs, positives — or an error in words. */
		checkOwn(spec: OwnSpec): { rows: number; inputs: number; positives: number; dropped: number } {
			if (!own) throw new Error('No file is loaded.');
			const e = encode(own, spec);
			let positives = 0;
			for (const v of e.data.y) positives += v;
			return { rows: e.data.n, inputs: e.data.d, positives, dropped: e.dropped.label + e.dropped.feature };
		},

		/** How many rows of the loaded file have each value of the column `label` (rows missing it left out), most frequent first. */
		labelCounts(label: string): Array<{ value: string; count: number }> {
			if (!own) throw new Error('No file is loaded.');
			return valueCounts(own, label);
		},

		forgetOwn(): void {
			imports.cancel();
			folds.cancel();
			own = null;
		},

		/**
		 * Stratified k-fold cross-validation of both models on the loaded file (`request.config.own`), trained as the
		 * lab trains them; progress per epoch ("fold 2 of 5"). A newer request or cancelCrossValidation() supersedes it
		 * (status 'cancelled'); the lab's own training is not touched.
		 */
		crossValidate(request: CrossValidationRequest, onProgress?: (p: CrossValidationProgress) => void): Promise<Outcome<CrossValidationResult>> {
			return folds.run<Outcome<CrossValidationResult>>(
				async (ticket) => {
					const { config, epochs, folds: k } = request;
					if (!config.own) throw new Error('Cross-validation runs on your file: choose its columns first.');
					if (!own) throw new Error('The imported file is no longer loaded: pick it again.');
					const result = await crossValidate(config, encode(own, config.own), { epochs, folds: k, ticket, onProgress });
					return { status: 'done', result };
				},
				() => CANCELLED
			);
		},

		cancelCrossValidation(): void {
			folds.cancel();
		},

		/** The synthetic data of `config` as the CSV the import reads (x1, x2, label; 1 = minority). */
		datasetCsv(config: ImbalanceConfig): string {
			return datasetCsv(syntheticData(config));
		},

		async dispose(): Promise<void> {
			await folds.stop();
			await runs.stop();
			free();
		},

		/**
		 * Train and score sweep runs (each a full setup of the lab), calling `onRun` as each finishes; cancellable with
		 * `cancel()`, and superseded by any other request to this worker.
		 */
		async sweep(requests: SweepRunRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runSweep);
		},

		/** Whether the active backend's fused kernel trains as the JS step does (for the browser tests). */
		async engineAgreement(epochs = 10): Promise<Agreement> {
			return runs.run(
				() => engineAgreement(epochs),
				() => {
					throw new Error('The check was superseded by another request.');
				}
			);
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type ImbalanceApi = ReturnType<typeof createImbalanceApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createImbalanceApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		imbalance: ImbalanceApi;
	}
}
