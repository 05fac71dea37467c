/**
 * The rollout lab's simulated service and its truth: a current model and a candidate serve `traffic` requests an
 * hour. A request fails with the model's error rate (and converts nothing); otherwise it converts with the model's
 * rate times the hour's multiplier (shared by both models: time of day, campaigns) and is slow — above the current
 * model's p99 latency — with the model's slow share (1% for the current model by definition; request latencies are
 * log-normal with log-sd `LATENCY_SIGMA`, the candidate's scaled by 1 + its latency regression).
 *
 * Better and worse are one definition, used by the verdict and by regret: the value of a request in conversions, its
 * expected conversions less FAILURE_COST × u per failure and SLOW_COST × u per slow request, u the current model's
 * conversions per served request in that hour (so the costs move with the hour's multiplier, like the conversions).
 */
import type { Rng } from '$lib/data/rng';
import { normalPpf, normalSf } from '$lib/stats/distributions';
import { sampleSizes } from '$lib/stats/abtest';
import { AB_POWER, CANARY_STAGES, FAILURE_COST, LATENCY_SIGMA, SLOW_COST } from './constants';
import type { RolloutConfig, Truth } from '../types';

export function validateRollout(c: RolloutConfig): void {
	const check = (ok: boolean, msg: string) => {
		if (!ok) throw new RangeError(msg);
	};
	check(c.baseRate > 0 && c.baseRate < 1, `The conversion rate must be between 0 and 1 (got ${c.baseRate}).`);
	check(c.lift > -1 && Number.isFinite(c.lift), `The lift must be above −100% (got ${c.lift}).`);
	check(c.baseRate * (1 + c.lift) < 1, `A lift of ${Math.round(c.lift * 100)}% on a ${c.baseRate * 100}% rate would exceed 100%: choose a smaller lift.`);
	check(c.errorRate >= 0 && c.errorRate + c.errorRegression <= 1 && c.errorRegression >= 0, 'Error rates must be between 0 and 100%.');
	check(c.latencyRegression >= 0 && Number.isFinite(c.latencyRegression), `The latency regression cannot be negative (got ${c.latencyRegression}).`);
	check(Number.isInteger(c.traffic) && c.traffic >= 10, `Traffic must be a whole number of at least 10 requests an hour (got ${c.traffic}).`);
	check(c.noise >= 0 && c.noise <= 2, `The hourly noise must be between 0 and 2 (got ${c.noise}).`);
	check(c.changed >= 0 && c.changed <= 1, `The share of changed answers must be between 0 and 1 (got ${c.changed}).`);
	check(Number.isInteger(c.hours) && c.hours >= 1, `The horizon must be a whole number of hours ≥ 1 (got ${c.hours}).`);
	check(Number.isInteger(c.hold) && c.hold >= 1, `Each canary stage must last a whole number of hours ≥ 1 (got ${c.hold}).`);
	check(Number.isInteger(c.shadowHours) && c.shadowHours >= 1, `The shadow period must be a whole number of hours ≥ 1 (got ${c.shadowHours}).`);
	check(c.alpha > 0 && c.alpha < 0.5, `α must be between 0 and 0.5 (got ${c.alpha}).`);
	check(c.mde > 0 && c.baseRate * (1 + c.mde) < 1, `The minimum detectable effect must be positive and keep the rate below 100% (got ${c.mde}).`);
	check(c.epsilon > 0 && c.epsilon <= 1, `ε must be in (0, 1] (got ${c.epsilon}).`);
}

export interface World {
	c: RolloutConfig;
	rate: [number, number];
	err: [number, number];
	slow: [number, number];
	/** The hour's multiplier of the conversion rate. */
	mult: Float64Array;
	/** Expected value per request (conversions less the cost of failures and slow requests) of each model in each hour, and the better of the two. */
	value0: Float64Array;
	value1: Float64Array;
	best: Float64Array;
}

/** Share of the candidate's requests slower than the current model's p99. */
export function slowShare(latencyRegression: number): number {
	// Exactly 1% for the current model's latency (the normal quantile round trip is off by 1e-16).
	if (latencyRegression === 0) return 0.01;
	return normalSf(normalPpf(0.99) - Math.log1p(latencyRegression) / LATENCY_SIGMA);
}

export function abTestHours(c: RolloutConfig): number {
	const value = (1 - c.errorRate) * c.baseRate;
	const { control, variant } = sampleSizes({ baselineRate: value, minDetectableEffect: c.mde, relative: true, alpha: c.alpha, power: AB_POWER });
	return Math.ceil((control + variant) / c.traffic);
}

/**
 * Value per request of a model that fails `err` of its requests, converts `rate` of the others and is slow on `slow`
 * of them, in an hour where the current model converts `unit` per served request.
 */
export function requestValue(rate: number, err: number, slow: number, unit: number): number {
	return (1 - err) * rate - unit * (FAILURE_COST * err + SLOW_COST * (1 - err) * slow);
}

export function truthOf(c: RolloutConfig): Truth {
	const err0 = c.errorRate;
	const err1 = c.errorRate + c.errorRegression;
	const rate1 = c.baseRate * (1 + c.lift);
	const slowCandidate = slowShare(c.latencyRegression);
	const valueCurrent = requestValue(c.baseRate, err0, 0.01, c.baseRate);
	const valueCandidate = requestValue(rate1, err1, slowCandidate, c.baseRate);
	// Equal up to rounding (the same model): 'same'.
	const tol = 1e-12 * Math.max(Math.abs(valueCurrent), c.baseRate);
	const verdict = valueCandidate < valueCurrent - tol ? 'worse' : valueCandidate > valueCurrent + tol ? 'better' : 'same';
	return {
		conversionsCurrent: (1 - err0) * c.baseRate,
		conversionsCandidate: (1 - err1) * rate1,
		valueCurrent,
		valueCandidate,
		slowCurrent: 0.01,
		slowCandidate,
		verdict,
		abHours: abTestHours(c),
		canaryHours: CANARY_STAGES.length * c.hold
	};
}

export function makeWorld(c: RolloutConfig, rng: Rng): World {
	const H = c.hours;
	const mult = new Float64Array(H);
	const hours = rng.fork('hours');
	// Mean-one log-normal multipliers: the rate is right on average.
	for (let h = 0; h < H; h++) mult[h] = Math.exp(c.noise * hours.normal() - (c.noise * c.noise) / 2);
	const rate: [number, number] = [c.baseRate, c.baseRate * (1 + c.lift)];
	const err: [number, number] = [c.errorRate, c.errorRate + c.errorRegression];
	const slow: [number, number] = [0.01, slowShare(c.latencyRegression)];
	const value0 = new Float64Array(H);
	const value1 = new Float64Array(H);
	const best = new Float64Array(H);
	for (let h = 0; h < H; h++) {
		const unit = Math.min(1, rate[0] * mult[h]);
		value0[h] = requestValue(unit, err[0], slow[0], unit);
		value1[h] = requestValue(Math.min(1, rate[1] * mult[h]), err[1], slow[1], unit);
		best[h] = Math.max(value0[h], value1[h]);
	}
	return { c, rate, err, slow, mult, value0, value1, best };
}

/** One model's requests in one hour: failures, conversions (of all requests) and slow responses (of those served). */
export interface Counts {
	n: number;
	failed: number;
	converted: number;
	slow: number;
}

export function serve(w: World, rng: Rng, k: 0 | 1, n: number, h: number): Counts {
	const failed = n > 0 ? rng.binomial(n, w.err[k]) : 0;
	const ok = n - failed;
	const converted = ok > 0 ? rng.binomial(ok, Math.min(1, w.rate[k] * w.mult[h])) : 0;
	const slow = ok > 0 ? rng.binomial(ok, w.slow[k]) : 0;
	return { n, failed, converted, slow };
}
