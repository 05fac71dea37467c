/**
 * Popularity of the recommended items against the catalogue (the long-tail view of the funnel lab).
 *
 * Inputs: `popularity[i]` = interactions of item i in the catalogue (counts ≥ 0, not all 0) and `recommended` = the
 * recommended item ids with multiplicity (every slot of every user's list).
 *
 * Popularity rank: items sorted by popularity descending, ties by item id ascending (rank 1 = most popular).
 *
 * (a) Head shares: the top fraction f of the catalogue is its ⌈f·n⌉ most popular items (at least 1; ⌈·⌉ taken with a
 *     1e-9 tolerance so that 0.1·1000 is 100, not 101). For each f: the share of all interactions those items hold
 *     and the share of all recommendations going to them. A recommender that amplifies popularity bias has
 *     recommendation share > catalogue share (Abdollahpouri et al., "Managing popularity bias in recommender
 *     systems with personalized re-ranking", FLAIRS 2019).
 * (b) Long-tail curve: ranks 1..n cut on a log scale into at most `maxBins` (default 100) bins. Cut points
 *     c_j = ⌊n^(j/B) + 1e-9⌋, j = 0..B, B = min(maxBins, n), c_0 = 1, and n + 1 closes the last bin; repeated cut
 *     points are merged, so no bin is empty and there are ≤ B bins. Bin [c_j, c_{j+1}) reports its ranks, item count,
 *     its share of catalogue interactions and of recommendations, and both cumulative shares (a Lorenz-style curve
 *     read from the head).
 * (c) Gini index of the recommendation counts over all n catalogue items (never-recommended items count as 0),
 *     RecBole's GiniIndex (recbole/evaluator/metrics.py, `get_gini`):
 *         Gini = Σ_{i=1..n} (2i − n − 1)·c_(i) / (n · Σ_i c_i),   c_(1) ≤ … ≤ c_(n) the counts sorted ascending,
 *     0 when every item is recommended equally often, (n − 1)/n when one item takes every slot. Elliot's GiniIndex
 *     divides by n − 1 instead of n (maximum 1): multiply by n/(n − 1) to compare with it. The same formula over the
 *     popularity counts gives the catalogue's own Gini, the baseline to compare with.
 *     Catalogue coverage = share of the n items recommended at least once (aggregate diversity; Adomavicius &
 *     Kwon, IEEE TKDE 2012).
 */

export interface HeadShare {
	/** The requested fraction of the catalogue (e.g. 0.01 for the top 1%). */
	fraction: number;
	/** How many items that is: ⌈fraction · n⌉, at least 1. */
	items: number;
	/** Share of all catalogue interactions held by those items. */
	catalogueShare: number;
	/** Share of all recommendations going to those items. */
	recommendationShare: number;
}

export interface LongTailBin {
	/** First and last popularity rank in the bin (1-based, inclusive). */
	rankStart: number;
	rankEnd: number;
	items: number;
	catalogueShare: number;
	recommendationShare: number;
	cumulativeCatalogueShare: number;
	cumulativeRecommendationShare: number;
}

export interface LongTailReport {
	heads: HeadShare[];
	curve: LongTailBin[];
	/** RecBole's Gini index of recommendation counts over the catalogue. */
	giniRecommendations: number;
	/** The same index of the catalogue's popularity counts. */
	giniCatalogue: number;
	/** Share of catalogue items recommended at least once. */
	coverage: number;
	totalRecommendations: number;
	totalInteractions: number;
}

export const DEFAULT_HEAD_FRACTIONS: readonly number[] = [0.01, 0.1, 0.2];

function checkCounts(popularity: ArrayLike<number>, name = 'popularity'): number {
	if (popularity == null || typeof popularity.length !== 'number') throw new TypeError(`${name} must be an array of counts.`);
	if (popularity.length === 0) throw new RangeError(`${name} is empty: the catalogue needs at least one item.`);
	let total = 0;
	for (let i = 0; i < popularity.length; i++) {
		const p = popularity[i];
		if (typeof p !== 'number' || !Number.isFinite(p) || p < 0) {
			throw new RangeError(`${name}[${i}] must be a finite count of 0 or more (got ${p}).`);
		}
		total += p;
	}
	if (total === 0) throw new RangeError(`${name} is all zeros: there is nothing to measure the spread of.`);
	return total;
}

/** How often each of the n catalogue items was recommended. */
export function recommendationCounts(recommended: ArrayLike<number>, numItems: number): Float64Array {
	if (!Number.isInteger(numItems) || numItems < 1) throw new RangeError(`numItems must be a whole number of at least 1 (got ${numItems}).`);
	if (recommended == null || typeof recommended.length !== 'number') throw new TypeError('recommended must be an array of item ids.');
	if (recommended.length === 0) throw new RangeError('recommended is empty: at least one recommendation is needed.');
	const counts = new Float64Array(numItems);
	for (let j = 0; j < recommended.length; j++) {
		const id = recommended[j];
		if (!Number.isInteger(id) || id < 0 || id >= numItems) {
			throw new RangeError(`recommended[${j}] is not an item id in [0, ${numItems}) (got ${id}).`);
		}
		counts[id]++;
	}
	return counts;
}

/** Item ids by popularity descending, ties by id ascending. */
export function popularityOrder(popularity: ArrayLike<number>): Int32Array {
	const order = new Int32Array(popularity.length);
	for (let i = 0; i < order.length; i++) order[i] = i;
	order.sort((a, b) => popularity[b] - popularity[a] || a - b);
	return order;
}

/** RecBole's Gini index of counts over items: Σ (2i − n − 1)·c_(i) / (n·Σc), counts sorted ascending. */
export function giniIndex(counts: ArrayLike<number>): number {
	checkCounts(counts, 'counts');
	const sorted = Float64Array.from(counts).sort();
	const n = sorted.length;
	let weighted = 0;
	let total = 0;
	for (let i = 0; i < n; i++) {
		weighted += (2 * (i + 1) - n - 1) * sorted[i];
		total += sorted[i];
	}
	return weighted / total / n;
}

/** Share of items with a count > 0. */
export function catalogueCoverage(counts: ArrayLike<number>): number {
	let covered = 0;
	for (let i = 0; i < counts.length; i++) if (counts[i] > 0) covered++;
	return covered / counts.length;
}

/** ⌈f·n⌉ with a 1e-9 tolerance, at least 1. */
export function headSize(fraction: number, n: number): number {
	if (typeof fraction !== 'number' || !(fraction > 0 && fraction <= 1)) {
		throw new RangeError(`head fractions must be in (0, 1] (got ${fraction}).`);
	}
	return Math.max(1, Math.ceil(fraction * n - 1e-9));
}

/** Popularity-rank cut points of the log-scale bins: 1 = c_0 < c_1 < … < n + 1. */
export function logRankCuts(n: number, maxBins = 100): number[] {
	if (!Number.isInteger(maxBins) || maxBins < 1) throw new RangeError(`maxBins must be a whole number of at least 1 (got ${maxBins}).`);
	const bins = Math.min(maxBins, n);
	const cuts = [1];
	for (let j = 1; j < bins; j++) {
		const c = Math.min(n, Math.max(1, Math.floor(Math.pow(n, j / bins) + 1e-9)));
		if (c > cuts[cuts.length - 1]) cuts.push(c);
	}
	cuts.push(n + 1);
	return cuts;
}

export function longTailReport(
	popularity: ArrayLike<number>,
	recommended: ArrayLike<number>,
	options: { headFractions?: readonly number[]; maxBins?: number } = {}
): LongTailReport {
	const totalInteractions = checkCounts(popularity);
	const n = popularity.length;
	const counts = recommendationCounts(recommended, n);
	const totalRecommendations = recommended.length;
	const order = popularityOrder(popularity);
	// Cumulative interactions and recommendations by popularity rank: cumPop[r] = Σ over ranks 1..r.
	const cumPop = new Float64Array(n + 1);
	const cumRec = new Float64Array(n + 1);
	for (let r = 0; r < n; r++) {
		cumPop[r + 1] = cumPop[r] + popularity[order[r]];
		cumRec[r + 1] = cumRec[r] + counts[order[r]];
	}
	const heads = (options.headFractions ?? DEFAULT_HEAD_FRACTIONS).map((fraction) => {
		const items = headSize(fraction, n);
		return { fraction, items, catalogueShare: cumPop[items] / totalInteractions, recommendationShare: cumRec[items] / totalRecommendations };
	});
	const cuts = logRankCuts(n, options.maxBins ?? 100);
	const curve: LongTailBin[] = [];
	for (let j = 0; j + 1 < cuts.length; j++) {
		const a = cuts[j] - 1;
		const b = cuts[j + 1] - 1;
		curve.push({
			rankStart: a + 1,
			rankEnd: b,
			items: b - a,
			catalogueShare: (cumPop[b] - cumPop[a]) / totalInteractions,
			recommendationShare: (cumRec[b] - cumRec[a]) / totalRecommendations,
			cumulativeCatalogueShare: cumPop[b] / totalInteractions,
			cumulativeRecommendationShare: cumRec[b] / totalRecommendations
		});
	}
	return {
		heads,
		curve,
		giniRecommendations: giniIndex(counts),
		giniCatalogue: giniIndex(popularity),
		coverage: catalogueCoverage(counts),
		totalRecommendations,
		totalInteractions
	};
}
