/**
 * Sequential testing: always-valid p-values from the mixture sequential probability ratio test.
 *
 * Definition (the contract: src/lib/CORE.md):
 * - Sequential testing: the mixture sequential probability ratio test (mSPRT) with a normal mixing distribution
 *   N(0, τ²), giving always-valid p-values: p_n = min(p_{n−1}, 1/Λ_n). Type I error stays ≤ alpha however often one
 *   looks. Reference: Johari, Koomen, Pekelis & Walsh, "Peeking at A/B Tests: Why it matters, and what to do about
 *   it", KDD 2017; and "Always Valid Inference", Operations Research 70(3), 2022.
 */
import { assertFiniteNumber, assertPositive } from './validate';
import { checkArm, type Arm } from './arm';

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
