/**
 * How a sweep summarises one metric over seeds, by what the metric is:
 * - mean: a continuous score (PR AUC, accuracy) — the mean with its Student-t 95% interval;
 * - proportion: a yes/no outcome per run (a false alarm, the target reached) — the share with its Wilson interval;
 * - time: steps or batches until something happens, where a run may never get there within its budget (recorded as
 *   Infinity) — the median with its distribution-free order-statistic interval; an end beyond the budget is Infinity.
 */
import { wilsonInterval } from '$lib/stats/abtest';
import { meanInterval, medianInterval } from '$lib/stats/replicates';

export type MetricKind = 'mean' | 'proportion' | 'time';

export interface Estimate {
	kind: MetricKind;
	/** Runs with a value. */
	n: number;
	/** The mean, the share or the median. */
	center: number;
	lo: number | null;
	hi: number | null;
	/** Seed-to-seed standard deviation (mean only; NaN otherwise). */
	sd: number;
	/** Runs that never got there (time only). */
	censored: number;
	/** An end of the interval was cut to the values the metric can take (sweep/summary.ts); the page says so. */
	cut?: boolean;
}

export function estimate(kind: MetricKind, values: ArrayLike<number>, level = 0.95): Estimate {
	if (kind === 'mean') {
		const iv = meanInterval(values, level);
		return { kind, n: iv.n, center: iv.mean, lo: iv.lo, hi: iv.hi, sd: iv.sd, censored: 0 };
	}
	if (kind === 'proportion') {
		const xs = Array.from(values).filter((v) => Number.isFinite(v));
		const k = xs.filter((v) => v > 0).length;
		if (!xs.length) return { kind, n: 0, center: NaN, lo: null, hi: null, sd: NaN, censored: 0 };
		const [lo, hi] = wilsonInterval({ conversions: k, visitors: xs.length }, 1 - level);
		return { kind, n: xs.length, center: k / xs.length, lo, hi, sd: NaN, censored: 0 };
	}
	const m = medianInterval(values, level);
	return { kind, n: m.n, center: m.median, lo: m.lo, hi: m.hi, sd: NaN, censored: m.censored };
}
