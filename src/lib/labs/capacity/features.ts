/**
 * Feature maps of one input x ∈ [−1, 1], with a capacity p (the number of features). Nested: capacity p uses the
 * first p features of one seeded draw, so a capacity curve compares models that only add features (as in the
 * random-Fourier-feature experiments of Belkin, Hsu, Ma & Mandal, "Reconciling modern machine-learning practice and
 * the classical bias–variance trade-off", PNAS 116(32), 2019).
 *
 * Random Fourier features (Rahimi & Recht, "Random features for large-scale kernel machines", NeurIPS 2007):
 *   φ_j(x) = √(2/p) · cos(ω_j x + b_j),  ω_j ~ N(0, ℓ⁻²),  b_j ~ U[0, 2π)
 * so that Σ_j φ_j(x)φ_j(x′) → exp(−(x − x′)²/(2ℓ²)) (the Gaussian kernel of length-scale ℓ) as p → ∞. The √(2/p)
 * scale does not change the minimum-norm predictor (β absorbs a common factor); it gives ridge λ the meaning of
 * kernel ridge regression's penalty as p grows (sklearn's RBFSampler uses the same map with γ = 1/(2ℓ²)).
 *
 * Legendre basis: φ_j(x) = √(2j + 1) · P_j(x), j = 0…p − 1 (degree p − 1), by Bonnet's recursion
 * (j + 1)P_{j+1} = (2j + 1)x P_j − j P_{j−1}; the √(2j + 1) makes the basis orthonormal under the uniform
 * distribution on [−1, 1] (E[φ_j φ_k] = δ_jk), so the minimum-norm solution weighs every degree alike.
 * numpy.polynomial.legendre.legval is the reference (tests/fixtures/capacity_refs.py).
 */
import type { Rng } from '../../data/rng';
import { assertCount, assertNumericArray, assertPositive } from '../../stats/validate';

export type BasisKind = 'fourier' | 'legendre' | 'relu';

export interface FeatureMap {
	kind: BasisKind;
	/** The largest capacity this draw supports. */
	maxP: number;
	/** The n × p design (row-major) of the first p features at the points xs. */
	design(xs: ArrayLike<number>, p: number): Float64Array;
}

export interface FourierOptions {
	maxP: number;
	/** Length-scale ℓ of the Gaussian kernel the features approximate (ω ~ N(0, ℓ⁻²)). */
	lengthScale: number;
}

function checkP(map: FeatureMap, p: number): void {
	assertCount('The capacity p', p);
	if (p < 1 || p > map.maxP) throw new RangeError(`The capacity p must be between 1 and ${map.maxP} for this feature draw (got ${p}).`);
}

/** Random Fourier features: one seeded draw of maxP frequencies and phases. */
export function fourierFeatures(options: FourierOptions, rng: Rng): FeatureMap {
	assertCount('The largest capacity maxP', options.maxP);
	if (options.maxP < 1) throw new RangeError(`The largest capacity maxP must be at least 1 (got ${options.maxP}).`);
	assertPositive('The length-scale ℓ', options.lengthScale);
	const omega = new Float64Array(options.maxP);
	const phase = new Float64Array(options.maxP);
	for (let j = 0; j < options.maxP; j++) {
		omega[j] = rng.normal(0, 1 / options.lengthScale);
		phase[j] = 2 * Math.PI * rng.next();
	}
	return fourierFromDraw(omega, phase);
}

/** Random Fourier features with given frequencies and phases (for references and tests). */
export function fourierFromDraw(omega: ArrayLike<number>, phase: ArrayLike<number>): FeatureMap {
	assertNumericArray('The frequencies ω', omega);
	assertNumericArray('The phases b', phase);
	if (omega.length !== phase.length) throw new RangeError(`ω and b must have the same length (got ${omega.length} and ${phase.length}).`);
	const map: FeatureMap = {
		kind: 'fourier',
		maxP: omega.length,
		design(xs, p) {
			checkP(map, p);
			assertNumericArray('The inputs x', xs);
			const scale = Math.sqrt(2 / p);
			const out = new Float64Array(xs.length * p);
			for (let i = 0; i < xs.length; i++) {
				const x = xs[i];
				const o = i * p;
				for (let j = 0; j < p; j++) out[o + j] = scale * Math.cos(omega[j] * x + phase[j]);
			}
			return out;
		}
	};
	return map;
}

/** Orthonormal Legendre basis of degree maxP − 1 (deterministic: no draw). */
export function legendreFeatures(maxP: number): FeatureMap {
	assertCount('The largest capacity maxP', maxP);
	if (maxP < 1) throw new RangeError(`The largest capacity maxP must be at least 1 (got ${maxP}).`);
	const map: FeatureMap = {
		kind: 'legendre',
		maxP,
		design(xs, p) {
			checkP(map, p);
			assertNumericArray('The inputs x', xs);
			const out = new Float64Array(xs.length * p);
			for (let i = 0; i < xs.length; i++) {
				const x = xs[i];
				if (x < -1 || x > 1) throw new RangeError(`Legendre features need x in [−1, 1] (got x[${i}] = ${x}).`);
				const o = i * p;
				let prev = 1;
				let cur = x;
				out[o] = 1;
				if (p > 1) out[o + 1] = Math.sqrt(3) * x;
				for (let j = 1; j + 1 < p; j++) {
					const next = ((2 * j + 1) * x * cur - j * prev) / (j + 1);
					prev = cur;
					cur = next;
					out[o + j + 1] = Math.sqrt(2 * j + 3) * next;
				}
			}
			return out;
		}
	};
	return map;
}

/**
 * Random ReLU features (random hinges): φ_j(x) = √(1/p) · max(0, s_j (x − c_j)), knots c_j ~ U[−1, 1], directions
 * s_j = ±1 with probability ½ — the one-hidden-layer ReLU network with a random, frozen first layer (Rahimi & Recht
 * 2008's random "kitchen sinks"; Mei & Montanari 2022 for its double descent). In 1-D the minimum-norm fit with many
 * hinges is a piecewise-linear spline-like interpolant: unlike the Gaussian-kernel (Fourier) and polynomial bases it
 * does not blow up globally when two training points are close.
 */
export function reluFeatures(maxP: number, rng: Rng): FeatureMap {
	assertCount('The largest capacity maxP', maxP);
	if (maxP < 1) throw new RangeError(`The largest capacity maxP must be at least 1 (got ${maxP}).`);
	const knot = new Float64Array(maxP);
	const dir = new Float64Array(maxP);
	for (let j = 0; j < maxP; j++) {
		knot[j] = 2 * rng.next() - 1;
		dir[j] = rng.next() < 0.5 ? -1 : 1;
	}
	const map: FeatureMap = {
		kind: 'relu',
		maxP,
		design(xs, p) {
			checkP(map, p);
			assertNumericArray('The inputs x', xs);
			const scale = Math.sqrt(1 / p);
			const out = new Float64Array(xs.length * p);
			for (let i = 0; i < xs.length; i++) {
				const o = i * p;
				for (let j = 0; j < p; j++) out[o + j] = scale * Math.max(0, dir[j] * (xs[i] - knot[j]));
			}
			return out;
		}
	};
	return map;
}
