/**
 * The metrics table's rates with what they rest on: the counts, and a 95% Wilson score interval (Wilson 1927, the
 * interval statsmodels' proportion_confint(method='wilson') gives; `wilsonInterval` in $lib/stats/abtest.ts):
 * centre (p̂ + z²/2n)/(1 + z²/n), half-width z/(1 + z²/n)·√(p̂(1 − p̂)/n + z²/4n²), z = Φ⁻¹(0.975). It stays inside
 * [0, 1] and is defined at 0/n and n/n, where the textbook p̂ ± z·se collapses to a point. Its coverage is close to 95%
 * but oscillates with n and p (at n = 6 between 83% and 99%; tests/fixtures/wilson_refs.py), so the page calls it a
 * 95% interval, never a guarantee. A rate with no denominator (no positive predictions: precision undefined) is said in
 * words, never NaN; so are the warnings about classes with few test rows.
 */
import { wilsonInterval } from '$lib/stats/abtest';
import { fmtInt, fmtPct, plural } from '$lib/format';
import type { Confusion } from '$lib/metrics/classification';
import type { ClassNames } from './classes';

/** k of n, its share and its 95% Wilson interval. */
export interface Rate {
	k: number;
	n: number;
	value: number;
	lo: number;
	hi: number;
}

/** Fewer test rows of a class than this: the page warns that its rates rest on few rows. */
export const FEW_TEST_ROWS = 30;

/** k of n with its 95% Wilson interval; null when n is 0 (the rate is undefined). */
export function rate(k: number, n: number): Rate | null {
	if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) throw new RangeError(`A rate needs whole counts 0 ≤ k ≤ n (got ${k} of ${n}).`);
	if (n === 0) return null;
	const [lo, hi] = wilsonInterval({ conversions: k, visitors: n });
	return { k, n, value: k / n, lo, hi };
}

/** The interval's ends in percent: whole points, or one decimal when it is narrower than 10 points (“61–100%”, “96.4–98.1%”). */
export function intervalText(r: Rate): string {
	const digits = r.hi - r.lo < 0.1 ? 1 : 0;
	return `${(100 * r.lo).toFixed(digits)}–${fmtPct(r.hi, digits)}`;
}

/** The counts and the interval: “(6/6; 61–100%)”. */
export function countsText(r: Rate): string {
	return `(${fmtInt(r.k)}/${fmtInt(r.n)}; ${intervalText(r)})`;
}

/** The rate, its counts and interval (“100.0% (6/6; 61–100%)”), or `none` in words when it is undefined. */
export function rateText(r: Rate | null, none: string): string {
	return r ? `${fmtPct(r.value)} ${countsText(r)}` : none;
}

export interface ConfusionRates {
	accuracy: Rate;
	/** Null when the test rows have no positive row. */
	recall: Rate | null;
	/** Null when the model predicts no row positive. */
	precision: Rate | null;
}

/** Accuracy, recall and precision of class 1 from a confusion matrix's counts. */
export function confusionRates(c: Pick<Confusion, 'tp' | 'fp' | 'tn' | 'fn'>): ConfusionRates {
	const n = c.tp + c.fp + c.tn + c.fn;
	if (n === 0) throw new RangeError('A confusion matrix with no rows has no rates.');
	return { accuracy: rate(c.tp + c.tn, n)!, recall: rate(c.tp, c.tp + c.fn), precision: rate(c.tp, c.tp + c.fp) };
}

/** What an undefined rate is said as. */
export const NO_POSITIVE_PREDICTIONS = 'no positive predictions';
export const noPositiveRows = (c: ClassNames) => `no ${c.own ? `${c.pos} rows` : 'minority examples'} in the test set`;

/**
 * One sentence per class with fewer than FEW_TEST_ROWS rows among those the metrics are measured on (empty when
 * both have enough): how much one row moves the rate it counts in. `counts` is [class 0, class 1] of the test split,
 * or of every row when the metrics are pooled over folds.
 */
export function fewRowsWarnings(counts: [number, number], c: ClassNames, where: 'split' | 'folds'): string[] {
	const out: string[] = [];
	const place = where === 'split' ? 'in the test split' : 'in all, even with every row tested once';
	const [n0, n1] = counts;
	const step = (n: number) => (100 / n).toFixed(n > 10 ? 1 : 0);
	const read = 'Read the intervals in brackets, not the point values.';
	if (n1 > 0 && n1 < FEW_TEST_ROWS)
		out.push(
			`Only ${plural(n1, `${c.pos} row`)} ${place} (fewer than ${FEW_TEST_ROWS}): one row more or less found moves the recall of ${c.pos} by ${step(n1)} points. ${read}`
		);
	if (n0 > 0 && n0 < FEW_TEST_ROWS)
		out.push(
			`Only ${plural(n0, `${c.neg} row`)} ${place} (fewer than ${FEW_TEST_ROWS}): each one more or fewer flagged as ${c.pos} moves the share of them flagged by ${step(n0)} points. ${read}`
		);
	return out;
}
