/**
 * One model of the capacity lab: a seeded feature map, a target, and the fit of the first p features by minimum-norm
 * least squares (least-squares.ts) — the shared set-up of curve.ts and bias-variance.ts.
 *
 * Seeds: createRng(seed) forked by label — 'features' (the frequencies and phases of the random Fourier features),
 * 'target' (the aligned target's coefficients), 'train' (training sets) — so changing one never moves the others.
 */
import { createRng, type Rng } from '../../data/rng';
import { assertCount, assertFiniteNumber, assertPositive } from '../../stats/validate';
import { makeTarget, testGrid, type Target, type TrainingSet } from './data';
import { fourierFeatures, legendreFeatures, reluFeatures, type BasisKind, type FeatureMap } from './features';
import { leastSquares, predict } from './least-squares';

export interface ModelOptions {
	/** 'legendre' is the lab's default: the only basis of the three whose peak sits at p = n (see curve.ts). */
	basis: BasisKind;
	/** Largest capacity the feature draw must support. */
	maxP: number;
	/** ℓ of the random Fourier features (default 0.1). */
	lengthScale?: number;
	/** 'sines' (default) or 'aligned' (the first `alignedK` features of the model's own draw). */
	target?: 'sines' | 'aligned';
	alignedK?: number;
	/** Label noise σ ≥ 0. */
	sigma: number;
	/** Ridge λ ≥ 0 (default 0). */
	lambda?: number;
	/** Test grid size (default 200). */
	testSize?: number;
}

export interface ModelSetup {
	features: FeatureMap;
	target: Target;
	sigma: number;
	lambda: number;
	testX: Float64Array;
	testF: Float64Array;
	rng: Rng;
}

export const DEFAULT_LENGTH_SCALE = 0.1;
export const DEFAULT_ALIGNED_K = 5;

export function setUpModel(options: ModelOptions, seed: number): ModelSetup {
	assertCount('The largest capacity', options.maxP);
	assertFiniteNumber('The noise σ', options.sigma);
	if (options.sigma < 0) throw new RangeError(`The noise σ cannot be negative (got ${options.sigma}).`);
	const lambda = options.lambda ?? 0;
	assertFiniteNumber('The ridge penalty λ', lambda);
	if (lambda < 0) throw new RangeError(`The ridge penalty λ cannot be negative (got ${lambda}).`);
	const lengthScale = options.lengthScale ?? DEFAULT_LENGTH_SCALE;
	assertPositive('The length-scale ℓ', lengthScale);
	const rng = createRng(seed);
	let features: FeatureMap;
	if (options.basis === 'fourier') features = fourierFeatures({ maxP: options.maxP, lengthScale }, rng.fork('features'));
	else if (options.basis === 'legendre') features = legendreFeatures(options.maxP);
	else if (options.basis === 'relu') features = reluFeatures(options.maxP, rng.fork('features'));
	else throw new TypeError(`Unknown basis '${options.basis}' (use 'fourier', 'legendre' or 'relu').`);
	const kind = options.target ?? 'sines';
	const target =
		kind === 'aligned'
			? makeTarget({ kind: 'aligned', features, k: Math.min(options.alignedK ?? DEFAULT_ALIGNED_K, options.maxP) }, rng.fork('target'))
			: makeTarget({ kind }, rng.fork('target'));
	const testX = testGrid(options.testSize ?? 200);
	return { features, target, sigma: options.sigma, lambda, testX, testF: target(testX), rng };
}

export interface CapacityFit {
	p: number;
	/** Mean squared error on the training labels. */
	trainMse: number;
	/** Expected test error mean_x (ŷ − f)² + σ² on the test grid. */
	testMse: number;
	/** ‖β‖₂. */
	betaNorm: number;
	/** σ_max/σ_min of the kept singular values of the training design. */
	condition: number;
	/** Predictions on the test grid. */
	testPrediction: Float64Array;
}

/** Fit the first p features on one training set and score it. */
export function fitCapacity(setup: ModelSetup, train: TrainingSet, p: number, rcond?: number): CapacityFit {
	const n = train.x.length;
	const phi = setup.features.design(train.x, p);
	const fit = leastSquares(phi, n, p, train.y, { lambda: setup.lambda, rcond });
	const trainPred = predict(phi, n, p, fit.beta);
	let tr = 0;
	for (let i = 0; i < n; i++) tr += (trainPred[i] - train.y[i]) ** 2;
	const m = setup.testX.length;
	const testPrediction = predict(setup.features.design(setup.testX, p), m, p, fit.beta);
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
		testPrediction
	};
}
