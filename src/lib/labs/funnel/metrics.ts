/**
 * Ranking metrics of the retrieval → ranking funnel, for one query (a list of items with scores and graded
 * relevances) and averaged over queries. Pure TypeScript; the lab's allocation-light path for ranked id lists is in
 * `ranked-list.ts` and gives the same numbers on lists without ties.
 *
 * DCG and NDCG — sklearn's definitions (sklearn.metrics.dcg_score / ndcg_score, `_dcg_sample_scores`,
 * `_tie_averaged_dcg`, `_ndcg_sample_scores` in sklearn/metrics/_ranking.py):
 *   gain = the relevance itself (linear, not 2^rel − 1); discount of 1-based rank i: d_i = 1/log2(i + 1),
 *   computed as ln 2 / ln(i + 1) like sklearn; with a cut-off k, d_i = 0 for i > k (k larger than the list changes
 *   nothing).
 *   ignoreTies = true:  DCG = Σ_i d_i · rel_(i), items sorted by score descending.
 *   ignoreTies = false (sklearn's default): the items tied on a score form a group G covering ranks a..b; each of
 *   them gets the group's mean relevance, DCG = Σ_G mean(rel in G) · Σ_{i=a..b} d_i. This is the expected DCG over
 *   all orders of the tied items (McSherry & Najork, ECIR 2008); without ties both are equal.
 *   NDCG = DCG / IDCG with IDCG the DCG of the relevances sorted descending (same k). A query whose IDCG is 0 (no
 *   item with relevance > 0) has NDCG 0, as sklearn's `_ndcg_sample_scores` sets it (`gain[all_irrelevant] = 0`,
 *   since sklearn 0.22), and it counts as 0 in the mean. Means over queries are np.average with optional weights.
 *   Deviations, on purpose: sklearn's ndcg_score refuses a single-item list ("only meaningful when there is more than
 *   1 document") — here it is allowed (NDCG 1 or 0); relevance must be ≥ 0 for DCG too (sklearn only checks it for
 *   NDCG). With ignoreTies = true and tied scores, sklearn's order among the tied items is numpy's unstable argsort
 *   reversed; here the later item comes first (a stable argsort reversed, which is what numpy gives small arrays).
 *
 * Reciprocal rank and recall@k — trec_eval's definitions (usnistgov/trec_eval, m_recip_rank.c, m_recall.c,
 * form_res_rels.c):
 *   items are ranked by score descending; trec_eval breaks ties by docno in decreasing strcmp order
 *   (`comp_sim_docno`); here an item's docno is its index, so among tied scores the later index ranks first.
 *   An item is relevant iff relevance ≥ relevanceLevel (trec_eval's -l, default 1).
 *   RR = 1/rank of the first relevant item in the list, 0 if none is retrieved; RR@k counts only ranks ≤ k (the
 *   MS MARCO MRR@10 convention; trec_eval's recip_rank has no cut-off). MRR = mean of RR over queries.
 *   recall@k = (relevant items in the top k) / (relevant items of the query) — trec_eval's recall.k; the
 *   denominator may include relevant items that are not in the list (`totalRelevant`), as trec_eval's num_rel
 *   counts every relevant judgment in the qrels.
 *   Queries without relevant items: trec_eval evaluates only queries that appear in the qrels, so a query with no
 *   relevance information is skipped entirely — and in the usual implicit-feedback qrels (only positives are
 *   listed) that is exactly a query with no relevant item. (A query whose qrels hold only grades below the level is
 *   still averaged in by trec_eval, with recall 0 and RR 0; `emptyQueries: 'zero'` reproduces that.) The default
 *   here, `'skip'`, leaves such queries out of MRR and mean recall and reports how many were skipped.
 */
import { assertNumericArray, assertSameLength, type NumericArray } from '$lib/stats/validate';

export interface DcgOptions {
	/** Only the top k ranks count (sklearn's k); undefined = the whole list. */
	k?: number;
	/** sklearn's ignore_ties (default false: tied scores share their group's mean relevance). */
	ignoreTies?: boolean;
}

export interface TrecOptions {
	/** Relevant iff relevance ≥ relevanceLevel (trec_eval -l; default 1). */
	relevanceLevel?: number;
}

export interface Query {
	relevance: NumericArray;
	scores: NumericArray;
	/** Relevant items of the query including those not in the list (recall's denominator); default: those in it. */
	totalRelevant?: number;
}

export interface MeanOverQueries {
	/** The mean over the evaluated queries (0 when none was evaluated). */
	mean: number;
	/** Per-query values, null for a skipped query. */
	perQuery: (number | null)[];
	evaluated: number;
	/** Queries left out because they have no relevant item. */
	skipped: number;
}

export type EmptyQueries = 'skip' | 'zero';

/** k must be a whole number ≥ 1 (or undefined for no cut-off). */
export function checkCutoff(k: number | undefined, name = 'k'): void {
	if (k === undefined) return;
	if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) {
		throw new RangeError(`${name} must be a whole number of at least 1 (got ${k}).`);
	}
}

function checkRelevanceLevel(level: number): void {
	if (typeof level !== 'number' || !Number.isFinite(level) || level <= 0) {
		throw new RangeError(`relevanceLevel must be a finite number greater than 0 (got ${level}).`);
	}
}

/** Checks one query: non-empty, same lengths, relevances finite and ≥ 0, scores not NaN (±Infinity is allowed). */
export function checkQuery(relevance: NumericArray, scores: NumericArray): void {
	assertNumericArray('relevance', relevance);
	if (scores == null || typeof scores !== 'object' || typeof scores.length !== 'number') throw new TypeError('scores must be an array of numbers.');
	assertSameLength('relevance', relevance, 'scores', scores);
	for (let i = 0; i < relevance.length; i++) {
		if (relevance[i] < 0) throw new RangeError(`relevance[${i}] is negative (got ${relevance[i]}); relevance grades must be 0 or more.`);
		const s = scores[i];
		if (typeof s !== 'number' || Number.isNaN(s)) throw new RangeError(`scores[${i}] is not a number (got ${s}).`);
	}
}

/** Indices by score descending; among equal scores the later index first (trec_eval's docno order, numpy's
 * stable argsort reversed). */
export function rankByScore(scores: NumericArray): Int32Array {
	const n = scores.length;
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	order.sort((a, b) => {
		const sa = scores[a];
		const sb = scores[b];
		if (sa > sb) return -1;
		if (sa < sb) return 1;
		return b - a;
	});
	return order;
}

/** Discounts 1/log2(i + 1) for ranks i = 1..n (as sklearn: ln 2 / ln(i + 1)), 0 beyond rank k. */
function discounts(n: number, k: number | undefined): Float64Array {
	const d = new Float64Array(n);
	const last = k === undefined ? n : Math.min(n, k);
	for (let i = 0; i < last; i++) d[i] = Math.LN2 / Math.log(i + 2);
	return d;
}

function dcgChecked(relevance: NumericArray, scores: NumericArray, k: number | undefined, ignoreTies: boolean): number {
	const n = relevance.length;
	const order = rankByScore(scores);
	const d = discounts(n, k);
	if (ignoreTies) {
		let s = 0;
		for (let i = 0; i < n; i++) s += d[i] * relevance[order[i]];
		return s;
	}
	// _tie_averaged_dcg: groups of equal scores in rank order; each group's mean relevance times its discount sum,
	// the discount sum taken as a difference of the cumulative discounts like sklearn.
	let total = 0;
	let cumulative = 0;
	let cumulativeAtGroupStart = 0;
	let groupSum = 0;
	let groupSize = 0;
	for (let i = 0; i < n; i++) {
		groupSum += relevance[order[i]];
		groupSize++;
		cumulative += d[i];
		if (i === n - 1 || scores[order[i + 1]] !== scores[order[i]]) {
			total += (groupSum / groupSize) * (cumulative - cumulativeAtGroupStart);
			cumulativeAtGroupStart = cumulative;
			groupSum = 0;
			groupSize = 0;
		}
	}
	return total;
}

function idealDcgChecked(relevance: NumericArray, k: number | undefined): number {
	const sorted = Float64Array.from(relevance).sort().reverse();
	const d = discounts(sorted.length, k);
	let s = 0;
	for (let i = 0; i < sorted.length; i++) s += d[i] * sorted[i];
	return s;
}

/** sklearn's dcg_score for one query. */
export function dcgScore(relevance: NumericArray, scores: NumericArray, options: DcgOptions = {}): number {
	checkQuery(relevance, scores);
	checkCutoff(options.k);
	return dcgChecked(relevance, scores, options.k, options.ignoreTies ?? false);
}

/** The ideal DCG: the relevances sorted descending, same cut-off. */
export function idealDcg(relevance: NumericArray, k?: number): number {
	checkQuery(relevance, relevance);
	checkCutoff(k);
	return idealDcgChecked(relevance, k);
}

/** sklearn's ndcg_score for one query; 0 when the ideal DCG is 0 (no relevant item), as sklearn. */
export function ndcgScore(relevance: NumericArray, scores: NumericArray, options: DcgOptions = {}): number {
	checkQuery(relevance, scores);
	checkCutoff(options.k);
	const ideal = idealDcgChecked(relevance, options.k);
	if (ideal === 0) return 0;
	return dcgChecked(relevance, scores, options.k, options.ignoreTies ?? false) / ideal;
}

function checkQueries(queries: readonly Query[]): void {
	if (!Array.isArray(queries)) throw new TypeError('queries must be an array of {relevance, scores}.');
	if (queries.length === 0) throw new RangeError('queries is empty: at least one query is needed.');
	queries.forEach((q, i) => {
		if (q == null || typeof q !== 'object') throw new TypeError(`queries[${i}] must be an object {relevance, scores}.`);
		try {
			checkQuery(q.relevance, q.scores);
		} catch (e) {
			const E = e instanceof TypeError ? TypeError : RangeError;
			throw new E(`queries[${i}]: ${(e as Error).message}`);
		}
	});
}

function weightedMean(values: number[], weights: NumericArray | undefined): number {
	if (weights === undefined) return values.reduce((a, b) => a + b, 0) / values.length;
	assertNumericArray('sampleWeight', weights);
	if (weights.length !== values.length) {
		throw new RangeError(`sampleWeight must have one weight per query (got ${weights.length} weights for ${values.length} queries).`);
	}
	let sw = 0;
	let s = 0;
	for (let i = 0; i < values.length; i++) {
		if (weights[i] < 0) throw new RangeError(`sampleWeight[${i}] is negative (got ${weights[i]}).`);
		sw += weights[i];
		s += weights[i] * values[i];
	}
	if (sw === 0) throw new RangeError('sampleWeight sums to 0: at least one query needs a positive weight.');
	return s / sw;
}

export interface MeanDcgOptions extends DcgOptions {
	/** One weight per query (np.average's weights, sklearn's sample_weight). */
	sampleWeight?: NumericArray;
}

/** sklearn's dcg_score over several queries: the (weighted) mean of the per-query DCG. */
export function meanDcg(queries: readonly Query[], options: MeanDcgOptions = {}): number {
	checkQueries(queries);
	checkCutoff(options.k);
	const values = queries.map((q) => dcgChecked(q.relevance, q.scores, options.k, options.ignoreTies ?? false));
	return weightedMean(values, options.sampleWeight);
}

/** sklearn's ndcg_score over several queries: queries with no relevant item count as 0, as in sklearn. */
export function meanNdcg(queries: readonly Query[], options: MeanDcgOptions = {}): number {
	checkQueries(queries);
	checkCutoff(options.k);
	const values = queries.map((q) => {
		const ideal = idealDcgChecked(q.relevance, options.k);
		return ideal === 0 ? 0 : dcgChecked(q.relevance, q.scores, options.k, options.ignoreTies ?? false) / ideal;
	});
	return weightedMean(values, options.sampleWeight);
}

function countRelevant(relevance: NumericArray, level: number): number {
	let c = 0;
	for (let i = 0; i < relevance.length; i++) if (relevance[i] >= level) c++;
	return c;
}

function reciprocalRankChecked(relevance: NumericArray, scores: NumericArray, k: number | undefined, level: number): number {
	const order = rankByScore(scores);
	const last = k === undefined ? order.length : Math.min(k, order.length);
	for (let i = 0; i < last; i++) if (relevance[order[i]] >= level) return 1 / (i + 1);
	return 0;
}

/** trec_eval's recip_rank of one query (with an optional cut-off k): 1/rank of the first relevant item, else 0. */
export function reciprocalRank(relevance: NumericArray, scores: NumericArray, options: TrecOptions & { k?: number } = {}): number {
	checkQuery(relevance, scores);
	checkCutoff(options.k);
	const level = options.relevanceLevel ?? 1;
	checkRelevanceLevel(level);
	return reciprocalRankChecked(relevance, scores, options.k, level);
}

function totalRelevantOf(q: Query, level: number, where: string): number {
	const inList = countRelevant(q.relevance, level);
	if (q.totalRelevant === undefined) return inList;
	const t = q.totalRelevant;
	if (typeof t !== 'number' || !Number.isInteger(t) || t < inList) {
		throw new RangeError(`${where}totalRelevant must be a whole number at least the ${inList} relevant items in the list (got ${t}).`);
	}
	return t;
}

function recallChecked(q: Query, k: number, level: number, total: number): number {
	const order = rankByScore(q.scores);
	const last = Math.min(k, order.length);
	let hits = 0;
	for (let i = 0; i < last; i++) if (q.relevance[order[i]] >= level) hits++;
	return hits / total;
}

/** trec_eval's recall.k of one query; null when the query has no relevant item (recall undefined). */
export function recallAtK(relevance: NumericArray, scores: NumericArray, k: number, options: TrecOptions & { totalRelevant?: number } = {}): number | null {
	checkQuery(relevance, scores);
	if (k === undefined) throw new RangeError('k is required for recall@k.');
	checkCutoff(k);
	const level = options.relevanceLevel ?? 1;
	checkRelevanceLevel(level);
	const q: Query = { relevance, scores, totalRelevant: options.totalRelevant };
	const total = totalRelevantOf(q, level, '');
	return total === 0 ? null : recallChecked(q, k, level, total);
}

export interface TrecMeanOptions extends TrecOptions {
	/** 'skip' (default): queries with no relevant item are left out and counted; 'zero': they count as 0. */
	emptyQueries?: EmptyQueries;
}

function trecMean(queries: readonly Query[], options: TrecMeanOptions, value: (q: Query, level: number, total: number) => number): MeanOverQueries {
	checkQueries(queries);
	const level = options.relevanceLevel ?? 1;
	checkRelevanceLevel(level);
	const empty = options.emptyQueries ?? 'skip';
	if (empty !== 'skip' && empty !== 'zero') throw new RangeError(`emptyQueries must be 'skip' or 'zero' (got ${String(empty)}).`);
	const perQuery: (number | null)[] = [];
	let sum = 0;
	let evaluated = 0;
	queries.forEach((q, i) => {
		const total = totalRelevantOf(q, level, `queries[${i}]: `);
		if (total === 0 && empty === 'skip') {
			perQuery.push(null);
			return;
		}
		const v = total === 0 ? 0 : value(q, level, total);
		perQuery.push(v);
		sum += v;
		evaluated++;
	});
	return { mean: evaluated === 0 ? 0 : sum / evaluated, perQuery, evaluated, skipped: queries.length - evaluated };
}

/** MRR over queries (trec_eval's recip_rank averaged), with an optional cut-off k. */
export function meanReciprocalRank(queries: readonly Query[], options: TrecMeanOptions & { k?: number } = {}): MeanOverQueries {
	checkCutoff(options.k);
	return trecMean(queries, options, (q, level) => reciprocalRankChecked(q.relevance, q.scores, options.k, level));
}

/** Mean recall@k over queries (trec_eval's recall.k averaged). */
export function meanRecallAtK(queries: readonly Query[], k: number, options: TrecMeanOptions = {}): MeanOverQueries {
	if (k === undefined) throw new RangeError('k is required for recall@k.');
	checkCutoff(k);
	return trecMean(queries, options, (q, level, total) => recallChecked(q, k, level, total));
}
