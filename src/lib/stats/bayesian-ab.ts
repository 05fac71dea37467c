/**
 * Bayesian A/B comparison: the posterior probability that the variant's rate beats the control's.
 *
 * Definition (the contract: src/lib/CORE.md):
 * - probabilityVariantBeats: P(p_variant > p_control) under independent Beta posteriors, computed exactly as a finite
 *   sum of Beta functions when a posterior shape is a whole number (Evan Miller, "Formulas for Bayesian A/B Testing",
 *   2015) and by adaptive Gauss–Kronrod quadrature otherwise.
 */
import { betaCdf, betaLogPdf, normalCdf } from './distributions';
import { lbeta } from './special';
import { assertPositive } from './validate';
import { checkArm, type Arm } from './arm';

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
