/**
 * Guardrails for a rollout: is the candidate's rate (of failed requests, slow requests, conversions) worse than the
 * current model's? Checked every hour, without inflating false rollbacks however often it is looked at.
 *
 * The test conditions on each hour's total events t = x₀ + x₁: if both models have the same rate in that hour, the
 * candidate's share x₁ is hypergeometric (t events spread over n₀ + n₁ requests). Against a rate ratio ψ the
 * statistic L_h(ψ) = ψ^{x₁} / (1 − π + πψ)^t, with π = n₁/(n₀ + n₁), has mean exactly one when x₁ is Binomial(t, π),
 * and at most one when it is hypergeometric (the hypergeometric is smaller in the convex order: Hoeffding 1963,
 * Theorem 4; ψ^x is convex). The product over hours, mixed over a grid of harmful ratios ψ with equal weights, is
 * therefore a non-negative supermartingale under "no difference", and by Ville's inequality it exceeds 1/level with
 * probability at most `level` — at every look, whatever the hourly conditions (they cancel within an hour). This is
 * a mixture sequential probability ratio test (Robbins 1970) in its conditional form; no normal approximation, so it
 * stays valid for rare events such as failures on the 1% canary's few requests. The rollback fires at the first hour
 * where the mixture reaches 1/level; the always-valid p-value is 1 / (its largest value so far). Several guardrails
 * each get level/k (Bonferroni), so together they roll back a candidate that is no worse at most `level` of the time.
 *
 * The difference shown beside it is the Mantel–Haenszel risk difference over hours (weights n₀n₁/(n₀ + n₁):
 * Greenland & Robins 1985), which a candidate share that grows while the rate drifts over the day does not bias.
 */

/** Harmful rate ratios: higher (failures, slow requests) or lower (conversions). */
export const HARMFUL_HIGHER = [1.25, 1.5, 2, 3, 5, 10, 30] as const;
export const HARMFUL_LOWER = [0.98, 0.95, 0.9, 0.8, 0.67, 0.5] as const;

/** Stratified (by hour) difference of two rates: candidate minus current. */
export class StratifiedDifference {
	private w = 0;
	private wd = 0;
	private wv = 0;

	/** One stratum: `x0` events in `n0` requests of the current model, `x1` in `n1` of the candidate. */
	add(x0: number, n0: number, x1: number, n1: number): void {
		if (n0 < 1 || n1 < 1) return;
		const w = (n0 * n1) / (n0 + n1);
		const pooled = (x0 + x1) / (n0 + n1);
		this.w += w;
		this.wd += w * (x1 / n1 - x0 / n0);
		this.wv += w * w * pooled * (1 - pooled) * (1 / n0 + 1 / n1);
	}

	get estimate(): number {
		return this.w > 0 ? this.wd / this.w : NaN;
	}

	/** Variance of the estimate under "no difference" (hourly pooled rates); 0 before any event was seen. */
	get variance(): number {
		return this.w > 0 ? this.wv / (this.w * this.w) : 0;
	}
}

export class SequentialGuardrail {
	/** Always-valid p-value: 1 / the largest mixture likelihood ratio so far (1: no evidence yet). */
	p = 1;
	fired = false;
	readonly difference = new StratifiedDifference();
	private readonly ratios: readonly number[];
	private readonly logL: Float64Array;

	/** `harmful`: +1 when a higher candidate rate is bad (failures, slow requests), −1 when lower is (conversions). */
	constructor(
		readonly harmful: 1 | -1,
		readonly level: number
	) {
		if (!(level > 0 && level < 1)) throw new RangeError(`The guardrail's level must be between 0 and 1 (got ${level}).`);
		this.ratios = harmful === 1 ? HARMFUL_HIGHER : HARMFUL_LOWER;
		this.logL = new Float64Array(this.ratios.length);
	}

	/** log of the mixture likelihood ratio now. */
	get logRatio(): number {
		let max = -Infinity;
		for (const v of this.logL) max = Math.max(max, v);
		let s = 0;
		for (const v of this.logL) s += Math.exp(v - max);
		return max + Math.log(s / this.logL.length);
	}

	/** Add an hour and look: true when the guardrail fires (it stays fired). */
	look(x0: number, n0: number, x1: number, n1: number): boolean {
		this.difference.add(x0, n0, x1, n1);
		const t = x0 + x1;
		if (n0 < 1 || n1 < 1 || t === 0) return this.fired;
		const pi = n1 / (n0 + n1);
		for (let j = 0; j < this.ratios.length; j++) {
			const psi = this.ratios[j];
			this.logL[j] += x1 * Math.log(psi) - t * Math.log1p(pi * (psi - 1));
		}
		this.p = Math.min(this.p, Math.exp(-this.logRatio));
		if (this.p <= this.level) this.fired = true;
		return this.fired;
	}
}
