/**
 * Comparisons of two means: the relative lift with its delta-method interval, and Welch's t-test.
 *
 * Definitions (the contract: src/lib/CORE.md):
 * - relativeLiftInterval: delta-method interval for the ratio of two independent means,
 *   Var(B̄/Ā) ≈ V_B/μ_A² + μ_B²·V_A/μ_A⁴ (the uncertainty of the control mean included; dividing the interval of
 *   the difference by the observed control mean ignores it and under-covers at large lifts).
 * - welchTTest: Welch (1947) t-test from summary statistics, Welch–Satterthwaite degrees of freedom
 *   (scipy.stats.ttest_ind_from_stats(equal_var=False)).
 */
import { normalPpf, studentTPpf, studentTSf } from './distributions';
import { assertCount, assertFiniteNumber } from './validate';
import { checkAlpha } from './arm';

/**
 * Delta-method (1 − alpha) interval for the relative lift μ_B/μ_A − 1 of two independent means, given each mean and
 * the variance of its estimate (e.g. s²/n). Null (undefined) when the control mean is not positive.
 */
export function relativeLiftInterval(meanA: number, varA: number, meanB: number, varB: number, alpha = 0.05): { lift: number; ci: [number, number] } | null {
	checkAlpha(alpha);
	for (const [k, v] of Object.entries({ meanA, varA, meanB, varB })) assertFiniteNumber(k, v);
	if (varA < 0 || varB < 0) throw new RangeError('Variances cannot be negative.');
	if (!(meanA > 0)) return null;
	const ratio = meanB / meanA;
	const se = Math.sqrt(varB / (meanA * meanA) + (meanB * meanB * varA) / meanA ** 4);
	const zc = normalPpf(1 - alpha / 2);
	return { lift: ratio - 1, ci: [ratio - 1 - zc * se, ratio - 1 + zc * se] };
}

export interface MeanArm {
	mean: number;
	/** Sample standard deviation (ddof = 1). */
	sd: number;
	n: number;
}

export interface WelchResult {
	t: number;
	df: number;
	pValue: number;
	ci: [number, number];
}

export function welchTTest(control: MeanArm, variant: MeanArm, options: { alpha?: number } = {}): WelchResult {
	const { alpha = 0.05 } = options;
	checkAlpha(alpha);
	for (const [name, arm] of [
		['control', control],
		['variant', variant]
	] as const) {
		if (arm == null || typeof arm !== 'object') throw new TypeError(`${name} must be an object {mean, sd, n}.`);
		assertFiniteNumber(`${name}.mean`, arm.mean);
		assertFiniteNumber(`${name}.sd`, arm.sd);
		if (arm.sd < 0) throw new RangeError(`${name}.sd cannot be negative (got ${arm.sd}).`);
		assertCount(`${name}.n`, arm.n);
		if (arm.n < 2) throw new RangeError(`${name}.n must be at least 2 to estimate a variance (got ${arm.n}).`);
	}
	const v1 = control.sd ** 2 / control.n;
	const v2 = variant.sd ** 2 / variant.n;
	const se2 = v1 + v2;
	if (se2 === 0) throw new RangeError('Both groups have zero variance: the t statistic is undefined.');
	const se = Math.sqrt(se2);
	const diff = variant.mean - control.mean;
	const t = diff / se;
	const df = (se2 * se2) / ((v1 * v1) / (control.n - 1) + (v2 * v2) / (variant.n - 1));
	const pValue = Math.min(1, 2 * studentTSf(Math.abs(t), df));
	const tc = studentTPpf(1 - alpha / 2, df);
	return { t, df, pValue, ci: [diff - tc * se, diff + tc * se] };
}
