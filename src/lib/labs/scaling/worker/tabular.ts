/**
 * Synthetic tabular data with features on very different scales and shapes, for the feature scaling lab:
 * - age: years, N(40, 12) clipped to [18, 90];
 * - income: dollars, log-normal with median 50,000 and log-sd `skew` (right-skewed); a share `outliers` of rows get
 *   an income 20–100× larger (data-entry errors, a few very rich customers);
 * - debt ratio: in [0, 1], Beta(2, 5);
 * - tenure: days as a customer, exponential with mean 900.
 * The label is Bernoulli(σ(logit)) with logit = 1.0·z(age) + 1.4·z(ln income) − 1.2·z(ratio) + 0.6·z(tenure), each z a
 * standardisation with the population's parameters, so about half the rows are positive and income matters on a log
 * scale (outliers carry no extra signal).
 */
import type { Rng } from '../../../data/rng';

export const FEATURES = [
	{ name: 'age', unit: 'years' },
	{ name: 'income', unit: '$' },
	{ name: 'debt ratio', unit: '0–1' },
	{ name: 'tenure', unit: 'days' }
] as const;

export interface TabularOptions {
	n: number;
	/** Log-sd of income (skew), in [0.1, 2]. */
	skew: number;
	/** Share of rows with an outlying income, in [0, 0.2]. */
	outliers: number;
}

export interface TabularData {
	rows: number[][];
	y: Uint8Array;
}

export function makeTabular(options: TabularOptions, rng: Rng): TabularData {
	const { n, skew, outliers } = options;
	if (!Number.isInteger(n) || n < 50) throw new RangeError(`The sample size must be a whole number ≥ 50 (got ${n}).`);
	if (!(skew >= 0.1 && skew <= 2)) throw new RangeError(`The income skew must be in [0.1, 2] (got ${skew}).`);
	if (!(outliers >= 0 && outliers <= 0.2)) throw new RangeError(`The outlier share must be in [0, 0.2] (got ${outliers}).`);
	const rows: number[][] = [];
	const y = new Uint8Array(n);
	const lnMedian = Math.log(50000);
	for (let i = 0; i < n; i++) {
		const age = Math.min(90, Math.max(18, rng.normal(40, 12)));
		const lnIncome = rng.normal(lnMedian, skew);
		let income = Math.exp(lnIncome);
		if (rng.next() < outliers) income *= 20 + 80 * rng.next();
		const ratio = rng.beta(2, 5);
		const tenure = -900 * Math.log(1 - rng.next());
		const logit = 1.0 * ((age - 40) / 12) + 1.4 * ((lnIncome - lnMedian) / skew) - 1.2 * ((ratio - 2 / 7) / 0.16) + 0.6 * ((tenure - 900) / 900);
		y[i] = rng.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
		rows.push([age, income, ratio, tenure]);
	}
	return { rows, y };
}
