/**
 * Seeded 1-D regression data: y = f(x) + ε, x ~ U[−1, 1], ε ~ N(0, σ²), n training points, and a fixed test grid.
 *
 * Targets:
 * - 'sines' (default): f(x) = sin(πx) + 0.5·sin(3πx + 0.7) + 0.25·cos(5πx) — smooth, not in the span of any finite
 *   feature set the lab fits, so every model has an approximation residual.
 * - 'aligned': f = Σ_{j<k} c_j φ_j, the first k features of the model's own feature draw, with c_j ~ N(0, 1) seeded and
 *   f scaled to unit root-mean-square on the test grid. For p ≥ k the model class contains f exactly: with σ = 0 the
 *   "ideal model's residual" is zero, the third of the three ingredients of the peak in Schaeffer et al., "Double
 *   descent demystified" (arXiv:2303.14151, 2023); the other two are small non-zero singular values of the training
 *   features and test features that vary along them.
 *
 * The test grid is m equally spaced midpoints x_i = −1 + (2i + 1)/m. The lab's test error is the expected squared
 * error on a fresh noisy test label, E[(ŷ(x) − y)²] = mean_x (ŷ(x) − f(x))² + σ²: exact in the test noise (the
 * Monte Carlo noise of noisy test labels would only blur the curve); bias-variance.ts also checks it against noisy
 * test labels.
 */
import type { Rng } from '../../data/rng';
import { assertCount, assertFiniteNumber } from '../../stats/validate';
import type { FeatureMap } from './features';

export type Target = (xs: ArrayLike<number>) => Float64Array;

export type TargetSpec = { kind: 'sines' } | { kind: 'aligned'; features: FeatureMap; k: number };

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

/** The target function of a spec ('aligned' draws its coefficients from rng). */
export function makeTarget(spec: TargetSpec, rng: Rng): Target {
	if (spec.kind === 'sines') return (xs) => Float64Array.from(xs, sinesTarget);
	if (spec.kind !== 'aligned') throw new TypeError(`Unknown target kind '${(spec as { kind: string }).kind}' (use 'sines' or 'aligned').`);
	const { features, k } = spec;
	assertCount('The number of aligned features k', k);
	if (k < 1 || k > features.maxP) throw new RangeError(`The aligned target needs 1 ≤ k ≤ ${features.maxP} features (got ${k}).`);
	const c = new Float64Array(k);
	for (let j = 0; j < k; j++) c[j] = rng.normal();
	const raw = (xs: ArrayLike<number>): Float64Array => {
		const phi = features.design(xs, k);
		const out = new Float64Array(xs.length);
		for (let i = 0; i < xs.length; i++) {
			let s = 0;
			for (let j = 0; j < k; j++) s += phi[i * k + j] * c[j];
			out[i] = s;
		}
		return out;
	};
	const grid = raw(testGrid(400));
	let ss = 0;
	for (const v of grid) ss += v * v;
	const rms = Math.sqrt(ss / grid.length);
	const scale = rms > 0 ? 1 / rms : 1;
	return (xs) => raw(xs).map((v) => v * scale);
}

export interface TrainingSet {
	x: Float64Array;
	/** Noisy labels f(x) + ε. */
	y: Float64Array;
	/** The noise-free target at x. */
	f: Float64Array;
}

/** n points x ~ U[−1, 1] with labels f(x) + N(0, σ²). */
export function trainingSet(target: Target, n: number, sigma: number, rng: Rng): TrainingSet {
	assertCount('The number of training points n', n);
	if (n < 1) throw new RangeError(`A training set needs at least one point (got n = ${n}).`);
	assertFiniteNumber('The noise σ', sigma);
	if (sigma < 0) throw new RangeError(`The noise σ cannot be negative (got ${sigma}).`);
	const x = new Float64Array(n);
	for (let i = 0; i < n; i++) x[i] = 2 * rng.next() - 1;
	const f = target(x);
	const y = new Float64Array(n);
	for (let i = 0; i < n; i++) y[i] = f[i] + sigma * rng.normal();
	return { x, y, f };
}

/** The first n points of a training set (nested samples for sample-wise curves). */
export function firstPoints(set: TrainingSet, n: number): TrainingSet {
	assertCount('n', n);
	if (n < 1 || n > set.x.length) throw new RangeError(`n must be between 1 and ${set.x.length} (got ${n}).`);
	return { x: set.x.slice(0, n), y: set.y.slice(0, n), f: set.f.slice(0, n) };
}
