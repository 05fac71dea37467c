/**
 * What the fused training engine trains: K small MLPs of one architecture (dense layers, tanh or ReLU hidden units,
 * one output: a sigmoid probability, or the linear output itself for the squared loss), each with its own loss, optimizer and learning rate. A model's parameters are one flat
 * vector: for each layer its kernel (row-major [fanIn, fanOut]) then its bias.
 */
export type EngineActivation = 'tanh' | 'relu';

/**
 * The loss of one model.
 * - 'clipped': −a_y · (1 − p_t)^γ · ln p_t on probabilities clipped to [1e-7, 1 − 1e-7] (`src/lib/ml/losses.ts`):
 *   BCE (a = 1, γ = 0), weighted or class-balanced BCE (a = the class weights), focal (γ, a = 1 − α, α).
 * - 'logits': binary cross-entropy from the logit, unclipped, max(z, 0) − z·y + ln(1 + e^−|z|) (the scaling lab's).
 * - 'squared': squared error of the output itself (linear, no sigmoid), (z − y)², for regression on real labels (the
 *   capacity lab's trained network); gradient 2(z − y) per sample.
 */
export type EngineLoss = { kind: 'clipped'; weights: [number, number]; gamma: number } | { kind: 'logits' } | { kind: 'squared' };

/** TF.js's optimizers: SGD, momentum (not Nesterov) and Adam with its defaults (β1 0.9, β2 0.999, ε of the backend). */
export type EngineOptimizer =
	| { kind: 'sgd'; lr: number }
	| { kind: 'momentum'; lr: number; momentum: number }
	| { kind: 'adam'; lr: number; beta1: number; beta2: number; epsilon: number };

/** The fused step a backend runs: WGSL on WebGPU, WebAssembly SIMD on WASM, plain JS on CPU (and WASM without SIMD). */
export type EngineStep = 'wgsl' | 'simd' | 'js';

export interface EngineModel {
	loss: EngineLoss;
	optimizer: EngineOptimizer;
}

export interface EngineSpec {
	/** Layer sizes from the inputs to the single output, e.g. [2, 16, 16, 1]. */
	sizes: number[];
	activation: EngineActivation;
	models: EngineModel[];
}

/** Parameters of one model. */
export function parameterCount(sizes: number[]): number {
	let p = 0;
	for (let l = 0; l < sizes.length - 1; l++) p += sizes[l] * sizes[l + 1] + sizes[l + 1];
	return p;
}

/** Where each layer's kernel and bias start in a model's parameter vector. */
export function layerOffsets(sizes: number[]): Array<{ kernel: number; bias: number; fanIn: number; fanOut: number }> {
	const out = [];
	let at = 0;
	for (let l = 0; l < sizes.length - 1; l++) {
		const fanIn = sizes[l];
		const fanOut = sizes[l + 1];
		out.push({ kernel: at, bias: at + fanIn * fanOut, fanIn, fanOut });
		at += fanIn * fanOut + fanOut;
	}
	return out;
}

export function validateSpec(spec: EngineSpec): void {
	const { sizes, models } = spec;
	if (sizes.length < 2 || sizes[sizes.length - 1] !== 1 || !sizes.every((s) => Number.isInteger(s) && s >= 1)) {
		throw new RangeError(`Layer sizes must be whole numbers ending in one output (got ${sizes.join('-')}).`);
	}
	if (!['tanh', 'relu'].includes(spec.activation)) throw new RangeError(`Unknown activation '${spec.activation}'.`);
	if (models.length < 1) throw new RangeError('Train at least one model.');
	for (const m of models) {
		if (!(m.optimizer.lr > 0)) throw new RangeError(`The learning rate must be positive (got ${m.optimizer.lr}).`);
		if (m.loss.kind === 'clipped' && !(m.loss.gamma >= 0 && m.loss.weights.every((w) => w >= 0 && Number.isFinite(w)))) {
			throw new RangeError('Loss weights must be finite and ≥ 0, and γ ≥ 0.');
		}
	}
}
