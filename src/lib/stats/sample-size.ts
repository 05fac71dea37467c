/**
 * Sample size and power of the two-proportion z-test.
 *
 * Definition (the contract: src/lib/CORE.md):
 * - sampleSizePerArm / sampleSizes: the two-sided normal-approximation formula for two proportions (Fleiss, Statistical
 *   Methods for Rates and Proportions, 3rd ed., eq. 4.14 without continuity correction), for unequal allocation
 *   with k = n_variant / n_control: n_control = [z₁₋α/₂·√(p̄(1−p̄)(1 + 1/k)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)/k)]² / δ²,
 *   p̄ = (p₁ + k·p₂)/(1 + k) (Fleiss, Tytun & Ury, Biometrics 36, 1980, without continuity correction).
 */
import { normalCdf, normalPpf } from './distributions';
import { assertFiniteNumber, assertInRange, assertPositive } from './validate';
import { checkAlpha } from './arm';

export interface SampleSizeInput {
	baselineRate: number;
	minDetectableEffect: number;
	relative?: boolean;
	alpha?: number;
	power?: number;
	/** Share of visitors assigned to the variant (default 0.5, an equal split). */
	variantShare?: number;
}

/** Visitors per arm for an equal split. */
export function sampleSizePerArm(input: SampleSizeInput): number {
	return sampleSizes({ ...input, variantShare: 0.5 }).control;
}

/** Visitors in each arm for the chosen allocation (module header): the variant gets k = share/(1 − share) per control. */
export function sampleSizes(input: SampleSizeInput): { control: number; variant: number } {
	const { baselineRate: p1, minDetectableEffect: mde, relative = false, alpha = 0.05, power = 0.8, variantShare = 0.5 } = input;
	assertInRange('variantShare', variantShare, 0, 1, 'both');
	assertInRange('baselineRate', p1, 0, 1, 'both');
	assertFiniteNumber('minDetectableEffect', mde);
	if (mde === 0) throw new RangeError('minDetectableEffect cannot be 0: no sample size detects a zero effect.');
	checkAlpha(alpha);
	assertInRange('power', power, 0, 1, 'both');
	const p2 = relative ? p1 * (1 + mde) : p1 + mde;
	if (!(p2 > 0 && p2 < 1)) {
		throw new RangeError(`The variant rate would be ${p2.toPrecision(4)}, outside (0, 1): choose a smaller effect.`);
	}
	const k = variantShare / (1 - variantShare);
	const pBar = (p1 + k * p2) / (1 + k);
	const za = normalPpf(1 - alpha / 2);
	const zb = normalPpf(power);
	const num = za * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / k)) + zb * Math.sqrt(p1 * (1 - p1) + (p2 * (1 - p2)) / k);
	// Rounded to 12 significant digits before the ceiling, so float noise cannot push a whole number up by one.
	const control = Math.ceil(Number(((num * num) / ((p2 - p1) * (p2 - p1))).toPrecision(12)));
	return { control, variant: Math.ceil(Number((k * control).toPrecision(12))) };
}

export interface PowerInput {
	rateControl: number;
	rateVariant: number;
	/** Visitors per arm (or in the control arm, when nVariant is given). */
	n: number;
	/** Visitors in the variant arm, for unequal allocation (default n). */
	nVariant?: number;
	alpha?: number;
}

/**
 * Power of the two-sided two-proportion z-test at n visitors per arm: the normal approximation behind
 * sampleSizes, solved for power (the far tail, below 1e−3 at useful powers, is ignored as there), with n and m visitors:
 * Φ((|p2 − p1| − z₁₋α/₂·√(p̄(1−p̄)(1/n + 1/m))) / √(p1(1−p1)/n + p2(1−p2)/m)), p̄ = (n·p1 + m·p2)/(n + m).
 */
export function powerTwoProportions(input: PowerInput): number {
	const { rateControl: p1, rateVariant: p2, n, alpha = 0.05 } = input;
	const m = input.nVariant ?? n;
	assertInRange('rateControl', p1, 0, 1, 'both');
	assertInRange('rateVariant', p2, 0, 1, 'both');
	assertPositive('n', n);
	assertPositive('nVariant', m);
	checkAlpha(alpha);
	if (p1 === p2) return alpha;
	const pBar = (n * p1 + m * p2) / (n + m);
	const za = normalPpf(1 - alpha / 2);
	const se0 = Math.sqrt(pBar * (1 - pBar) * (1 / n + 1 / m));
	const se1 = Math.sqrt((p1 * (1 - p1)) / n + (p2 * (1 - p2)) / m);
	return normalCdf((Math.abs(p2 - p1) - za * se0) / se1);
}
