/**
 * Feature maps of an input x ∈ R^d, with a capacity p (the number of features). Nested: capacity p uses the first p
 * features of one seeded draw, so a capacity curve compares models that only add features (as in the
 * random-Fourier-feature experiments of Belkin, Hsu, Ma & Mandal, "Reconciling modern machine-learning practice and
 * the classical bias–variance trade-off", PNAS 116(32), 2019). Inputs are row-major: `xs` holds rows·d numbers.
 *
 * Random Fourier features (Rahimi & Recht, "Random features for large-scale kernel machines", NeurIPS 2007) — the
 * lab's default, on x ∈ R^10:
 *   φ_j(x) = √(2/p) · cos(ω_j·x + b_j),  ω_j ~ N(0, ℓ⁻² I_d),  b_j ~ U[0, 2π)
 * so that Σ_j φ_j(x)φ_j(x′) → exp(−‖x − x′‖²/(2ℓ²)) (the Gaussian kernel of length-scale ℓ) as p → ∞. The √(2/p)
 * scale does not change the minimum-norm predictor (β absorbs a common factor); it gives ridge λ the meaning of
 * kernel ridge regression's penalty as p grows (sklearn's RBFSampler uses the same map with γ = 1/(2ℓ²)).
 *
 * Legendre basis (1-D, x ∈ [−1, 1]): φ_j(x) = √(2j + 1) · P_j(x), j = 0…p − 1, by Bonnet's recursion
 * (j + 1)P_{j+1} = (2j + 1)x P_j − j P_{j−1}; orthonormal under the uniform distribution on [−1, 1].
 * numpy.polynomial.legendre.legval is the reference (tests/fixtures/capacity_refs.py). Not the default: any smooth
 * basis of a 1-D input is exponentially ill-conditioned on random points near p = n (measured κ ≈ 1e12–1e16 at
 * n = 40, test error ~1e20 at the peak; see curve.ts), because n points of a line cannot make n smooth features
 * independent. In d = 10 the rows of the random-feature design are nearly independent and the peak is finite.
 */
import type { Rng } from '../../data/rng';
import { assertCount, assertNumericArray, assertPositive } from '../../stats/validate';

export type BasisKind = 'fourier' | 'legendre' | 'relu';

export interface FeatureMap {
	kind: BasisKind;
	/** The input dimension d: design() reads rows·d numbers, row-major. */
	dim: number;
	/** The largest capacity this draw supports. */
	maxP: number;
	/** The rows × p design (row-major) of the first p features at the points xs (rows·dim numbers, row-major). */
	design(xs: ArrayLike<number>, p: number): Float64Array;
	/** The factor every feature carries at capacity p (√(2/p), √(1/p) or 1): design(xs, p) = scale(p)·(unscaled columns). */
	scale(p: number): number;
	/**
	 * E[(Σ_{j<k} c_j φ_j(x))²] at capacity k for x ~ N(0, I_d), in closed form (random Fourier features only):
	 * 2·cos(u)cos(v) = cos(u − v) + cos(u + v) and E cos(a·x + b) = cos(b)·exp(−‖a‖²/2).
	 */
	gaussianMeanSquare?(c: ArrayLike<number>, k: number): number;
}

export interface FourierOptions {
	maxP: number;
	/** Length-scale ℓ of the Gaussian kernel the features approximate (ω ~ N(0, ℓ⁻²)). */
	lengthScale: number;
	/** Input dimension d (default 1). */
	dim?: number;
}

function checkP(map: FeatureMap, p: number): void {
	assertCount('The capacity p', p);
	if (p < 1 || p > map.maxP) throw new RangeError(`The capacity p must be between 1 and ${map.maxP} for this feature draw (got ${p}).`);
}

/** The number of input rows in xs (rows·dim numbers), after checking it. */
function rowsOf(map: FeatureMap, xs: ArrayLike<number>): number {
	assertNumericArray('The inputs x', xs);
	if (xs.length % map.dim !== 0) throw new RangeError(`The inputs must hold rows·d numbers with d = ${map.dim} (got ${xs.length}).`);
	return xs.length / map.dim;
}

/** Random Fourier features: one seeded draw of maxP frequencies and phases. */
export function fourierFeatures(options: FourierOptions, rng: Rng): FeatureMap {
	assertCount('The largest capacity maxP', options.maxP);
	if (options.maxP < 1) throw new RangeError(`The largest capacity maxP must be at least 1 (got ${options.maxP}).`);
	assertPositive('The length-scale ℓ', options.lengthScale);
	const dim = options.dim ?? 1;
	assertCount('The input dimension d', dim);
	if (dim < 1) throw new RangeError(`The input dimension d must be at least 1 (got ${dim}).`);
	const omega = new Float64Array(options.maxP * dim);
	const phase = new Float64Array(options.maxP);
	for (let j = 0; j < options.maxP; j++) {
		for (let k = 0; k < dim; k++) omega[j * dim + k] = rng.normal(0, 1 / options.lengthScale);
		phase[j] = 2 * Math.PI * rng.next();
	}
	return fourierFromDraw(omega, phase, dim);
}

/**
 * Random Fourier features with given frequencies (row-major maxP × d: ω_j is omega[j·d … j·d + d)) and phases
 * (for references and tests).
 */
export function fourierFromDraw(omega: ArrayLike<number>, phase: ArrayLike<number>, dim = 1): FeatureMap {
	assertNumericArray('The frequencies ω', omega);
	assertNumericArray('The phases b', phase);
	assertCount('The input dimension d', dim);
	if (dim < 1 || omega.length !== phase.length * dim)
		throw new RangeError(`ω must hold d = ${dim} numbers per phase (got ${omega.length} frequencies for ${phase.length} phases).`);
	const map: FeatureMap = {
		kind: 'fourier',
		dim,
		maxP: phase.length,
		scale: (p) => Math.sqrt(2 / p),
		gaussianMeanSquare(c, k) {
			checkP(map, k);
			let total = 0;
			for (let j = 0; j < k; j++) {
				if (c[j] === 0) continue;
				for (let l = 0; l < k; l++) {
					if (c[l] === 0) continue;
					let minus = 0;
					let plus = 0;
					for (let e = 0; e < dim; e++) {
						const a = omega[j * dim + e];
						const b = omega[l * dim + e];
						minus += (a - b) * (a - b);
						plus += (a + b) * (a + b);
					}
					const pair = Math.cos(phase[j] - phase[l]) * Math.exp(-minus / 2) + Math.cos(phase[j] + phase[l]) * Math.exp(-plus / 2);
					total += c[j] * c[l] * pair;
				}
			}
			// φ_j = √(2/k)·cos(·): E[φ_j φ_l] = (2/k)·½·pair.
			return total / k;
		},
		design(xs, p) {
			checkP(map, p);
			const rows = rowsOf(map, xs);
			const scale = Math.sqrt(2 / p);
			const out = new Float64Array(rows * p);
			for (let i = 0; i < rows; i++) {
				const o = i * p;
				const xo = i * dim;
				for (let j = 0; j < p; j++) {
					let z = phase[j];
					for (let k = 0; k < dim; k++) z += omega[j * dim + k] * xs[xo + k];
					out[o + j] = scale * Math.cos(z);
				}
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
		dim: 1,
		maxP,
		scale: () => 1,
		design(xs, p) {
			checkP(map, p);
			rowsOf(map, xs);
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
		dim: 1,
		maxP,
		scale: (p) => Math.sqrt(1 / p),
		design(xs, p) {
			checkP(map, p);
			rowsOf(map, xs);
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
