/**
 * One model of the capacity lab: a seeded feature map, an input distribution, a target, and the fit of the first p
 * features by minimum-norm least squares (least-squares.ts) — the shared set-up of curve.ts and bias-variance.ts.
 * The lab's default set-up is DEFAULT_CAPACITY in defaults.ts (random Fourier features of x ~ N(0, I_10)).
 *
 * Seeds: createRng(seed) forked by label — 'features' (the random features' frequencies and phases), 'target' (the
 * teacher's or aligned target's coefficients and scale), 'test' (test inputs), 'slice' (the plotting direction),
 * 'train' (training sets) — so changing one never moves the others.
 */
import { createRng, type Rng } from '../../data/rng';
import { assertCount, assertFiniteNumber, assertPositive } from '../../stats/validate';
import { checkInputs, makeTarget, sliceInputs, testInputs, type InputKind, type InputSpec, type Target, type TrainingSet } from './data';
import { fourierFeatures, legendreFeatures, reluFeatures, type BasisKind, type FeatureMap } from './features';
import { leastSquares, predict } from './least-squares';

export type TargetKind = 'teacher' | 'aligned' | 'sines';

export interface ModelOptions {
	/** 'fourier' (random Fourier features, the default set-up), 'legendre' or 'relu' (1-D inputs only). */
	basis: BasisKind;
	/** Largest capacity the feature draw must support. */
	maxP: number;
	/** 'uniform' on [−1, 1] (d = 1; the default when omitted) or 'gaussian' N(0, I_d). */
	inputs?: InputKind;
	/** Input dimension d (default 1). */
	dim?: number;
	/** ℓ of the random Fourier features (default 0.1 — for 1-D inputs on [−1, 1]; the default set-up uses 5 in d = 10). */
	lengthScale?: number;
	/** 'sines' (1-D; the default when omitted), 'teacher' or 'aligned' (see data.ts). */
	target?: TargetKind;
	/** k of the aligned target (default 5). */
	alignedK?: number;
	/** ρ of the teacher target's coefficients c_j ~ N(0, 1)·ρ^j (default 0.9). */
	teacherDecay?: number;
	/** Label noise σ ≥ 0. */
	sigma: number;
	/** Ridge λ ≥ 0 (default 0). */
	lambda?: number;
	/** Test set size m (default 200). */
	testSize?: number;
	/** Points on the plotting slice (default 101). */
	sliceSize?: number;
}

export interface ModelSetup {
	features: FeatureMap;
	inputs: InputSpec;
	target: Target;
	sigma: number;
	lambda: number;
	/** Test inputs, row-major (m·d numbers). */
	testX: Float64Array;
	testF: Float64Array;
	/** features.design(testX, maxP), computed once: capacity p reads its first p columns (rescaled). */
	testDesign: Float64Array;
	/** The plotting slice: its coordinate t, its inputs (row-major) and f there. */
	sliceT: Float64Array;
	sliceX: Float64Array;
	sliceF: Float64Array;
	rng: Rng;
}

export const DEFAULT_LENGTH_SCALE = 0.1;
export const DEFAULT_ALIGNED_K = 5;
export const DEFAULT_TEACHER_DECAY = 0.9;

export function setUpModel(options: ModelOptions, seed: number): ModelSetup {
	assertCount('The largest capacity', options.maxP);
	assertFiniteNumber('The noise σ', options.sigma);
	if (options.sigma < 0) throw new RangeError(`The noise σ cannot be negative (got ${options.sigma}).`);
	const lambda = options.lambda ?? 0;
	assertFiniteNumber('The ridge penalty λ', lambda);
	if (lambda < 0) throw new RangeError(`The ridge penalty λ cannot be negative (got ${lambda}).`);
	const lengthScale = options.lengthScale ?? DEFAULT_LENGTH_SCALE;
	assertPositive('The length-scale ℓ', lengthScale);
	const inputs: InputSpec = { kind: options.inputs ?? 'uniform', dim: options.dim ?? 1 };
	checkInputs(inputs);
	const rng = createRng(seed);
	let features: FeatureMap;
	if (options.basis === 'fourier') features = fourierFeatures({ maxP: options.maxP, lengthScale, dim: inputs.dim }, rng.fork('features'));
	else if (options.basis === 'legendre' || options.basis === 'relu') {
		if (inputs.kind !== 'uniform') throw new RangeError(`The ${options.basis} basis takes 1-D inputs on [−1, 1]: use inputs 'uniform'.`);
		features = options.basis === 'legendre' ? legendreFeatures(options.maxP) : reluFeatures(options.maxP, rng.fork('features'));
	} else throw new TypeError(`Unknown basis '${options.basis}' (use 'fourier', 'legendre' or 'relu').`);
	const kind = options.target ?? 'sines';
	const targetRng = rng.fork('target');
	let target: Target;
	if (kind === 'aligned') target = makeTarget({ kind, features, k: Math.min(options.alignedK ?? DEFAULT_ALIGNED_K, options.maxP) }, targetRng, inputs);
	else if (kind === 'teacher') target = makeTarget({ kind, features, decay: options.teacherDecay ?? DEFAULT_TEACHER_DECAY }, targetRng, inputs);
	else target = makeTarget({ kind }, targetRng, inputs);
	const testX = testInputs(inputs, options.testSize ?? 200, rng.fork('test'));
	const slice = sliceInputs(inputs, options.sliceSize ?? 101, rng.fork('slice'));
	return {
		features,
		inputs,
		target,
		sigma: options.sigma,
		lambda,
		testX,
		testF: target(testX),
		testDesign: features.design(testX, features.maxP),
		sliceT: slice.t,
		sliceX: slice.x,
		sliceF: target(slice.x),
		rng
	};
}

export interface CapacityFit {
	p: number;
	/** Mean squared error on the training labels. */
	trainMse: number;
	/** Expected test error mean_x (ŷ − f)² + σ² over the test set. */
	testMse: number;
	/** ‖β‖₂. */
	betaNorm: number;
	/** σ_max/σ_min of the kept singular values of the training design. */
	condition: number;
	/** Predictions on the test set. */
	testPrediction: Float64Array;
	/** β, for predictions elsewhere (e.g. on the slice: predict(features.design(sliceX, p), …)). */
	beta: Float64Array;
}

/** Fit the first p features on one training set and score it. */
export function fitCapacity(setup: ModelSetup, train: TrainingSet, p: number, rcond?: number): CapacityFit {
	const n = train.y.length;
	const phi = setup.features.design(train.x, p);
	const fit = leastSquares(phi, n, p, train.y, { lambda: setup.lambda, rcond });
	const trainPred = predict(phi, n, p, fit.beta);
	let tr = 0;
	for (let i = 0; i < n; i++) tr += (trainPred[i] - train.y[i]) ** 2;
	const m = setup.testF.length;
	const testPrediction = new Float64Array(m);
	const full = setup.testDesign;
	const P = setup.features.maxP;
	const rescale = setup.features.scale(p) / setup.features.scale(P);
	for (let i = 0; i < m; i++) {
		let s = 0;
		const o = i * P;
		for (let j = 0; j < p; j++) s += full[o + j] * fit.beta[j];
		testPrediction[i] = s * rescale;
	}
	let te = 0;
	for (let i = 0; i < m; i++) te += (testPrediction[i] - setup.testF[i]) ** 2;
	let nb = 0;
	for (const b of fit.beta) nb += b * b;
	return {
		p,
		trainMse: tr / n,
		testMse: te / m + setup.sigma * setup.sigma,
		betaNorm: Math.sqrt(nb),
		condition: fit.condition,
		testPrediction,
		beta: fit.beta
	};
}
