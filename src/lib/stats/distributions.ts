/**
 * Distribution functions used by the tests and detectors: standard normal, Student's t, chi-square,
 * Beta and the Kolmogorov limiting distribution. Tails are computed directly (never as 1 − cdf) so tiny
 * p-values keep their relative precision. Checked against scipy.stats in tests/unit/distributions.test.ts.
 */
import { betaInc, erfc, gammaP, gammaQ, lbeta } from './special';

const SQRT2 = Math.SQRT2;
const SQRT_2PI = Math.sqrt(2 * Math.PI);

export function normalPdf(x: number): number {
	return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x). */
export function normalCdf(x: number): number {
	return 0.5 * erfc(-x / SQRT2);
}

/** 1 − Φ(x). */
export function normalSf(x: number): number {
	return 0.5 * erfc(x / SQRT2);
}

// Acklam's rational approximation (relative error < 1.2e-9), refined by one Halley step on erfc.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

/** Φ⁻¹(p) for p in (0, 1). */
export function normalPpf(p: number): number {
	if (!(p > 0 && p < 1)) {
		if (p === 0) return -Infinity;
		if (p === 1) return Infinity;
		throw new RangeError(`normalPpf needs a probability in [0, 1] (got ${p}).`);
	}
	const pLow = 0.02425;
	let x: number;
	if (p < pLow) {
		const q = Math.sqrt(-2 * Math.log(p));
		x = (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	} else if (p <= 1 - pLow) {
		const q = p - 0.5;
		const r = q * q;
		x = ((((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q) / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1);
	} else {
		const q = Math.sqrt(-2 * Math.log1p(-p));
		x = -(((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5]) / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1);
	}
	// Halley refinement. In the upper half work with the survival function to avoid cancellation.
	for (let k = 0; k < 2; k++) {
		const e = p < 0.5 ? normalCdf(x) - p : -(normalSf(x) - (1 - p));
		const u = e * SQRT_2PI * Math.exp(0.5 * x * x);
		x = x - u / (1 + 0.5 * x * u);
	}
	return x;
}

function checkDf(df: number): void {
	if (!(df > 0) || !Number.isFinite(df)) throw new RangeError(`Degrees of freedom must be a positive finite number (got ${df}).`);
}

/** Upper tail P(T > t) of Student's t with df degrees of freedom. */
export function studentTSf(t: number, df: number): number {
	checkDf(df);
	if (Number.isNaN(t)) throw new RangeError('studentTSf got NaN.');
	const tail = 0.5 * betaInc(df / 2, 0.5, df / (df + t * t));
	return t >= 0 ? tail : 1 - tail;
}

export function studentTCdf(t: number, df: number): number {
	return studentTSf(-t, df);
}

export function studentTPdf(t: number, df: number): number {
	checkDf(df);
	return Math.exp(-lbeta(0.5, df / 2) - 0.5 * Math.log(df) - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** Inverse of the t cdf: Newton's method from the normal quantile, with bisection safeguards. */
export function studentTPpf(p: number, df: number): number {
	checkDf(df);
	if (!(p > 0 && p < 1)) throw new RangeError(`studentTPpf needs p in (0, 1) (got ${p}).`);
	if (p === 0.5) return 0;
	if (p < 0.5) return -studentTPpf(1 - p, df);
	const target = 1 - p; // solve sf(t) = target for t > 0
	let lo = 0;
	let hi = Math.max(1, normalPpf(p));
	while (studentTSf(hi, df) > target) {
		lo = hi;
		hi *= 2;
		if (hi > 1e300) return Infinity;
	}
	let t = Math.min(Math.max(normalPpf(p), lo), hi);
	for (let i = 0; i < 200; i++) {
		const f = studentTSf(t, df) - target; // decreasing in t
		if (f > 0) lo = t;
		else hi = t;
		const step = f / studentTPdf(t, df);
		let next = t + step;
		if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
		if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t))) return next;
		t = next;
	}
	return t;
}

/** Upper tail of the chi-square distribution. */
export function chiSquareSf(x: number, df: number): number {
	checkDf(df);
	if (!(x >= 0)) throw new RangeError(`chiSquareSf needs x ≥ 0 (got ${x}).`);
	return gammaQ(df / 2, x / 2);
}

/**
 * Chi-square quantile: x with P(X ≤ x) = p for df degrees of freedom (df > 0, not necessarily whole), found by
 * bisection on the regularized incomplete gamma (scipy.stats.chi2.ppf). For upper quantiles pass p close to 1;
 * the tail is matched on Q(df/2, x/2) so that p = 1 − 1e-6 keeps its precision.
 */
export function chiSquarePpf(p: number, df: number): number {
	checkDf(df);
	if (!(p >= 0 && p <= 1)) throw new RangeError(`chiSquarePpf needs p in [0, 1] (got ${p}).`);
	if (p === 0) return 0;
	if (p === 1) return Infinity;
	const upper = p > 0.5;
	const target = upper ? 1 - p : p;
	const f = (x: number) => (upper ? gammaQ(df / 2, x / 2) : gammaP(df / 2, x / 2));
	// Bracket: f is monotone (decreasing for the upper tail, increasing for the lower).
	let lo = 0;
	let hi = Math.max(1, df);
	while (upper ? f(hi) > target : f(hi) < target) hi *= 2;
	for (let i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
		const mid = 0.5 * (lo + hi);
		if (upper ? f(mid) > target : f(mid) < target) lo = mid;
		else hi = mid;
	}
	return 0.5 * (lo + hi);
}

/** Regularized incomplete beta, the Beta(a, b) cdf. */
export function betaCdf(x: number, a: number, b: number): number {
	return betaInc(a, b, x);
}

/** ln of the Beta(a, b) density. */
export function betaLogPdf(x: number, a: number, b: number): number {
	if (x <= 0 || x >= 1) return -Infinity;
	return (a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lbeta(a, b);
}

/**
 * Survival function of the Kolmogorov distribution (scipy.stats.kstwobign.sf):
 * Q(λ) = 2 Σ_{k≥1} (−1)^{k−1} exp(−2k²λ²) for λ ≥ 1, and 1 − (√(2π)/λ) Σ_{k≥1} exp(−(2k−1)²π²/(8λ²)) below.
 */
export function kolmogorovSf(lambda: number): number {
	if (!(lambda >= 0)) throw new RangeError(`kolmogorovSf needs λ ≥ 0 (got ${lambda}).`);
	if (lambda === 0) return 1;
	if (lambda < 1) {
		let s = 0;
		for (let k = 1; k < 100; k++) {
			const term = Math.exp((-((2 * k - 1) ** 2) * Math.PI * Math.PI) / (8 * lambda * lambda));
			s += term;
			if (term < 1e-17 * s) break;
		}
		return 1 - (SQRT_2PI / lambda) * s;
	}
	let s = 0;
	for (let k = 1; k < 100; k++) {
		const term = Math.exp(-2 * k * k * lambda * lambda);
		s += (k % 2 === 1 ? 1 : -1) * term;
		if (term < 1e-17 * Math.abs(s)) break;
	}
	return Math.max(0, 2 * s);
}
