/**
 * Two-dimensional imbalanced classification data. The majority class (label 0) is a mixture of two Gaussian
 * blobs; the minority class (label 1) is a smaller blob that sits between them. `overlap` in [0, 1] widens every
 * blob so the classes mix: at 0 they are almost separable, at 1 heavily overlapping. `ratio` is majority per minority.
 */
import type { Dataset } from '../../../data/dataset';
import type { Rng } from '../../../data/rng';

export interface ImbalanceDataOptions {
	n: number;
	/** Majority examples per minority example, ≥ 1. */
	ratio: number;
	/** Class overlap / noise in [0, 1]. */
	overlap: number;
}

export interface ImbalanceData extends Dataset {
	/** Set when the request had too few minority examples: how many it asked for, and how many were used instead. */
	minorityRaised: MinorityRaised | null;
}

/** The sample size and ratio asked for, the minority count they give, and the count used instead. */
export interface MinorityRaised {
	n: number;
	ratio: number;
	requested: number;
	used: number;
}

export const MIN_MINORITY = 6;

export function minorityCount(n: number, ratio: number): number {
	return Math.round(n / (ratio + 1));
}

export function makeImbalanceData(options: ImbalanceDataOptions, rng: Rng): ImbalanceData {
	const { n, ratio, overlap } = options;
	if (!Number.isInteger(n) || n < 20) throw new RangeError(`The sample size must be a whole number ≥ 20 (got ${n}).`);
	if (!(ratio >= 1)) throw new RangeError(`The imbalance ratio must be at least 1 (got ${ratio}).`);
	if (!(overlap >= 0 && overlap <= 1)) throw new RangeError(`Overlap must be in [0, 1] (got ${overlap}).`);
	let nPos = minorityCount(n, ratio);
	let minorityRaised: ImbalanceData['minorityRaised'] = null;
	if (nPos < MIN_MINORITY) {
		minorityRaised = { n, ratio, requested: nPos, used: MIN_MINORITY };
		nPos = MIN_MINORITY;
	}
	const nNeg = n - nPos;
	const sd = 0.45 + 1.1 * overlap;
	const minoritySd = 0.35 + 0.9 * overlap;
	const x = new Float32Array(n * 2);
	const y = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const positive = i >= nNeg;
		let cx: number;
		let cy: number;
		let s: number;
		if (positive) {
			cx = 0.4;
			cy = 0.6;
			s = minoritySd;
		} else if (rng.next() < 0.5) {
			cx = -1.4;
			cy = -0.6;
			s = sd;
		} else {
			cx = 1.6;
			cy = -0.8;
			s = sd;
		}
		x[2 * i] = rng.normal(cx, s);
		x[2 * i + 1] = rng.normal(cy, s);
		y[i] = positive ? 1 : 0;
	}
	return { x, y, n, d: 2, minorityRaised };
}
