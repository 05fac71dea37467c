/**
 * Two-proportion z-test and its score interval.
 *
 * Definition (the contract: src/lib/CORE.md):
 * - twoProportionZTest: z with the pooled standard error, p-value from the standard normal (Agresti, Categorical
 *   Data Analysis, 2013, §3.1; statsmodels `proportions_ztest`). Its interval for diff = rateVariant − rateControl
 *   is the score interval that inverts the same test (Farrington & Manning, Stat. Med. 9, 1990; Miettinen &
 *   Nurminen, Stat. Med. 4, 1985, without their n/(n − 1) factor): all δ for which the score test of
 *   H0: diff = δ, with the variance at the restricted maximum-likelihood rates, does not reject. At δ = 0 the
 *   restricted estimate is the pooled rate, so the interval excludes 0 exactly when the pooled z-test is
 *   significant — the unpooled Wald interval used before could disagree with the test near the boundary.
 */
import { normalCdf, normalPpf, normalSf } from './distributions';
import { checkAlpha, checkArm, type Arm } from './arm';

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
