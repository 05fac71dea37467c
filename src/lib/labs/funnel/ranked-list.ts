/**
 * The lab's fast path for ranking metrics: a ranked list of item ids (best first, no scores, so no ties) against a
 * user's relevant items with grades. Built for thousands of users × lists of up to ~1000 candidates: one
 * `RankedListEvaluator` per catalogue holds all scratch memory (typed arrays indexed by item id, reset by epoch
 * stamps instead of clearing), so `setRelevant` + `evaluate` allocate nothing in steady state.
 *
 * Definitions (the same as metrics.ts on a list without ties; tests check the two agree):
 *   recall@k  = |relevant ∩ top k| / |relevant|                        (trec_eval recall.k)
 *   RR@k      = 1/rank of the first relevant item within the top k, else 0 (trec_eval recip_rank; k = list length
 *               gives the uncut value)
 *   nDCG@k    = Σ_{i ≤ k} grade(list_i)/log2(i + 1) / IDCG@k           (sklearn ndcg_score, linear gain)
 *   An item is relevant iff its grade ≥ relevanceLevel (trec_eval -l, default 1); the NDCG gain is the grade itself.
 *   The ideal DCG and recall's denominator use ALL of the user's relevant items, including those the list missed:
 *   a candidate the retrieval stage dropped counts against the ranker, which is what the funnel is about. (sklearn's
 *   IDCG only sees the scored items; the two agree when the list holds every relevant item, e.g. a full ranking.)
 *   A user with no relevant item (grade ≥ level) gets recall, RR and NDCG reported as 0 with `relevantCount` 0;
 *   `RankingAccumulator` skips such users for all three means and counts them (trec_eval evaluates only queries
 *   that have relevance information; see metrics.ts) — note that sklearn's ndcg_score would average them in as 0.
 */

export interface RankedListResult {
	recall: number;
	reciprocalRank: number;
	ndcg: number;
	/** Relevant items of the user (grade ≥ relevanceLevel); 0 means the metrics are undefined and reported as 0. */
	relevantCount: number;
	/** Relevant items found in the top k. */
	hits: number;
}

export function emptyResult(): RankedListResult {
	return { recall: 0, reciprocalRank: 0, ndcg: 0, relevantCount: 0, hits: 0 };
}

const INSERTION_SORT_MAX = 48;

export class RankedListEvaluator {
	readonly numItems: number;
	readonly relevanceLevel: number;
	private grade: Float64Array;
	private relStamp: Int32Array;
	private seenStamp: Int32Array;
	private relEpoch = 0;
	private seenEpoch = 0;
	private discount: Float64Array;
	private ideal: Float64Array;
	private idealLength = 0;
	private relevant = 0;
	private ready = false;

	constructor(numItems: number, options: { relevanceLevel?: number } = {}) {
		if (typeof numItems !== 'number' || !Number.isInteger(numItems) || numItems < 1 || numItems > 2 ** 31 - 1) {
			throw new RangeError(`numItems must be a whole number between 1 and 2³¹ − 1 (got ${numItems}).`);
		}
		const level = options.relevanceLevel ?? 1;
		if (typeof level !== 'number' || !Number.isFinite(level) || level <= 0) {
			throw new RangeError(`relevanceLevel must be a finite number greater than 0 (got ${level}).`);
		}
		this.numItems = numItems;
		this.relevanceLevel = level;
		this.grade = new Float64Array(numItems);
		this.relStamp = new Int32Array(numItems);
		this.seenStamp = new Int32Array(numItems);
		this.discount = new Float64Array(0);
		this.growDiscounts(Math.min(numItems, 1024));
		this.ideal = new Float64Array(64);
	}

	/** Discounts 1/log2(i + 1) for 1-based ranks, computed as ln 2 / ln(i + 1) like sklearn. */
	private growDiscounts(n: number): void {
		if (n <= this.discount.length) return;
		const d = new Float64Array(Math.max(n, 2 * this.discount.length));
		for (let i = 0; i < d.length; i++) d[i] = Math.LN2 / Math.log(i + 2);
		this.discount = d;
	}

	private nextEpoch(stamps: Int32Array, epoch: number): number {
		if (epoch >= 2 ** 31 - 2) {
			stamps.fill(0);
			return 1;
		}
		return epoch + 1;
	}

	/** The user's relevant items: ids in [0, numItems) without repeats, grades ≥ 0 (default all 1). */
	setRelevant(ids: ArrayLike<number>, grades?: ArrayLike<number>): void {
		if (ids == null || typeof ids.length !== 'number') throw new TypeError('ids must be an array of item ids.');
		if (grades !== undefined && grades.length !== ids.length) {
			throw new RangeError(`ids and grades must have the same length (got ${ids.length} and ${grades.length}).`);
		}
		this.ready = false;
		this.relEpoch = this.nextEpoch(this.relStamp, this.relEpoch);
		const epoch = this.relEpoch;
		if (this.ideal.length < ids.length) this.ideal = new Float64Array(Math.max(ids.length, 2 * this.ideal.length));
		let m = 0;
		let relevant = 0;
		for (let j = 0; j < ids.length; j++) {
			const id = ids[j];
			if (!Number.isInteger(id) || id < 0 || id >= this.numItems) {
				throw new RangeError(`ids[${j}] is not an item id in [0, ${this.numItems}) (got ${id}).`);
			}
			if (this.relStamp[id] === epoch) throw new RangeError(`ids[${j}]: item ${id} is listed twice among the relevant items.`);
			const g = grades === undefined ? 1 : grades[j];
			if (typeof g !== 'number' || !Number.isFinite(g) || g < 0) {
				throw new RangeError(`grades[${j}] must be a finite grade of 0 or more (got ${g}).`);
			}
			this.relStamp[id] = epoch;
			this.grade[id] = g;
			if (g >= this.relevanceLevel) relevant++;
			if (g > 0) this.ideal[m++] = g;
		}
		sortDescending(this.ideal, m);
		this.idealLength = m;
		this.relevant = relevant;
		this.ready = true;
	}

	/** Grade of an item for the current user (0 if not relevant). */
	gradeOf(id: number): number {
		return this.relStamp[id] === this.relEpoch ? this.grade[id] : 0;
	}

	/**
	 * recall@k, RR@k and nDCG@k of `ranked` (best first) for the current user; `length` uses only the first
	 * `length` entries (default all). Writes into `out` (allocated if absent) and returns it.
	 */
	evaluate(ranked: Int32Array, k: number, out: RankedListResult = emptyResult(), length = ranked.length): RankedListResult {
		if (!this.ready) throw new RangeError('setRelevant must be called before evaluate (the relevant items of this user are not set).');
		if (!(ranked instanceof Int32Array)) throw new TypeError('ranked must be an Int32Array of item ids.');
		if (typeof k !== 'number' || !Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number of at least 1 (got ${k}).`);
		if (!Number.isInteger(length) || length < 0 || length > ranked.length) {
			throw new RangeError(`length must be a whole number between 0 and ${ranked.length} (got ${length}).`);
		}
		const n = length;
		const top = Math.min(k, n);
		this.growDiscounts(Math.max(top, Math.min(k, this.idealLength)));
		this.seenEpoch = this.nextEpoch(this.seenStamp, this.seenEpoch);
		const seen = this.seenEpoch;
		const relEpoch = this.relEpoch;
		const level = this.relevanceLevel;
		let dcg = 0;
		let hits = 0;
		let rr = 0;
		for (let i = 0; i < n; i++) {
			const id = ranked[i];
			if (id < 0 || id >= this.numItems) throw new RangeError(`ranked[${i}] is not an item id in [0, ${this.numItems}) (got ${id}).`);
			if (this.seenStamp[id] === seen) throw new RangeError(`ranked[${i}]: item ${id} appears twice in the ranked list.`);
			this.seenStamp[id] = seen;
			if (i >= top || this.relStamp[id] !== relEpoch) continue;
			const g = this.grade[id];
			dcg += g * this.discount[i];
			if (g >= level) {
				hits++;
				if (rr === 0) rr = 1 / (i + 1);
			}
		}
		let idcg = 0;
		const idealTop = Math.min(k, this.idealLength);
		for (let i = 0; i < idealTop; i++) idcg += this.ideal[i] * this.discount[i];
		const relevant = this.relevant;
		out.relevantCount = relevant;
		out.hits = hits;
		out.recall = relevant === 0 ? 0 : hits / relevant;
		out.reciprocalRank = rr;
		out.ndcg = idcg === 0 ? 0 : dcg / idcg;
		return out;
	}
}

/** Sorts a[0..m) descending in place (insertion sort for short runs, else a typed-array sort of the prefix). */
function sortDescending(a: Float64Array, m: number): void {
	if (m <= INSERTION_SORT_MAX) {
		for (let i = 1; i < m; i++) {
			const v = a[i];
			let j = i - 1;
			while (j >= 0 && a[j] < v) {
				a[j + 1] = a[j];
				j--;
			}
			a[j + 1] = v;
		}
		return;
	}
	const view = a.subarray(0, m).sort();
	for (let i = 0, j = m - 1; i < j; i++, j--) {
		const t = view[i];
		view[i] = view[j];
		view[j] = t;
	}
}

/** Means over users of recall@k, MRR@k and nDCG@k; users without a relevant item are skipped and counted. */
export class RankingAccumulator {
	private sumRecall = 0;
	private sumRr = 0;
	private sumNdcg = 0;
	evaluated = 0;
	skipped = 0;

	add(r: RankedListResult): void {
		if (r.relevantCount === 0) {
			this.skipped++;
			return;
		}
		this.sumRecall += r.recall;
		this.sumRr += r.reciprocalRank;
		this.sumNdcg += r.ndcg;
		this.evaluated++;
	}

	/** The means (0 when no user was evaluated — check `evaluated`). */
	summary(): { recall: number; mrr: number; ndcg: number; evaluated: number; skipped: number } {
		const n = this.evaluated;
		return {
			recall: n === 0 ? 0 : this.sumRecall / n,
			mrr: n === 0 ? 0 : this.sumRr / n,
			ndcg: n === 0 ? 0 : this.sumNdcg / n,
			evaluated: n,
			skipped: this.skipped
		};
	}
}
