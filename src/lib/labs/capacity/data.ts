/**
 * Seeded regression data: y = f(x) + ε, ε ~ N(0, σ²), n training points, a fixed test set, and a 1-D slice of the
 * input space for drawing fitted curves.
 *
 * Inputs (row-major, d numbers per point):
 * - 'gaussian' (the lab's default, d = 10): x ~ N(0, I_d) — the isotropic Gaussian design of the random-features
 *   double-descent analyses (Mei & Montanari, "The generalization error of random features regression", CPAM 2022;
 *   Belkin, Hsu & Xu, "Two models of double descent for weak features", 2020). The test set is m fresh draws (fork
 *   'test'); the slice is x = t·u for t ∈ [−3, 3] along a seeded unit direction u (fork 'slice').
 * - 'uniform' (d = 1): x ~ U[−1, 1]; the test set is the m equally spaced midpoints x_i = −1 + (2i + 1)/m, which is
 *   also the slice.
 *
 * Targets:
 * - 'teacher' (default): f = Σ_j c_j ψ_j, ψ_j = √2·cos(ω_j·x + b_j) the model's own random features (all maxP of
 *   them, unscaled), c_j ~ N(0, 1)·ρ^j with ρ = teacherDecay (default 0.9), f scaled to unit root-mean-square under
 *   x ~ N(0, I_d) (in closed form, features.ts; by 2000 seeded draws, fork 'target-scale', for other maps). A student–teacher set-up: f lies in the span of the features the
 *   model can use, most of its variance in the first ones, so the first descent (adding useful features) is real,
 *   and the residual of the best p-feature model at p ≈ n is small (ρ^40 ≈ 0.015) — without label noise there is
 *   almost nothing for the interpolating fit to amplify.
 * - 'aligned': f = Σ_{j<k} c_j φ_j, only the first k features, c_j ~ N(0, 1), unit RMS. For p ≥ k the model class
 *   contains f exactly: with σ = 0 the "ideal model's residual" is zero, the third of the three ingredients of the
 *   peak in Schaeffer et al., "Double descent demystified" (arXiv:2303.14151, 2023); the other two are small
 *   non-zero singular values of the training features and test features that vary along them.
 * - 'sines' (1-D only): f(x) = sin(πx) + 0.5·sin(3πx + 0.7) + 0.25·cos(5πx), outside the span of every basis.
 *
 * The lab's test error is the expected squared error on a fresh noisy test label, E[(ŷ(x) − y)²] = mean over the
 * test set of (ŷ(x) − f(x))² + σ²: exact in the test noise; bias-variance.ts also checks it against noisy labels.
 */
import type { Rng } from '../../data/rng';
import { assertCount, assertFiniteNumber, assertInRange } from '../../stats/validate';
import type { FeatureMap } from './features';

export type Target = (xs: ArrayLike<number>) => Float64Array;

export type InputKind = 'gaussian' | 'uniform';

export interface InputSpec {
	kind: InputKind;
	/** Dimension d (1 for 'uniform'). */
	dim: number;
}

export type TargetSpec = { kind: 'sines' } | { kind: 'aligned'; features: FeatureMap; k: number } | { kind: 'teacher'; features: FeatureMap; decay: number };

export function sinesTarget(x: number): number {
	return Math.sin(Math.PI * x) + 0.5 * Math.sin(3 * Math.PI * x + 0.7) + 0.25 * Math.cos(5 * Math.PI * x);
}

/** m equally spaced midpoints of [−1, 1]. */
export function testGrid(m: number): Float64Array {
	assertCount('The test grid size', m);
	if (m < 1) throw new RangeError(`The test grid needs at least one point (got ${m}).`);
	const out = new Float64Array(m);
	for (let i = 0; i < m; i++) out[i] = -1 + (2 * i + 1) / m;
	return out;
}

export function checkInputs(spec: InputSpec): void {
	if (spec.kind !== 'gaussian' && spec.kind !== 'uniform') throw new TypeError(`Unknown input kind '${spec.kind}' (use 'gaussian' or 'uniform').`);
	assertCount('The input dimension d', spec.dim);
	if (spec.dim < 1) throw new RangeError(`The input dimension d must be at least 1 (got ${spec.dim}).`);
	if (spec.kind === 'uniform' && spec.dim !== 1) throw new RangeError(`Uniform inputs are 1-D (got d = ${spec.dim}); use 'gaussian' for d > 1.`);
}

/** n input points, row-major (n·d numbers). */
export function drawInputs(spec: InputSpec, n: number, rng: Rng): Float64Array {
	checkInputs(spec);
	const out = new Float64Array(n * spec.dim);
	if (spec.kind === 'uniform') for (let i = 0; i < n; i++) out[i] = 2 * rng.next() - 1;
	else for (let i = 0; i < out.length; i++) out[i] = rng.normal();
	return out;
}

/** The test inputs: the midpoint grid (uniform) or m seeded draws (gaussian). */
export function testInputs(spec: InputSpec, m: number, rng: Rng): Float64Array {
	assertCount('The test set size', m);
	if (m < 1) throw new RangeError(`The test set needs at least one point (got ${m}).`);
	return spec.kind === 'uniform' ? testGrid(m) : drawInputs(spec, m, rng);
}

/** A 1-D slice for plotting: t and the points x(t) (the grid itself for uniform inputs, t·u for gaussian). */
export function sliceInputs(spec: InputSpec, m: number, rng: Rng): { t: Float64Array; x: Float64Array } {
	checkInputs(spec);
	if (spec.kind === 'uniform') {
		const t = testGrid(m);
		return { t, x: t.slice() };
	}
	const u = new Float64Array(spec.dim);
	let norm = 0;
	while (norm === 0) {
		norm = 0;
		for (let k = 0; k < spec.dim; k++) {
			u[k] = rng.normal();
			norm += u[k] * u[k];
		}
	}
	norm = Math.sqrt(norm);
	const t = new Float64Array(m);
	const x = new Float64Array(m * spec.dim);
	for (let i = 0; i < m; i++) {
		t[i] = m === 1 ? 0 : -3 + (6 * i) / (m - 1);
		for (let k = 0; k < spec.dim; k++) x[i * spec.dim + k] = (t[i] * u[k]) / norm;
	}
	return { t, x };
}

/** The target function of a spec ('aligned' and 'teacher' draw their coefficients from rng, fork 'coef'). */
export function makeTarget(spec: TargetSpec, rng: Rng, inputs: InputSpec = { kind: 'uniform', dim: 1 }): Target {
	if (spec.kind === 'sines') {
		if (inputs.dim !== 1) throw new RangeError(`The 'sines' target is 1-D (got d = ${inputs.dim}); use 'teacher' or 'aligned'.`);
		return (xs) => Float64Array.from(xs, sinesTarget);
	}
	if (spec.kind !== 'aligned' && spec.kind !== 'teacher')
		throw new TypeError(`Unknown target kind '${(spec as { kind: string }).kind}' (use 'teacher', 'aligned' or 'sines').`);
	const { features } = spec;
	let k = features.maxP;
	const c = new Float64Array(features.maxP);
	const coef = rng.fork('coef');
	if (spec.kind === 'aligned') {
		k = spec.k;
		assertCount('The number of aligned features k', k);
		if (k < 1 || k > features.maxP) throw new RangeError(`The aligned target needs 1 ≤ k ≤ ${features.maxP} features (got ${k}).`);
		for (let j = 0; j < k; j++) c[j] = coef.normal();
	} else {
		assertInRange('The teacher decay ρ', spec.decay, 0, 1, 'lo');
		for (let j = 0; j < k; j++) c[j] = coef.normal() * Math.pow(spec.decay, j);
	}
	// design(·, k) carries √(2/k) (Fourier) or √(1/k) (ReLU); the target's scale is fixed below, so it cancels.
	const raw = (xs: ArrayLike<number>): Float64Array => {
		const phi = features.design(xs, k);
		const rows = phi.length / k;
		const out = new Float64Array(rows);
		for (let i = 0; i < rows; i++) {
			let s = 0;
			for (let j = 0; j < k; j++) s += phi[i * k + j] * c[j];
			out[i] = s;
		}
		return out;
	};
	let meanSquare: number;
	if (inputs.kind === 'gaussian' && features.gaussianMeanSquare) meanSquare = features.gaussianMeanSquare(c, k);
	else {
		const values = raw(inputs.kind === 'uniform' ? testGrid(400) : drawInputs(inputs, 2000, rng.fork('target-scale')));
		meanSquare = 0;
		for (const v of values) meanSquare += (v * v) / values.length;
	}
	const rms = Math.sqrt(Math.max(0, meanSquare));
	const scale = rms > 0 ? 1 / rms : 1;
	return (xs) => raw(xs).map((v) => v * scale);
}

export interface TrainingSet {
	/** Inputs, row-major (n·d numbers). */
	x: Float64Array;
	/** Noisy labels f(x) + ε. */
	y: Float64Array;
	/** The noise-free target at x. */
	f: Float64Array;
	dim: number;
}

/** n points drawn from the input distribution with labels f(x) + N(0, σ²). */
export function trainingSet(target: Target, n: number, sigma: number, rng: Rng, inputs: InputSpec = { kind: 'uniform', dim: 1 }): TrainingSet {
	assertCount('The number of training points n', n);
	if (n < 1) throw new RangeError(`A training set needs at least one point (got n = ${n}).`);
	assertFiniteNumber('The noise σ', sigma);
	if (sigma < 0) throw new RangeError(`The noise σ cannot be negative (got ${sigma}).`);
	const x = drawInputs(inputs, n, rng);
	const f = target(x);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) y[i] = f[i] + sigma * rng.normal();
	return { x, y, f, dim: inputs.dim };
}

/** The first n points of a training set (nested samples for sample-wise curves). */
export function firstPoints(set: TrainingSet, n: number): TrainingSet {
	assertCount('n', n);
	if (n < 1 || n > set.y.length) throw new RangeError(`n must be between 1 and ${set.y.length} (got ${n}).`);
	return { x: set.x.slice(0, n * set.dim), y: set.y.slice(0, n), f: set.f.slice(0, n), dim: set.dim };
}
