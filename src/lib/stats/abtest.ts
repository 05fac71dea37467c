/**
 * A/B test statistics.
 *
 * Definitions (the contract: src/lib/CORE.md):
 * - twoProportionZTest: z with the pooled standard error, p-value from the standard normal (Agresti, Categorical
 *   Data Analysis, 2013, §3.1; statsmodels `proportions_ztest`). Its interval for diff = rateVariant − rateControl
 *   is the score interval that inverts the same test (Farrington & Manning, Stat. Med. 9, 1990; Miettinen &
 *   Nurminen, Stat. Med. 4, 1985, without their n/(n − 1) factor): all δ for which the score test of
 *   H0: diff = δ, with the variance at the restricted maximum-likelihood rates, does not reject. At δ = 0 the
 *   restricted estimate is the pooled rate, so the interval excludes 0 exactly when the pooled z-test is
 *   significant — the unpooled Wald interval used before could disagree with the test near the boundary.
 * - relativeLiftInterval: delta-method interval for the ratio of two independent means,
 *   Var(B̄/Ā) ≈ V_B/μ_A² + μ_B²·V_A/μ_A⁴ (the uncertainty of the control mean included; dividing the interval of
 *   the difference by the observed control mean ignores it and under-covers at large lifts).
 * - chiSquareTest: Pearson's statistic on an r × c table, no continuity correction
 *   (scipy.stats.chi2_contingency(correction=False)).
 * - welchTTest: Welch (1947) t-test from summary statistics, Welch–Satterthwaite degrees of freedom
 *   (scipy.stats.ttest_ind_from_stats(equal_var=False)).
 * - sampleSizePerArm / sampleSizes: the two-sided normal-approximation formula for two proportions (Fleiss, Statistical
 *   Methods for Rates and Proportions, 3rd ed., eq. 4.14 without continuity correction), for unequal allocation
 *   with k = n_variant / n_control: n_control = [z₁₋α/₂·√(p̄(1−p̄)(1 + 1/k)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)/k)]² / δ²,
 *   p̄ = (p₁ + k·p₂)/(1 + k) (Fleiss, Tytun & Ury, Biometrics 36, 1980, without continuity correction).
 * - probabilityVariantBeats: P(p_variant > p_control) under independent Beta posteriors, computed exactly as a finite
 *   sum of Beta functions when a posterior shape is a whole number (Evan Miller, "Formulas for Bayesian A/B Testing",
 *   2015) and by adaptive Gauss–Kronrod quadrature otherwise.
 * - Sequential testing: the mixture sequential probability ratio test (mSPRT) with a normal mixing distribution
 *   N(0, τ²), giving always-valid p-values: p_n = min(p_{n−1}, 1/Λ_n). Type I error stays ≤ alpha however often one
 *   looks. Reference: Johari, Koomen, Pekelis & Walsh, "Peeking at A/B Tests: Why it matters, and what to do about
 *   it", KDD 2017; and "Always Valid Inference", Operations Research 70(3), 2022.
 */
import { betaCdf, betaLogPdf, chiSquareSf, normalCdf, normalPpf, normalSf, studentTPpf, studentTSf } from './distributions';
import { lbeta } from './special';
import { assertCount, assertFiniteNumber, assertInRange, assertPositive } from './validate';

export interface Arm {
	conversions: number;
	visitors: number;
}

export type Alternative = 'two-sided' | 'greater' | 'less';

export interface TestOptions {
	alpha?: number;
	alternative?: Alternative;
}

export interface ZTestResult {
	rateControl: number;
	rateVariant: number;
	diff: number;
	/** diff / rateControl; null when the control rate is 0 (the relative lift is undefined). */
	relativeLift: number | null;
	z: number;
	pValue: number;
	ci: [number, number];
	significant: boolean;
}

function checkAlpha(alpha: number): void {
	assertInRange('alpha', alpha, 0, 1, 'both');
}

export function checkArm(name: string, arm: Arm): void {
	if (arm == null || typeof arm !== 'object') throw new TypeError(`${name} must be an object {conversions, visitors}.`);
	assertCount(`${name}.conversions`, arm.conversions);
	assertCount(`${name}.visitors`, arm.visitors);
	if (arm.visitors === 0) throw new RangeError(`${name} has no visitors: at least one visitor is needed.`);
	if (arm.conversions > arm.visitors) {
		throw new RangeError(`${name} has more conversions (${arm.conversions}) than visitors (${arm.visitors}).`);
	}
}

function pFromZ(z: number, alternative: Alternative): number {
	if (alternative === 'greater') return normalSf(z);
	if (alternative === 'less') return normalCdf(z);
	return Math.min(1, 2 * normalSf(Math.abs(z)));
}

export function twoProportionZTest(control: Arm, variant: Arm, options: TestOptions = {}): ZTestResult {
	const { alpha = 0.05, alternative = 'two-sided' } = options;
	checkAlpha(alpha);
	if (!['two-sided', 'greater', 'less'].includes(alternative)) {
		throw new RangeError(`alternative must be 'two-sided', 'greater' or 'less' (got ${alternative}).`);
	}
	checkArm('control', control);
	checkArm('variant', variant);
	const n1 = control.visitors;
	const n2 = variant.visitors;
	const p1 = control.conversions / n1;
	const p2 = variant.conversions / n2;
	const diff = p2 - p1;
	const pooled = (control.conversions + variant.conversions) / (n1 + n2);
	const sePooled = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
	// With no variation at all (every rate 0 or every rate 1) there is no evidence of a difference: z = 0, p = 1.
	const z = sePooled > 0 ? diff / sePooled : 0;
	const pValue = sePooled > 0 ? pFromZ(z, alternative) : 1;
	return {
		rateControl: p1,
		rateVariant: p2,
		diff,
		relativeLift: p1 > 0 ? diff / p1 : null,
		z,
		pValue,
		ci: scoreIntervalDiff(control, variant, alpha),
		significant: pValue < alpha
	};
}

/**
 * Restricted MLE of the control rate under rateVariant − rateControl = delta: the closed-form root of the
 * likelihood equation's cubic (Miettinen & Nurminen 1985, appendix; Farrington & Manning 1990), with group 1 the
 * variant and group 2 the control; bisection on the (concave) log-likelihood where the closed form is degenerate.
 */
function restrictedControlRate(control: Arm, variant: Arm, delta: number): number {
	const lo = Math.max(0, -delta);
	const hi = Math.min(1, 1 - delta);
	const n1 = variant.visitors;
	const n2 = control.visitors;
	const p1 = variant.conversions / n1;
	const p2 = control.conversions / n2;
	const theta = n2 / n1;
	const a = 1 + theta;
	const b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2));
	const c = delta * delta + delta * (2 * p1 + theta + 1) + p1 + theta * p2;
	const d = -p1 * delta * (1 + delta);
	const v = b ** 3 / (27 * a ** 3) - (b * c) / (6 * a * a) + d / (2 * a);
	const uu = (b * b) / (9 * a * a) - c / (3 * a);
	if (uu > 0) {
		const u = Math.sign(v || 1) * Math.sqrt(uu);
		const w = (Math.PI + Math.acos(Math.max(-1, Math.min(1, v / u ** 3)))) / 3;
		const q1 = 2 * u * Math.cos(w) - b / (3 * a);
		const q2 = q1 - delta;
		if (Number.isFinite(q2) && q2 >= lo - 1e-12 && q2 <= hi + 1e-12) return Math.min(hi, Math.max(lo, q2));
	}
	// Degenerate cubic: bisection on the derivative of the log-likelihood (decreasing in the control rate).
	const { conversions: cA, visitors: nA } = control;
	const { conversions: cB, visitors: nB } = variant;
	const slope = (p: number) => {
		const q = p + delta;
		let g = 0;
		if (cA) g += cA / p;
		if (nA - cA) g -= (nA - cA) / (1 - p);
		if (cB) g += cB / q;
		if (nB - cB) g -= (nB - cB) / (1 - q);
		return g;
	};
	let x = lo;
	let y = hi;
	for (let i = 0; i < 100 && y - x > 1e-15; i++) {
		const mid = 0.5 * (x + y);
		if (slope(mid) > 0) x = mid;
		else y = mid;
	}
	return 0.5 * (x + y);
}

/** Score statistic of H0: rateVariant − rateControl = delta, variance at the restricted MLE. */
function scoreZ(control: Arm, variant: Arm, delta: number): number {
	const d = variant.conversions / variant.visitors - control.conversions / control.visitors - delta;
	const pA = restrictedControlRate(control, variant, delta);
	const pB = Math.min(1, Math.max(0, pA + delta));
	const v = (pA * (1 - pA)) / control.visitors + (pB * (1 - pB)) / variant.visitors;
	if (v > 0) return d / Math.sqrt(v);
	return d === 0 ? 0 : d > 0 ? Infinity : -Infinity;
}

/**
 * Two-sided (1 − alpha) score interval for rateVariant − rateControl, the inversion of the pooled z-test
 * (see the module header). Endpoints by bisection to 1e-12.
 */
export function scoreIntervalDiff(control: Arm, variant: Arm, alpha = 0.05): [number, number] {
	checkArm('control', control);
	checkArm('variant', variant);
	checkAlpha(alpha);
	const zc = normalPpf(1 - alpha / 2);
	const diff = variant.conversions / variant.visitors - control.conversions / control.visitors;
	// scoreZ decreases in delta; find where it crosses +zc (below diff) and −zc (above diff).
	const root = (from: number, to: number, target: number) => {
		let a = from;
		let b = to;
		for (let i = 0; i < 60 && Math.abs(b - a) > 1e-13; i++) {
			const mid = 0.5 * (a + b);
			if (scoreZ(control, variant, mid) > target) a = mid;
			else b = mid;
		}
		return 0.5 * (a + b);
	};
	const lower = scoreZ(control, variant, -1 + 1e-12) <= zc ? -1 : root(-1, diff, zc);
	const upper = scoreZ(control, variant, 1 - 1e-12) >= -zc ? 1 : root(diff, 1, -zc);
	return [Math.max(-1, Math.min(lower, diff)), Math.min(1, Math.max(upper, diff))];
}

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

export interface ChiSquareResult {
	statistic: number;
	df: number;
	pValue: number;
}

export function chiSquareTest(table: number[][]): ChiSquareResult {
	if (!Array.isArray(table) || table.length < 2) throw new RangeError('The table needs at least 2 rows.');
	const cols = table[0]?.length ?? 0;
	if (cols < 2) throw new RangeError('The table needs at least 2 columns.');
	table.forEach((row, i) => {
		if (!Array.isArray(row) || row.length !== cols) throw new RangeError(`Row ${i} has ${row?.length ?? 0} cells; every row needs ${cols}.`);
		row.forEach((v, j) => {
			assertFiniteNumber(`table[${i}][${j}]`, v);
			if (v < 0) throw new RangeError(`table[${i}][${j}] is a negative count (${v}).`);
		});
	});
	const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
	const colSums = Array.from({ length: cols }, (_, j) => table.reduce((a, r) => a + r[j], 0));
	const total = rowSums.reduce((a, b) => a + b, 0);
	rowSums.forEach((s, i) => {
		if (s === 0) throw new RangeError(`Row ${i} is all zeros: its expected counts would be 0.`);
	});
	colSums.forEach((s, j) => {
		if (s === 0) throw new RangeError(`Column ${j} is all zeros: its expected counts would be 0.`);
	});
	let statistic = 0;
	for (let i = 0; i < table.length; i++) {
		for (let j = 0; j < cols; j++) {
			const e = (rowSums[i] * colSums[j]) / total;
			statistic += (table[i][j] - e) ** 2 / e;
		}
	}
	const df = (table.length - 1) * (cols - 1);
	return { statistic, df, pValue: chiSquareSf(statistic, df) };
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

/** Wilson score interval for one proportion at level 1 − alpha (Wilson 1927); well-behaved at 0 and n. */
export function wilsonInterval(arm: Arm, alpha = 0.05): [number, number] {
	checkArm('arm', arm);
	checkAlpha(alpha);
	const n = arm.visitors;
	const p = arm.conversions / n;
	const z = normalPpf(1 - alpha / 2);
	const z2 = z * z;
	const center = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return [Math.max(0, center - half), Math.min(1, center + half)];
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

export interface BetaPrior {
	alpha: number;
	beta: number;
}

/** Σ_{i=0}^{aB−1} B(aA+i, bA+bB) / ((bB+i) B(1+i, bB) B(aA, bA)) = P(X_B > X_A) for a whole-number aB. */
function beatsIntegerShape(aA: number, bA: number, aB: number, bB: number): number {
	let total = 0;
	const lbA = lbeta(aA, bA);
	for (let i = 0; i < aB; i++) {
		total += Math.exp(lbeta(aA + i, bA + bB) - Math.log(bB + i) - lbeta(1 + i, bB) - lbA);
	}
	return total;
}

// 15-point Gauss–Kronrod nodes and weights (QUADPACK), as printed there: 18 digits, rounded to the nearest double.
/* eslint-disable no-loss-of-precision */
const XGK = [
	0.991455371120812639, 0.949107912342758525, 0.864864423359769073, 0.74153118559939444, 0.58608723546769113, 0.405845151377397167, 0.207784955007898468, 0
];
const WGK = [
	0.022935322010529225, 0.063092092629978553, 0.104790010322250184, 0.140653259715525919, 0.169004726639267903, 0.19035057806478541, 0.204432940075298892,
	0.209482141084727828
];
const WG = [0.129484966168869693, 0.279705391489276668, 0.381830050505118945, 0.417959183673469388];
/* eslint-enable no-loss-of-precision */

function gk15(f: (x: number) => number, a: number, b: number): { value: number; error: number } {
	const c = 0.5 * (a + b);
	const h = 0.5 * (b - a);
	const fc = f(c);
	let k = fc * WGK[7];
	let g = fc * WG[3];
	for (let j = 0; j < 7; j++) {
		const dx = h * XGK[j];
		const s = f(c - dx) + f(c + dx);
		k += WGK[j] * s;
		if (j % 2 === 1) g += WG[(j - 1) / 2] * s;
	}
	return { value: k * h, error: Math.abs((k - g) * h) };
}

function adaptiveIntegrate(f: (x: number) => number, a: number, b: number, tol: number, depth = 0): number {
	const whole = gk15(f, a, b);
	if (whole.error <= tol || depth > 40) return whole.value;
	const m = 0.5 * (a + b);
	return adaptiveIntegrate(f, a, m, tol / 2, depth + 1) + adaptiveIntegrate(f, m, b, tol / 2, depth + 1);
}

function beatsNumeric(aA: number, bA: number, aB: number, bB: number): number {
	// ∫ f_B(x) F_A(x) dx, split around the bulk of B's posterior so the peak is resolved.
	const mean = aB / (aB + bB);
	const sd = Math.sqrt((aB * bB) / ((aB + bB) ** 2 * (aB + bB + 1)));
	const cuts = [0, mean - 12 * sd, mean - 3 * sd, mean, mean + 3 * sd, mean + 12 * sd, 1]
		.map((x) => Math.min(1, Math.max(0, x)))
		.filter((x, i, arr) => i === 0 || x > arr[i - 1]);
	const f = (x: number) => (x <= 0 || x >= 1 ? 0 : Math.exp(betaLogPdf(x, aB, bB)) * betaCdf(x, aA, bA));
	let total = 0;
	for (let i = 1; i < cuts.length; i++) total += adaptiveIntegrate(f, cuts[i - 1], cuts[i], 1e-12);
	return total;
}

/**
 * Posterior probability that the variant's true rate exceeds the control's, with independent Beta(prior) priors.
 * Accurate to better than 1e-6 (exact sum when a shape is a whole number, adaptive quadrature otherwise).
 */
export function probabilityVariantBeats(control: Arm, variant: Arm, prior: BetaPrior = { alpha: 1, beta: 1 }): number {
	checkArm('control', control);
	checkArm('variant', variant);
	assertPositive('prior.alpha', prior.alpha);
	assertPositive('prior.beta', prior.beta);
	const aA = prior.alpha + control.conversions;
	const bA = prior.beta + control.visitors - control.conversions;
	const aB = prior.alpha + variant.conversions;
	const bB = prior.beta + variant.visitors - variant.conversions;
	let p: number;
	// Pick the cheapest exact form: the sum runs over a whole-number shape; by symmetry
	// P(X_B > X_A) = P(1 − X_A > 1 − X_B) with 1 − X ~ Beta(b, a), and P(X_B > X_A) = 1 − P(X_A > X_B).
	const options: Array<[number, () => number]> = [];
	if (Number.isInteger(aB)) options.push([aB, () => beatsIntegerShape(aA, bA, aB, bB)]);
	if (Number.isInteger(bA)) options.push([bA, () => beatsIntegerShape(bB, aB, bA, aA)]);
	if (Number.isInteger(aA)) options.push([aA, () => 1 - beatsIntegerShape(aB, bB, aA, bA)]);
	if (Number.isInteger(bB)) options.push([bB, () => 1 - beatsIntegerShape(bA, aA, bB, aB)]);
	options.sort((x, y) => x[0] - y[0]);
	if (options.length > 0 && options[0][0] <= 2_000_000) p = options[0][1]();
	else p = beatsNumeric(aA, bA, aB, bB);
	return Math.min(1, Math.max(0, p));
}

/**
 * P(variant's rate > control's) with Beta(1 + conversions, 1 + non-conversions) posteriors, by the normal
 * approximation of the two Betas (their means and variances): O(1), for simulations that need it thousands of times
 * (`probabilityVariantBeats` is the exact value).
 */
export function probabilityVariantBeatsNormal(
	controlConversions: number,
	controlVisitors: number,
	variantConversions: number,
	variantVisitors: number
): number {
	const aA = 1 + controlConversions;
	const bA = 1 + controlVisitors - controlConversions;
	const aB = 1 + variantConversions;
	const bB = 1 + variantVisitors - variantConversions;
	const mA = aA / (aA + bA);
	const mB = aB / (aB + bB);
	const vA = (aA * bA) / ((aA + bA) ** 2 * (aA + bA + 1));
	const vB = (aB * bB) / ((aB + bB) ** 2 * (aB + bB + 1));
	return normalCdf((mB - mA) / Math.sqrt(vA + vB));
}

/**
 * Mixture likelihood ratio Λ of the mSPRT for a normal estimate θ̂ with variance v, testing θ = 0 against the
 * mixture θ ~ N(0, τ²): Λ = √(v / (v + τ²)) · exp(θ̂² τ² / (2 v (v + τ²))).
 */
export function msprtLikelihoodRatio(estimate: number, variance: number, tau: number): number {
	assertFiniteNumber('estimate', estimate);
	assertFiniteNumber('variance', variance);
	assertPositive('tau', tau);
	if (variance < 0) throw new RangeError(`variance cannot be negative (got ${variance}).`);
	if (variance === 0) return estimate === 0 ? 1 : Infinity;
	const t2 = tau * tau;
	return Math.sqrt(variance / (variance + t2)) * Math.exp((estimate * estimate * t2) / (2 * variance * (variance + t2)));
}

/** Always-valid p-value at one look, given the previous look's (1 at the start). */
export function msprtPValue(estimate: number, variance: number, tau: number, previous = 1): number {
	const lr = msprtLikelihoodRatio(estimate, variance, tau);
	return Math.min(previous, 1 / lr, 1);
}

/**
 * Always-valid p-values for a sequence of cumulative looks at a conversion experiment. The difference in rates
 * is the estimate and its unpooled variance the variance; a look where either arm has no visitors keeps p = 1.
 */
export function sequentialPValues(looks: Array<{ control: Arm; variant: Arm }>, tau: number): number[] {
	assertPositive('tau', tau);
	let p = 1;
	return looks.map(({ control, variant }, i) => {
		if (control.visitors === 0 || variant.visitors === 0) return p;
		checkArm(`looks[${i}].control`, control);
		checkArm(`looks[${i}].variant`, variant);
		const p1 = control.conversions / control.visitors;
		const p2 = variant.conversions / variant.visitors;
		const v = (p1 * (1 - p1)) / control.visitors + (p2 * (1 - p2)) / variant.visitors;
		// Before any variation is seen there is no evidence either way.
		if (v === 0) return p;
		p = msprtPValue(p2 - p1, v, tau, p);
		return p;
	});
}
