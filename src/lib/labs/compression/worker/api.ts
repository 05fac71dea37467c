/**
 * The compression lab's worker API: trains an MLP on seeded data (cancellable, with progress), then builds every
 * compressed variant — and, when asked, two students: on labels alone and distilled from the model (./distill.ts) —
 * measures its test accuracy/AUC, size (packed, and as exported to TF.js) and latency on the current backend, and
 * exports any variant in the TF.js layers format (src/lib/labs/compression/worker/).
 * One queue of jobs: setting up and training supersede everything; compressing waits for training to finish and
 * supersedes an older compression.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../engine/backend';
import type { BackendChoice, BackendReport } from '../../../engine/backend-types';
import { checkpoint, Exclusive } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import { buildState, disposeState, estimateTrainMs, peek, trainEpochs, type ModelState, type TrainEstimate } from './model';
import { fineTune } from './fine-tune';
import { planVariants } from './plan';
import { histogramFrame, latencyInputs, measureVariant } from './measure';
import { exportTfjs } from './export';
import { studentTrainer, validateDistill } from './distill';
import type { ModelVariant } from './variants';
import { forgetTrained, runCompressionSweep } from './sweep';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import type {
	CompressionConfig,
	CompressionProgress,
	CompressionSetup,
	CompressProgress,
	CompressResult,
	CompressSpec,
	CompressionSweepRequest,
	ExportedModel,
	PartialVariant,
	VariantResult
} from '../types';

export function validateSpec(s: CompressSpec): void {
	if (!(s.sparsity >= 0 && s.sparsity < 1)) throw new RangeError(`Sparsity must be in [0, 1) (got ${s.sparsity}).`);
	if (!Number.isInteger(s.runs) || s.runs < 3) throw new RangeError(`Time at least 3 runs per variant (got ${s.runs}).`);
	if (!Number.isInteger(s.largeBatch) || s.largeBatch < 2) throw new RangeError(`The large batch needs at least 2 rows (got ${s.largeBatch}).`);
	if (!Number.isInteger(s.fineTuneEpochs) || s.fineTuneEpochs < 1) throw new RangeError('Fine-tuning needs at least one epoch.');
	if (s.distill) validateDistill(s.distill);
}

export function createCompressionApi() {
	const jobs = new Exclusive();
	let state: ModelState | null = null;
	let backend: BackendReport | null = null;

	function current(what: string): ModelState {
		if (!state) throw new Error(`Call setup() before ${what}().`);
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

		/** Build data and a fresh model. Cancels training and compression in progress first. */
		async setup(config: CompressionConfig): Promise<CompressionSetup> {
			await jobs.stop();
			free();
			const built = buildState(config);
			state = built.state;
			return built.setup;
		},

		async peek(): Promise<CompressionProgress> {
			return peek(current('peek'));
		},

		/** Train `epochs` more epochs; supersedes training and compression in progress. */
		async train(epochs: number, onProgress?: (p: CompressionProgress) => void, reportMs = 120): Promise<{ status: 'done' | 'cancelled' }> {
			current('train');
			return jobs.run<{ status: 'done' | 'cancelled' }>(
				async (ticket) => {
					await trainEpochs(current('train'), epochs, ticket, onProgress, reportMs);
					return { status: 'done' };
				},
				() => CANCELLED,
				{ lane: 'train' }
			);
		},

		cancel(): void {
			jobs.cancel();
		},

		/** Sweep runs (the lab's model per seed, pruned four ways at each sparsity); cancellable, superseded by any other request. */
		async sweep(requests: CompressionSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(jobs, requests, onRun, runCompressionSweep);
		},

		/**
		 * How long training the current model for `epochs` epochs will take here, on the faster of the two paths (both
		 * timed briefly on a copy). Queued with the other jobs, so a new setup waits for it.
		 */
		async estimateTrainMs(epochs: number): Promise<TrainEstimate> {
			current('estimateTrainMs');
			return jobs.run(
				() => estimateTrainMs(current('estimateTrainMs'), epochs),
				() => {
					throw new Error('The estimate was superseded by newer settings.');
				},
				{ lane: 'estimate', wait: true }
			);
		},

		/** Build, evaluate, size and time every variant of the current model. Waits for training; newest request wins. */
		async compress(cs: CompressSpec, onProgress?: (p: CompressProgress) => void): Promise<Outcome<CompressResult>> {
			current('compress');
			validateSpec(cs);
			return jobs.run<Outcome<CompressResult>>(
				async (ticket) => {
					const s = current('compress');
					const base = await s.model.getWeights();
					const students = studentTrainer(s, ticket);
					const plans = planVariants(base, cs, (start, sparsity) => fineTune(s, start, cs.fineTuneEpochs, sparsity, ticket), students.teach);
					const inputs = latencyInputs(s, cs.largeBatch);
					const histogram = histogramFrame(base);
					const built = new Map<string, ModelVariant>();
					const variants: VariantResult[] = [];
					let fineTuneRate: number | undefined;
					// Every report carries every variant measured so far (the page keeps the newest report per frame).
					const report = (i: number, current?: PartialVariant) =>
						onProgress?.({
							done: i,
							total: plans.length,
							variant: plans[i]?.spec ?? null,
							partial: current ? [...variants, current] : variants.slice(),
							...(fineTuneRate !== undefined ? { fineTuneRate } : {})
						});
					try {
						for (let i = 0; i < plans.length; i++) {
							const { spec, build } = plans[i];
							report(i);
							const t0 = performance.now();
							const v = await build();
							if (spec.kind === 'unstructured' && spec.fineTuned)
								fineTuneRate = (cs.fineTuneEpochs * s.train.n) / Math.max(1e-3, (performance.now() - t0) / 1000);
							built.set(spec.id, v);
							const onPartial = onProgress ? (p: PartialVariant) => report(i, p) : undefined;
							variants.push(await measureVariant(s, spec, v, base, inputs, cs, histogram, ticket, onPartial));
							await checkpoint(ticket);
						}
					} finally {
						tf.dispose([inputs.x1, inputs.xLarge]);
						students.dispose();
					}
					s.variants = built;
					report(plans.length);
					const result: CompressResult = { backend: backend?.active ?? tf.getBackend(), variants, histogram, largeBatch: inputs.largeBatch };
					if (fineTuneRate !== undefined) result.fineTuneRate = fineTuneRate;
					return { status: 'done', result };
				},
				() => CANCELLED,
				{ lane: 'compress', wait: true }
			);
		},

		/** The TF.js layers export (model.json text and weights.bin bytes) of a variant from the last compress(). */
		exportVariant(id: string): ExportedModel {
			const v = state?.variants.get(id);
			if (!v) throw new Error(`No variant '${id}': compress the model first.`);
			return exportTfjs(v.layers, v.encoding, 'relu', `ML Design Lab (${id})`);
		},

		async dispose(): Promise<void> {
			await jobs.stop();
			free();
			forgetTrained();
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type CompressionApi = ReturnType<typeof createCompressionApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createCompressionApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		compression: CompressionApi;
	}
}
