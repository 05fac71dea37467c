/**
 * The per-example focal loss as a plain function of p_t, for plotting how γ down-weights easy examples:
 * FL(p_t) = −α_t (1 − p_t)^γ ln p_t (Lin et al. 2017). Matches ml/losses.ts focalLoss term by term
 * (tests/unit/losses.test.ts checks the two agree), without importing TF.js, so pages can draw it.
 */
export function focalTerm(pt: number, gamma: number, alphaT = 1): number {
	const p = Math.min(1 - 1e-7, Math.max(1e-7, pt));
	return -alphaT * Math.pow(1 - p, gamma) * Math.log(p);
}
