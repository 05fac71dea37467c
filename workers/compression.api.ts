/**
 * The compression lab's worker logic: trains an MLP on seeded data (cancellable, with progress), then builds every
 * compressed variant, measures its test accuracy/AUC, size (packed, and as exported to TF.js) and latency on the
 * current backend, and exports any variant in the TF.js layers format.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '$lib/data/rng';
import { makeTeacherData } from '$lib/data/teacher';
import { stratifiedSplit } from '$lib/data/split';
import { focalLoss } from '$lib/ml/losses';
import { magnitudePrune, polynomialDecaySparsity } from '$lib/ml/compression';
import { rocAuc } from '$lib/metrics/classification';
import { histogramCounts } from '$lib/stats/histogram';
import { initBackend } from './lib/backend';
import type { BackendChoice, BackendReport } from './lib/backend-types';
import { Mlp, type DenseWeights } from './lib/mlp';
import { Cancelled, LatestWins, checkpoint, throttle, type Ticket } from './lib/run-control';
import { disposeDevice, toDevice, trainEpoch, trainSamples, type DeviceData } from './lib/train';
import { measureLatency } from './compression/latency';
import { baseline, countNonzero, halfPrecision, quantized, sparseVariant, structured, unstructured, widths, type ModelVariant } from './compression/variants';
import { exportNote, exportTfjs } from './compression/export';
import type { CompressionConfig, CompressionProgress, CompressionSetup, CompressProgress, CompressResult, CompressSpec, ExportedModel, VariantResult } from './compression.types';

const bce = (y: tf.Tensor, p: tf.Tensor) => focalLoss(y, p, { gamma: 0, alpha: null });
const HIST_BINS = 80;

export function validateCompression(c: CompressionConfig): void {
	if (!Number.isInteger(c.width) || c.width < 2 || c.width > 2048) throw new RangeError(`The layer width must be between 2 and 2,048 (got ${c.width}).`);
	if (!Number.isInteger(c.depth) || c.depth < 1 || c.depth > 6) throw new RangeError(`The number of hidden layers must be between 1 and 6 (got ${c.depth}).`);
	if (!(c.lr > 0 && c.lr <= 1)) throw new RangeError(`The learning rate must be in (0, 1] (got ${c.lr}).`);
}

export function validateSpec(s: CompressSpec): void {
	if (!(s.sparsity >= 0 && s.sparsity < 1)) throw new RangeError(`Sparsity must be in [0, 1) (got ${s.sparsity}).`);
	if (!Number.isInteger(s.runs) || s.runs < 3) throw new RangeError(`Time at least 3 runs per variant (got ${s.runs}).`);
	if (!Number.isInteger(s.largeBatch) || s.largeBatch < 2) throw new RangeError(`The large batch needs at least 2 rows (got ${s.largeBatch}).`);
	if (!Number.isInteger(s.fineTuneEpochs) || s.fineTuneEpochs < 1) throw new RangeError('Fine-tuning needs at least one epoch.');
}

interface State {
	config: CompressionConfig;
	model: Mlp;
	optimizer: tf.Optimizer;
	train: DeviceData;
	test: DeviceData;
	testY: Uint8Array;
	rng: ReturnType<typeof createRng>;
	epoch: number;
	history: CompressionProgress['history'];
	variants: Map<string, ModelVariant>;
}

export function createCompressionApi() {
	const trainRuns = new LatestWins();
	const compressRuns = new LatestWins();
	let running: Promise<unknown> = Promise.resolve();
	let compressing: Promise<unknown> = Promise.resolve();
	let state: State | null = null;
	let backend: BackendReport | null = null;

	function disposeState(): void {
		if (!state) return;
		state.model.dispose();
		state.optimizer.dispose();
		disposeDevice(state.train);
		disposeDevice(state.test);
		state = null;
	}

	async function accuracyOf(model: Mlp, s: State): Promise<{ accuracy: number; auc: number }> {
		const p = await model.predictArray(s.test.x);
		let ok = 0;
		for (let i = 0; i < p.length; i++) ok += (p[i] >= 0.5 ? 1 : 0) === s.testY[i] ? 1 : 0;
		return { accuracy: ok / p.length, auc: rocAuc(s.testY, p) };
	}

	function spec(layers: DenseWeights[]) {
		return { inputs: layers[0].fanIn, hidden: layers.slice(0, -1).map((l) => l.fanOut), activation: 'relu' as const };
	}

	/** Fine-tune a copy of the weights; with `sparsity`, prune gradually (polynomial decay) and keep the mask. */
	async function fineTune(s: State, start: DenseWeights[], epochs: number, sparsity: number | null, ticket: Ticket): Promise<DenseWeights[]> {
		const model = new Mlp(spec(start), start);
		const opt = tf.train.adam(s.config.lr * 0.5);
		const stepsPerEpoch = Math.ceil(s.train.n / s.config.batchSize);
		const schedule = { initialSparsity: 0, finalSparsity: sparsity ?? 0, beginStep: 0, endStep: Math.max(1, Math.floor(0.75 * epochs * stepsPerEpoch)), power: 3 };
		let masks: tf.Tensor[] = [];
		const applyMasks = () => tf.tidy(() => model.kernels.forEach((k, i) => masks[i] && k.assign(tf.mul(k, masks[i]))));
		try {
			for (let e = 0; e < epochs; e++) {
				if (sparsity !== null) {
					// Update the masks at the start of each epoch to the schedule's sparsity (TF-MOT updates every N steps).
					const target = polynomialDecaySparsity(schedule, e * stepsPerEpoch);
					const weights = await model.getWeights();
					tf.dispose(masks);
					masks = weights.map((w) => tf.tensor2d(Float32Array.from(magnitudePrune(w.kernel, target), (v) => (v !== 0 ? 1 : 0)), [w.fanIn, w.fanOut]));
					applyMasks();
				}
				await trainEpoch(model, opt, s.train, bce, { batchSize: s.config.batchSize, rng: s.rng.fork(`ft${e}`), ticket, afterStep: sparsity !== null ? applyMasks : undefined });
			}
			const out = await model.getWeights();
			// End exactly at the requested sparsity.
			return sparsity === null ? out : out.map((w) => ({ ...w, kernel: magnitudePrune(w.kernel, sparsity) }));
		} finally {
			tf.dispose(masks);
			opt.dispose();
			model.dispose();
		}
	}

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},

		async setup(config: CompressionConfig): Promise<CompressionSetup> {
			trainRuns.cancel();
			compressRuns.cancel();
			await Promise.all([running.catch(() => undefined), compressing.catch(() => undefined)]);
			disposeState();
			validateCompression(config);
			const rng = createRng(config.seed);
			const data = makeTeacherData({ n: Math.round(config.nTrain / 0.7), d: config.features, flip: 0.05 }, rng.fork('data'));
			const split = stratifiedSplit(data, 0.3, rng.fork('split'));
			const model = new Mlp({ inputs: config.features, hidden: Array(config.depth).fill(config.width), activation: 'relu' }, rng.fork('init'));
			state = {
				config,
				model,
				optimizer: tf.train.adam(config.lr),
				train: toDevice(split.train.x, split.train.y, config.features),
				test: toDevice(split.test.x, split.test.y, config.features),
				testY: split.test.y,
				rng: rng.fork('batches'),
				epoch: 0,
				history: [],
				variants: new Map()
			};
			return { parameters: model.parameterCount, layers: [config.features, ...Array(config.depth).fill(config.width), 1], trainSize: split.train.n, testSize: split.test.n };
		},

		async peek(): Promise<CompressionProgress> {
			if (!state) throw new Error('Call setup() before peek().');
			return { epoch: state.epoch, history: state.history.slice(), samplesPerSecond: 0 };
		},

		async train(epochs: number, onProgress?: (p: CompressionProgress) => void, reportMs = 120): Promise<{ status: 'done' | 'cancelled' }> {
			if (!state) throw new Error('Call setup() before train().');
			const ticket = trainRuns.begin();
			compressRuns.cancel();
			await Promise.all([running.catch(() => undefined), compressing.catch(() => undefined)]);
			const s = state;
			if (ticket.stale || s !== state) return { status: 'cancelled' };
			const report = throttle(reportMs);
			const work = (async () => {
				try {
					for (let e = 0; e < epochs; e++) {
						const t0 = performance.now();
						// Progress within the epoch: wide models take minutes per epoch.
						const partial = (samples: number) => {
							if (onProgress && report(false)) {
								const rate = samples / Math.max(1e-3, (performance.now() - t0) / 1000);
								onProgress({ epoch: s.epoch, partial: samples / s.train.n, history: s.history.slice(), samplesPerSecond: rate });
							}
						};
						const loss = await trainEpoch(s.model, s.optimizer, s.train, bce, { batchSize: s.config.batchSize, rng: s.rng, ticket, onCheckpoint: partial });
						s.epoch++;
						const { accuracy } = await accuracyOf(s.model, s);
						s.history.push({ epoch: s.epoch, trainLoss: loss, testAccuracy: accuracy });
						if (onProgress && report(e === epochs - 1)) onProgress({ epoch: s.epoch, history: s.history.slice(), samplesPerSecond: s.train.n / ((performance.now() - t0) / 1000) });
					}
					return { status: 'done' as const };
				} catch (e) {
					if (e instanceof Cancelled) return { status: 'cancelled' as const };
					throw e;
				}
			})();
			running = work;
			return work;
		},

		cancel(): void {
			trainRuns.cancel();
			compressRuns.cancel();
		},

		/**
		 * How long training the current model for `epochs` epochs will take here: a copy of the model trains one
		 * untimed step, then about 200 ms on the real data (a throwaway shuffle and optimizer, so the run itself is unchanged), and the
		 * measured samples per second are extrapolated.
		 */
		async estimateTrainMs(epochs: number): Promise<{ ms: number; samplesPerSecond: number }> {
			if (!state) throw new Error('Call setup() before estimateTrainMs().');
			const s = state;
			const weights = await s.model.getWeights();
			const copy = new Mlp(spec(weights), weights);
			const opt = tf.train.adam(s.config.lr);
			try {
				const ticket = new LatestWins().begin();
				// One untimed step first: the first step of a fresh optimizer compiles kernels and allocates.
				await trainSamples(copy, opt, s.train, bce, { batchSize: s.config.batchSize, rng: createRng(1), ticket, deadline: 0 });
				const t0 = performance.now();
				const { samples } = await trainSamples(copy, opt, s.train, bce, { batchSize: s.config.batchSize, rng: createRng(2), ticket, deadline: t0 + 200 });
				const rate = samples / Math.max(1e-3, (performance.now() - t0) / 1000);
				return { ms: (epochs * s.train.n * 1000) / rate, samplesPerSecond: rate };
			} finally {
				opt.dispose();
				copy.dispose();
			}
		},

		/** Build, evaluate, size and time every variant of the current model. Newest request wins. */
		async compress(cs: CompressSpec, onProgress?: (p: CompressProgress) => void): Promise<{ status: 'done'; result: CompressResult } | { status: 'cancelled' }> {
			if (!state) throw new Error('Train a model before compressing it.');
			validateSpec(cs);
			const ticket = compressRuns.begin();
			await Promise.all([running.catch(() => undefined), compressing.catch(() => undefined)]);
			const s = state;
			if (ticket.stale || s !== state) return { status: 'cancelled' };
			const work = (async () => {
				const base = await s.model.getWeights();
				const plans: Array<{ id: string; label: string; kind: VariantResult['kind']; bits: number; extra?: Partial<VariantResult>; build: () => Promise<ModelVariant> }> = [
					{ id: 'fp32', label: 'float32 (original)', kind: 'baseline', bits: 32, build: async () => baseline(base) },
					{ id: 'fp16', label: 'float16', kind: 'float16', bits: 16, build: async () => halfPrecision(base) }
				];
				for (const bits of [8, 4, 2]) {
					for (const symmetric of [true, false]) {
						for (const perChannel of [false, true]) {
							plans.push({
								id: `q${bits}-${symmetric ? 'sym' : 'asym'}-${perChannel ? 'ch' : 'tensor'}`,
								label: `int${bits} ${symmetric ? 'symmetric' : 'asymmetric'}, per ${perChannel ? 'channel' : 'tensor'}`,
								kind: 'quantized',
								bits,
								extra: { symmetric, perChannel },
								build: async () => quantized(base, bits, symmetric, perChannel)
							});
						}
					}
				}
				const pct = `${Math.round(cs.sparsity * 100)}%`;
				plans.push({ id: 'prune', label: `unstructured pruning ${pct}, one-shot`, kind: 'unstructured', bits: 32, extra: { sparsity: cs.sparsity, fineTuned: false }, build: async () => unstructured(base, cs.sparsity) });
				plans.push({ id: 'neurons', label: `structured: ${pct} of neurons removed, one-shot`, kind: 'structured', bits: 32, extra: { sparsity: cs.sparsity, fineTuned: false }, build: async () => structured(base, cs.sparsity) });
				if (cs.fineTune) {
					plans.push({
						id: 'prune-ft',
						label: `unstructured pruning ${pct}, gradual + fine-tuned`,
						kind: 'unstructured',
						bits: 32,
						extra: { sparsity: cs.sparsity, fineTuned: true },
						build: async () => sparseVariant(base, await fineTune(s, base, cs.fineTuneEpochs, cs.sparsity, ticket))
					});
					plans.push({
						id: 'neurons-ft',
						label: `structured: ${pct} of neurons removed, fine-tuned`,
						kind: 'structured',
						bits: 32,
						extra: { sparsity: cs.sparsity, fineTuned: true },
						build: async () => {
							const small = structured(base, cs.sparsity);
							return { ...small, layers: await fineTune(s, small.layers, cs.fineTuneEpochs, null, ticket) };
						}
					});
				}
				const largeBatch = Math.min(cs.largeBatch, 16384);
				const xLarge = tf.tidy(() => tf.slice(tf.tile(s.test.x, [Math.ceil(largeBatch / s.test.n), 1]), [0, 0], [largeBatch, -1]) as tf.Tensor2D);
				const x1 = tf.tidy(() => tf.slice(s.test.x, [0, 0], [1, -1]) as tf.Tensor2D);
				const variants: VariantResult[] = [];
				const built = new Map<string, ModelVariant>();
				const biggest = base.reduce((best, l, i) => (l.kernel.length > base[best].kernel.length ? i : best), 0);
				let lim = 0;
				for (const w of base[biggest].kernel) lim = Math.max(lim, Math.abs(w));
				lim = lim * 1.02 || 1;
				const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => -lim + (2 * lim * i) / HIST_BINS);
				const counts: Record<string, number[]> = {};
				try {
					for (let i = 0; i < plans.length; i++) {
						const plan = plans[i];
						onProgress?.({ done: i, total: plans.length, stage: plan.label });
						const v = await plan.build();
						built.set(plan.id, v);
						const model = new Mlp(spec(v.layers), v.layers);
						try {
							const quality = await accuracyOf(model, s);
							const latency1 = await measureLatency(model, x1, cs.runs, 5, ticket);
							const latencyN = await measureLatency(model, xLarge, Math.max(3, Math.round(cs.runs / 2)), 3, ticket);
							const exported = exportTfjs(v.layers, v.encoding);
							const nz = countNonzero(v.layers);
							variants.push({
								id: plan.id,
								label: plan.label,
								kind: plan.kind,
								bits: plan.bits,
								...plan.extra,
								...quality,
								packedBytes: v.packedBytes,
								format: v.format,
								exportBytes: exported.weights.byteLength + new TextEncoder().encode(exported.modelJson).length,
								exportNote: exportNote(v.encoding),
								nonzero: nz.nonzero,
								total: nz.total,
								mse: Number.isFinite(v.mse) ? v.mse : NaN,
								latency1,
								latencyN,
								layers: widths(v.layers)
							});
							if (v.layers.length === base.length && v.layers[biggest].kernel.length === base[biggest].kernel.length) {
								counts[plan.id] = histogramCounts(v.layers[biggest].kernel, -lim, lim, HIST_BINS);
							}
						} finally {
							model.dispose();
						}
						await checkpoint(ticket);
					}
					s.variants = built;
					onProgress?.({ done: plans.length, total: plans.length, stage: 'done' });
					return { status: 'done' as const, result: { backend: backend?.active ?? tf.getBackend(), variants, histogram: { layer: biggest, edges, counts }, largeBatch } };
				} catch (e) {
					if (e instanceof Cancelled) return { status: 'cancelled' as const };
					throw e;
				} finally {
					tf.dispose([xLarge, x1]);
				}
			})();
			compressing = work;
			return work;
		},

		/** The TF.js layers export (model.json text and weights.bin bytes) of a variant from the last compress(). */
		exportVariant(id: string): ExportedModel {
			const v = state?.variants.get(id);
			if (!v) throw new Error(`No variant '${id}': compress the model first.`);
			return exportTfjs(v.layers, v.encoding, 'relu', `ML Design Lab (${id})`);
		},

		async dispose(): Promise<void> {
			trainRuns.cancel();
			compressRuns.cancel();
			await Promise.all([running.catch(() => undefined), compressing.catch(() => undefined)]);
			disposeState();
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type CompressionApi = ReturnType<typeof createCompressionApi>;
