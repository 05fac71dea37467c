/** Item popularity from the logs (raw CTR and its inverse-propensity-weighted version) and the position bias it carries. */
import { clickProbability, examineProbability, type Impression, type Population } from '$lib/labs/offline-online/worker/population';
import type { PopularityBias } from '../types';

/** Per-item sums over the logged impressions, gathered in one pass for popularity and its bias check. */
export interface ItemLogStats {
	clicks: Float64Array;
	shows: Float64Array;
	/** Σ examination propensity (1/(k + 1))^η of the slots the item was shown in. */
	seen: Float64Array;
	slotSum: Float64Array;
	/** Σ P(click | examined) over the item's impressions (known in the simulation only). */
	truth: Float64Array;
}

export function itemLogStats(p: Population, logs: Impression[][]): ItemLogStats {
	const z = () => new Float64Array(p.nItems);
	const st: ItemLogStats = { clicks: z(), shows: z(), seen: z(), slotSum: z(), truth: z() };
	for (const s of logs)
		for (const im of s) {
			st.clicks[im.item] += im.click;
			st.shows[im.item] += 1;
			st.seen[im.item] += examineProbability(p, im.slot);
			st.slotSum[im.item] += im.slot;
			st.truth[im.item] += clickProbability(p, im.user, im.item);
		}
	return st;
}

/**
 * Per-item popularity from the logs, smoothed toward the overall rate (10 pseudo-impressions):
 * - raw: clicks ÷ impressions, what production computes; items the logging policy kept in top slots look better;
 * - ipw: clicks ÷ Σ examination propensity of the slots they were shown in (inverse-propensity weighting, Joachims,
 *   Swaminathan & Schnabel, "Unbiased Learning-to-Rank with Biased Feedback", WSDM 2017). The propensities
 *   (1/(k + 1))^η are taken as known here; in practice they are estimated, e.g. by randomising the top results.
 */
export function popularity({ clicks, shows, seen }: ItemLogStats): { raw: Float64Array; ipw: Float64Array } {
	const total = clicks.reduce((a, b) => a + b, 0);
	const rawPrior =
		total /
		Math.max(
			1,
			shows.reduce((a, b) => a + b, 0)
		);
	const ipwPrior = Math.min(
		0.99,
		total /
			Math.max(
				1e-9,
				seen.reduce((a, b) => a + b, 0)
			)
	);
	return {
		raw: Float64Array.from(clicks, (cl, i) => (cl + 10 * rawPrior) / (shows[i] + 10)),
		ipw: Float64Array.from(clicks, (cl, i) => Math.min(0.99, (cl + 10 * ipwPrior) / (seen[i] + 10)))
	};
}

function correlation(a: number[], b: number[]): number {
	const n = a.length;
	if (n < 3) return NaN;
	const ma = a.reduce((s, x) => s + x, 0) / n;
	const mb = b.reduce((s, x) => s + x, 0) / n;
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) ** 2;
		sbb += (b[i] - mb) ** 2;
	}
	return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * How much position bias a popularity estimate carries: its log error against the item's true click propensity when
 * examined (the mean of P(click | examined) over the item's logged impressions, known in the simulation), as a
 * correlation with the item's mean logged slot (items with ≥ 10 clicks). 0: the error does not depend on where the item
 * was shown. Raw CTR = clicks ÷ impressions; IPW = clicks ÷ Σ examination propensity.
 */
export function popularityBias({ clicks, shows, seen, slotSum, truth }: ItemLogStats): PopularityBias {
	// Unsmoothed estimates on items with enough clicks, so that shrinkage toward the mean is not mistaken for bias.
	const items = Array.from({ length: clicks.length }, (_, i) => i).filter((i) => clicks[i] >= 10);
	const meanSlot = items.map((i) => slotSum[i] / shows[i]);
	const err = (est: (i: number) => number) => items.map((i) => Math.log(est(i) / (truth[i] / shows[i])));
	return {
		raw: correlation(
			err((i) => clicks[i] / shows[i]),
			meanSlot
		),
		ipw: correlation(
			err((i) => clicks[i] / seen[i]),
			meanSlot
		),
		items: items.length
	};
}
