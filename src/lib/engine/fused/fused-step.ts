/**
 * The fused training step on plain arrays: for a list of mini-batches, each for one of K models, the forward pass,
 * the loss, the backward pass and the optimizer update, without a kernel launch per operation. It computes what
 * TF.js's op-by-op path computes (`src/lib/engine/train.ts` with `src/lib/ml/losses.ts` and tf.train optimizers):
 * - probabilities clipped to [1e-7, 1 − 1e-7] pass no gradient outside that range (tf.clipByValue);
 * - tanh' = 1 − tanh², ReLU' = [z > 0];
 * - Adam: m ← β1·m + (1 − β1)·g, v ← β2·v + (1 − β2)·g², w ← w − lr·(m / (1 − β1ᵗ)) / (√(v / (1 − β2ᵗ)) + ε),
 *   with β1ᵗ, β2ᵗ kept as float32 like TF.js's accumulators; momentum: a ← μ·a + g, w ← w − lr·a; SGD: w ← w − lr·g.
 * Activations and sums are in float64, the parameters and optimizer state in float32 as TF.js stores them, and the
 * optimizer update rounds each operation to float32 in TF.js's order; tanh is computed as 1 − 2/(e^2z + 1) (faster
 * than Math.tanh here, equal to it within float64 rounding). Losses and weights agree with the op-by-op path to
 * ≤ 1e-5 relative after 200 steps (tests/unit/engine.test.ts; ReLU with Adam to 5e-4, see there).
 */
import { layerOffsets, parameterCount, type EngineSpec } from './spec';

export const PROB_EPS = 1e-7;

export interface FusedState {
	/** K × P parameters, updated in place. */
	params: Float32Array;
	/** K × P first moments (Adam) or velocities (momentum). */
	m: Float32Array;
	/** K × P second moments (Adam). */
	v: Float32Array;
	/** K × 2: β1ᵗ and β2ᵗ of each model's Adam (start at β1, β2). */
	acc: Float32Array;
}

export interface FusedBatches {
	/** Row-major N × d inputs and N labels (0/1) of every model's data. */
	x: Float32Array;
	y: Float32Array;
	/** Sample indices into x / y, batch after batch. */
	idx: Int32Array;
	/** B × 4: the model a batch is for, where its indices start in `idx`, its size, and 1 to train on it (0: only its loss). */
	batches: Int32Array;
}

/** Scratch space for a spec and a largest batch, reused across calls. */
export class Workspace {
	readonly acts: Float64Array[];
	readonly deltas: Float64Array[];
	readonly grad: Float64Array;
	/** The model's parameters as float64, read many times per batch. */
	readonly weights: Float64Array;
	constructor(
		readonly sizes: number[],
		readonly maxBatch: number
	) {
		this.acts = sizes.map((s) => new Float64Array(s * maxBatch));
		this.deltas = sizes.map((s) => new Float64Array(s * maxBatch));
		this.grad = new Float64Array(parameterCount(sizes));
		this.weights = new Float64Array(parameterCount(sizes));
	}
}

/**
 * Train the batches in order; returns each model's sum of batch-mean losses and its number of batches. `ws` may
 * be reused between calls with the same sizes and batches no larger than its `maxBatch`.
 */
export function runBatches(
	spec: EngineSpec,
	state: FusedState,
	data: FusedBatches,
	ws?: Workspace
): { lossSum: Float64Array; batches: Int32Array; batchLosses: Float64Array; workspace: Workspace } {
	const { sizes, activation, models } = spec;
	const K = models.length;
	const P = parameterCount(sizes);
	const L = sizes.length - 1;
	const d = sizes[0];
	const layers = layerOffsets(sizes);
	let maxBatch = 0;
	for (let b = 0; b < data.batches.length; b += 4) maxBatch = Math.max(maxBatch, data.batches[b + 2]);
	const w = ws && ws.maxBatch >= maxBatch && ws.sizes.join() === sizes.join() ? ws : new Workspace(sizes, maxBatch);
	const { acts, deltas, grad, weights } = w;
	const lossSum = new Float64Array(K);
	const count = new Int32Array(K);
	const batchLosses = new Float64Array(data.batches.length / 4);
	const tanh = activation === 'tanh';

	for (let b = 0; b < data.batches.length; b += 4) {
		const k = data.batches[b];
		const start = data.batches[b + 1];
		const B = data.batches[b + 2];
		const update = data.batches[b + 3] !== 0;
		if (k < 0 || k >= K || B < 1) throw new RangeError(`Batch ${b / 4} names model ${k} with ${B} rows.`);
		const base = k * P;
		const model = models[k];
		// Forward: acts[0] = inputs, acts[l] = activation of layer l (the last is the logit).
		const a0 = acts[0];
		for (let i = 0; i < B; i++) {
			const row = data.idx[start + i] * d;
			for (let j = 0; j < d; j++) a0[i * d + j] = data.x[row + j];
		}
		const params = state.params;
		for (let q = 0; q < P; q++) weights[q] = params[base + q];
		for (let l = 0; l < L; l++) {
			const { kernel, bias, fanIn, fanOut } = layers[l];
			forwardLayer(weights, kernel, bias, acts[l], acts[l + 1], B, fanIn, fanOut, l === L - 1 ? 0 : tanh ? 1 : 2);
		}
		// Loss and its gradient with respect to the logit (mean over the batch).
		const zs = acts[L];
		const dz = deltas[L];
		let batchLoss = 0;
		for (let i = 0; i < B; i++) {
			const z = zs[i];
			const y = data.y[data.idx[start + i]];
			if (model.loss.kind === 'squared') {
				const r = z - y;
				batchLoss += r * r;
				dz[i] = (2 * r) / B;
			} else if (model.loss.kind === 'logits') {
				batchLoss += Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
				const p = 1 / (1 + Math.exp(-z));
				dz[i] = (p - y) / B;
			} else {
				const { weights, gamma } = model.loss;
				const p = Math.fround(1 / (1 + Math.exp(-z)));
				const inside = p >= PROB_EPS && p <= 1 - PROB_EPS;
				const pc = p < PROB_EPS ? PROB_EPS : p > 1 - PROB_EPS ? 1 - PROB_EPS : p;
				const pt = y * pc + (1 - y) * (1 - pc);
				const a = y * weights[1] + (1 - y) * weights[0];
				const logPt = Math.log(pt);
				const q = 1 - pt;
				// (1 − p_t)^γ and its derivative; γ = 2 (focal loss's usual value) without Math.pow.
				const f = gamma === 0 ? 1 : gamma === 2 ? q * q : Math.pow(q, gamma);
				batchLoss += -a * f * logPt;
				if (!inside) {
					dz[i] = 0;
					continue;
				}
				const dfdpt = gamma === 0 ? 0 : gamma === 2 ? -2 * q : -gamma * Math.pow(q, gamma - 1);
				const dLdpt = -a * (dfdpt * logPt + f / pt);
				dz[i] = (dLdpt * (2 * y - 1) * p * (1 - p)) / B;
			}
		}
		batchLosses[b / 4] = batchLoss / B;
		if (!update) continue;
		lossSum[k] += batchLoss / B;
		count[k]++;
		// Backward: gradients of each layer's kernel and bias, and the delta of the layer below.
		grad.fill(0);
		for (let l = L - 1; l >= 0; l--) {
			const { kernel, bias, fanIn, fanOut } = layers[l];
			layerGradients(grad, kernel, bias, acts[l], deltas[l + 1], B, fanIn, fanOut);
			if (l > 0) deltaBelow(weights, kernel, acts[l], deltas[l + 1], deltas[l], B, fanIn, fanOut, tanh);
		}
		// Optimizer update.
		const opt = model.optimizer;
		const { m, v } = state;
		if (opt.kind === 'sgd') {
			const negLr = Math.fround(-opt.lr);
			for (let q = 0; q < P; q++) params[base + q] = Math.fround(negLr * Math.fround(grad[q])) + params[base + q];
		} else if (opt.kind === 'momentum') {
			const mu = Math.fround(opt.momentum);
			const negLr = Math.fround(-opt.lr);
			for (let q = 0; q < P; q++) {
				const accum = Math.fround(Math.fround(mu * m[base + q]) + Math.fround(grad[q]));
				m[base + q] = accum;
				params[base + q] = Math.fround(negLr * accum) + params[base + q];
			}
		} else {
			// Each operation rounded to float32 in TF.js's order, so the update is the one TF.js makes.
			const f = Math.fround;
			const { beta1, beta2 } = opt;
			const b1 = f(beta1);
			const b2 = f(beta2);
			const ob1 = f(1 - beta1);
			const ob2 = f(1 - beta2);
			const eps = f(opt.epsilon);
			const negLr = f(-opt.lr);
			const c1 = f(1 - state.acc[2 * k]);
			const c2 = f(1 - state.acc[2 * k + 1]);
			for (let q = 0; q < P; q++) {
				const g = f(grad[q]);
				const mq = f(f(m[base + q] * b1) + f(g * ob1));
				const vq = f(f(v[base + q] * b2) + f(f(g * g) * ob2));
				m[base + q] = mq;
				v[base + q] = vq;
				const step = f(f(f(mq / c1) / f(f(Math.sqrt(f(vq / c2))) + eps)) * negLr);
				params[base + q] = step + params[base + q];
			}
			// β1ᵗ ← β1ᵗ · β1 with β1 a float32 scalar, as TF.js multiplies its accumulators.
			state.acc[2 * k] = Math.fround(state.acc[2 * k] * b1);
			state.acc[2 * k + 1] = Math.fround(state.acc[2 * k + 1] * b2);
		}
	}
	return { lossSum, batches: count, batchLosses, workspace: w };
}

/** One dense layer forward: out = act(inp·W + b), rounded as TF.js rounds. `mode`: 0 none (the logit), 1 tanh, 2 ReLU. */
function forwardLayer(
	params: Float64Array,
	kb: number,
	bb: number,
	inp: Float64Array,
	out: Float64Array,
	B: number,
	fanIn: number,
	fanOut: number,
	mode: number
): void {
	for (let i = 0; i < B; i++) {
		// z = Σ_j a_j·W[j, ·] in the order TF.js's matMul sums (j ascending), row by row of W.
		const ro = i * fanOut;
		for (let o = 0; o < fanOut; o++) out[ro + o] = 0;
		for (let j = 0; j < fanIn; j++) {
			const a = inp[i * fanIn + j];
			const w = kb + j * fanOut;
			for (let o = 0; o < fanOut; o++) out[ro + o] += a * params[w + o];
		}
		// Rounded to float32 where TF.js rounds: after the product (matMul), after adding the bias, after tanh.
		for (let o = 0; o < fanOut; o++) {
			const z = out[ro + o] + params[bb + o];
			out[ro + o] = mode === 0 ? z : mode === 1 ? 1 - 2 / (Math.exp(2 * z) + 1) : z > 0 ? z : 0;
		}
	}
}

/** Adds a layer's kernel and bias gradients (inputs × deltas, summed over the batch in order) to `grad`. */
function layerGradients(
	grad: Float64Array,
	kernel: number,
	bias: number,
	inp: Float64Array,
	delta: Float64Array,
	B: number,
	fanIn: number,
	fanOut: number
): void {
	for (let i = 0; i < B; i++) {
		const ro = i * fanOut;
		for (let o = 0; o < fanOut; o++) grad[bias + o] += delta[ro + o];
		for (let j = 0; j < fanIn; j++) {
			const a = inp[i * fanIn + j];
			if (a === 0) continue;
			const g = kernel + j * fanOut;
			for (let o = 0; o < fanOut; o++) grad[g + o] += a * delta[ro + o];
		}
	}
}

/** The delta of the layer below: (delta·Wᵀ) times the derivative of its activation, rounded as TF.js rounds. */
function deltaBelow(
	params: Float64Array,
	kb: number,
	inp: Float64Array,
	delta: Float64Array,
	below: Float64Array,
	B: number,
	fanIn: number,
	fanOut: number,
	tanh: boolean
): void {
	for (let i = 0; i < B; i++) {
		const ro = i * fanOut;
		for (let j = 0; j < fanIn; j++) {
			let s = 0;
			const w = kb + j * fanOut;
			for (let o = 0; o < fanOut; o++) s += delta[ro + o] * params[w + o];
			const h = inp[i * fanIn + j];
			below[i * fanIn + j] = tanh ? s * (1 - h * h) : h > 0 ? s : 0;
		}
	}
}
