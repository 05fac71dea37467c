/**
 * The capacity lab's default set-up — the one constant the page reads. Why these values (measured, 50 seeds each;
 * tests/unit/capacity-curve.test.ts prints the current numbers):
 *
 * - Inputs x ~ N(0, I_10) and random Fourier features of them (ℓ = 5, so ω·x has spread ‖x‖/ℓ ≈ 0.63 rad): in
 *   d = 10 the n × p design behaves like a random matrix, whose smallest singular value is small only near p = n,
 *   so the peak sits at the interpolation threshold and stays finite. Any smooth basis of a 1-D input fails one way
 *   or the other (curve.ts).
 * - A teacher target in the span of the features, c_j ∝ 0.9^j (data.ts): learnable from 40 points (the first descent
 *   is real) and with almost no residual at p ≈ n, so label noise is what the interpolating fit amplifies — the
 *   three ingredients of Schaeffer et al. 2023 (arXiv:2303.14151) can each be switched off: σ = 0, ridge λ, or the
 *   'aligned' target without noise (no residual at all).
 * - n = 40, σ = 0.3 (σ² = 0.09 against a unit-RMS target), capacityGrid(40): 40 capacities up to 4n = 160, dense
 *   (step 2) within ±20% of n, skipping n − 1 … n + 1.
 * - sample-wise: p = 40 fixed, n over the same grid from 10 to 160.
 * - ridge = 0.05: the λ (on the √(2/p)-scaled features, as kernel ridge's penalty) the lab offers to remove the peak.
 */
import { capacityGrid } from './curve';
import type { ModelOptions } from './model';

const N = 40;
const CAPACITIES = capacityGrid(N);
/** Training-set sizes for the sample-wise curve at p = N: the same grid from N/4 up (at n ≪ p the error of a
 * handful of points can top the peak, which is not the lesson of that view). */
const SIZES = CAPACITIES.filter((n) => n >= N / 4);

export const DEFAULT_CAPACITY = {
	basis: 'fourier',
	inputs: 'gaussian',
	dim: 10,
	lengthScale: 5,
	target: 'teacher',
	teacherDecay: 0.9,
	alignedK: 5,
	sigma: 0.3,
	lambda: 0,
	n: N,
	capacities: CAPACITIES,
	maxP: CAPACITIES[CAPACITIES.length - 1],
	testSize: 400,
	sliceSize: 101,
	/** The sample-wise view: p fixed at n's default, training-set sizes around it. */
	sampleP: N,
	sampleSizes: SIZES,
	/** The ridge penalty the page offers to remove the peak. */
	ridge: 0.05,
	/** Training sets for the bias–variance view. */
	trainingSets: 100
} as const satisfies ModelOptions & {
	n: number;
	capacities: readonly number[];
	sampleP: number;
	sampleSizes: readonly number[];
	ridge: number;
	trainingSets: number;
};
