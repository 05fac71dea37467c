/**
 * The funnel lab's metrics against numpy references (tests/fixtures/funnel_refs.py → funnel.json): sklearn's DCG/NDCG
 * code path (tie averaging, k cut-offs, graded/binary/real relevance, all-zero relevance, k beyond the list),
 * trec_eval's reciprocal rank and recall@k (ties, cut-offs, relevance levels, skipped queries), the fast ranked-list
 * path, and the long-tail report (head shares, log-rank curve, RecBole's Gini, coverage). Also input validation and
 * the fast path against the scored path on random lists without ties.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import {
	dcgScore,
	idealDcg,
	meanDcg,
	meanNdcg,
	meanRecallAtK,
	meanReciprocalRank,
	ndcgScore,
	recallAtK,
	reciprocalRank,
	type Query
} from '../../src/lib/labs/funnel/metrics';
import { emptyResult, RankedListEvaluator, RankingAccumulator } from '../../src/lib/labs/funnel/ranked-list';
import { catalogueCoverage, giniIndex, headSize, logRankCuts, longTailReport, recommendationCounts } from '../../src/lib/labs/funnel/long-tail';
import { expectClose } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx: any = JSON.parse(readFileSync(new URL('../fixtures/funnel.json', import.meta.url), 'utf8'), (_k, v) =>
	v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v
);
const opt = (k: number | null) => (k === null ? undefined : k);

describe('DCG and NDCG (sklearn definitions)', () => {
	it('the fixture was made from many cases, including ties, cut-offs and all-zero relevance', () => {
		expect(fx.dcg.length).toBeGreaterThan(200);
		expect(fx.dcg.some((c: any) => c.relevance.every((r: number) => r === 0))).toBe(true);
		expect(fx.dcg.some((c: any) => c.k !== null && c.k > c.relevance.length)).toBe(true);
	});

	it('matches the numpy re-implementation of dcg_score / ndcg_score on every case', () => {
		for (const c of fx.dcg) {
			const o = { k: opt(c.k), ignoreTies: c.ignoreTies };
			const label = `${c.name} k=${c.k} ignoreTies=${c.ignoreTies}`;
			expectClose(dcgScore(c.relevance, c.scores, o), c.dcg, 1e-9, 1e-12, `dcg ${label}`);
			expectClose(ndcgScore(c.relevance, c.scores, o), c.ndcg, 1e-9, 1e-12, `ndcg ${label}`);
			expectClose(idealDcg(c.relevance, opt(c.k)), c.idcg, 1e-9, 1e-12, `idcg ${label}`);
		}
	});

	it("reproduces sklearn's documented examples", () => {
		const t = [10, 0, 0, 1, 5];
		expect(ndcgScore(t, [1, 0, 0, 0, 1], { k: 1 })).toBeCloseTo(0.75, 14);
		expect(ndcgScore(t, [1, 0, 0, 0, 1], { k: 1, ignoreTies: true })).toBeCloseTo(0.5, 14);
		expect(dcgScore(t, [1, 0, 0, 0, 1], { k: 1 })).toBeCloseTo(7.5, 14);
		expect(ndcgScore(t, t, { k: 4 })).toBeCloseTo(1, 14);
		expect(String(ndcgScore(t, [0.1, 0.2, 0.3, 4, 70]))).toMatch(/^0\.69/);
	});

	it('tie averaging differs from ignoring ties when tied scores straddle relevances', () => {
		const rel = [3, 0, 1, 2, 0, 0, 1];
		const scores = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5];
		expect(Math.abs(dcgScore(rel, scores) - dcgScore(rel, scores, { ignoreTies: true }))).toBeGreaterThan(0.1);
		expect(ndcgScore([0, 0, 0], [1, 2, 3])).toBe(0);
	});

	it('averages over queries as np.average, with and without weights', () => {
		for (const c of fx.meanDcg) {
			const o = { k: opt(c.k), ignoreTies: c.ignoreTies, sampleWeight: c.sampleWeight ?? undefined };
			expectClose(meanDcg(c.queries, o), c.meanDcg, 1e-9, 1e-12, 'meanDcg');
			expectClose(meanNdcg(c.queries, o), c.meanNdcg, 1e-9, 1e-12, 'meanNdcg');
		}
	});
});

describe('reciprocal rank and recall@k (trec_eval definitions)', () => {
	const queries: Query[] = fx.trecQueries;

	it('per query and averaged, skipping queries with no relevant item', () => {
		for (const c of fx.trec) {
			const o = { k: opt(c.k), relevanceLevel: c.level };
			queries.forEach((q, i) => {
				expectClose(reciprocalRank(q.relevance, q.scores, o), c.rr[i], 1e-12, 0, `rr q${i} level ${c.level} k ${c.k}`);
				const r = recallAtK(q.relevance, q.scores, c.recallK, { relevanceLevel: c.level, totalRelevant: q.totalRelevant });
				if (c.recall[i] === null) expect(r, `recall q${i}`).toBeNull();
				else expectClose(r as number, c.recall[i], 1e-12, 0, `recall q${i} level ${c.level} k ${c.recallK}`);
			});
			const mrr = meanReciprocalRank(queries, o);
			expectClose(mrr.mean, c.mrr, 1e-12, 0, 'mrr');
			expect(mrr.skipped).toBe(c.skipped);
			expect(mrr.evaluated + mrr.skipped).toBe(queries.length);
			expectClose(meanReciprocalRank(queries, { ...o, emptyQueries: 'zero' }).mean, c.mrrZero, 1e-12, 0, 'mrr zero');
			const rec = meanRecallAtK(queries, c.recallK, { relevanceLevel: c.level });
			expectClose(rec.mean, c.meanRecall, 1e-12, 0, 'mean recall');
			expect(rec.skipped).toBe(c.skipped);
			expect(rec.perQuery.filter((v) => v === null).length).toBe(c.skipped);
			expectClose(meanRecallAtK(queries, c.recallK, { relevanceLevel: c.level, emptyQueries: 'zero' }).mean, c.meanRecallZero, 1e-12, 0, 'recall zero');
		}
		expect(fx.trec.some((c: any) => c.skipped > 0)).toBe(true);
	});

	it('breaks tied scores by the later index first, as trec_eval breaks them by docno descending', () => {
		expect(reciprocalRank([1, 0], [0.5, 0.5])).toBe(0.5);
		expect(reciprocalRank([0, 1], [0.5, 0.5])).toBe(1);
		expect(recallAtK([1, 0, 0], [0.2, 0.2, 0.2], 2)).toBe(0);
	});
});

describe('fast path for ranked id lists', () => {
	it('matches the numpy references, including relevant items the list missed', () => {
		let checked = 0;
		for (const c of fx.ranked) {
			const ev = new RankedListEvaluator(c.numItems);
			ev.setRelevant(c.relevantIds, c.grades);
			const ranked = Int32Array.from(c.ranked);
			const out = emptyResult();
			for (const r of c.results) {
				ev.evaluate(ranked, r.k, out);
				expect(out.relevantCount).toBe(r.relevantCount);
				expect(out.hits).toBe(r.hits);
				expectClose(out.recall, r.recall, 1e-12, 0, 'recall');
				expectClose(out.reciprocalRank, r.reciprocalRank, 1e-12, 0, 'rr');
				expectClose(out.ndcg, r.ndcg, 1e-9, 1e-15, 'ndcg');
				checked++;
			}
		}
		expect(checked).toBe(48);
	});

	it('agrees with the scored path on random lists without ties (full rankings and truncated candidate lists)', () => {
		const rng = createRng(29).fork('funnel-fast-vs-scored');
		for (let t = 0; t < 300; t++) {
			const n = 2 + rng.int(400);
			const scores = Array.from({ length: n }, () => rng.normal());
			const relevance = Array.from({ length: n }, () => (rng.next() < 0.1 ? 1 + rng.int(3) : 0));
			if (t % 5 === 0) for (let i = 0; i < n; i++) relevance[i] = relevance[i] > 0 ? 1 : 0;
			const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[b] - scores[a]);
			const relIds: number[] = [];
			const grades: number[] = [];
			relevance.forEach((g, i) => {
				if (g > 0) {
					relIds.push(i);
					grades.push(g);
				}
			});
			const ev = new RankedListEvaluator(n);
			ev.setRelevant(Int32Array.from(relIds), Float64Array.from(grades));
			const length = t % 2 ? n : 1 + rng.int(n);
			for (const k of [1, 3, 10, 50, n]) {
				if (k > length) continue; // a truncated list agrees with the full ranking up to its length
				const r = ev.evaluate(order, k, undefined, length);
				expectClose(r.ndcg, ndcgScore(relevance, scores, { k }), 1e-12, 1e-15, `ndcg n=${n} k=${k}`);
				expectClose(r.ndcg, ndcgScore(relevance, scores, { k, ignoreTies: true }), 1e-12, 1e-15, 'ndcg ignoreTies');
				expectClose(r.reciprocalRank, reciprocalRank(relevance, scores, { k }), 1e-15, 0, 'rr');
				const rec = recallAtK(relevance, scores, k);
				if (relIds.length === 0) {
					expect(rec).toBeNull();
					expect(r.relevantCount).toBe(0);
				} else expectClose(r.recall, rec as number, 1e-15, 0, 'recall');
			}
		}
	});

	it('accumulates means over users and skips users with no relevant item', () => {
		const ev = new RankedListEvaluator(10);
		const acc = new RankingAccumulator();
		const out = emptyResult();
		ev.setRelevant([2, 5]);
		acc.add(ev.evaluate(Int32Array.from([5, 1, 2]), 2, out));
		ev.setRelevant([]);
		acc.add(ev.evaluate(Int32Array.from([5, 1, 2]), 2, out));
		ev.setRelevant([9], [2]);
		acc.add(ev.evaluate(Int32Array.from([0, 9]), 2, out));
		const s = acc.summary();
		expect(s.evaluated).toBe(2);
		expect(s.skipped).toBe(1);
		expectClose(s.recall, (0.5 + 1) / 2, 1e-15);
		expectClose(s.mrr, (1 + 0.5) / 2, 1e-15);
		expectClose(s.ndcg, (1 / (1 + 1 / Math.log2(3)) + 1 / Math.log2(3)) / 2, 1e-12);
	});
});

describe('long tail: head shares, log-rank curve, Gini, coverage', () => {
	it('matches the numpy references', () => {
		for (const c of fx.longTail) {
			const rep = longTailReport(c.popularity, Int32Array.from(c.recommended), { headFractions: c.headFractions, maxBins: c.maxBins });
			expect(logRankCuts(c.popularity.length, c.maxBins)).toEqual(c.cuts);
			expect(rep.heads.map((h) => h.items)).toEqual(c.heads.map((h: any) => h.items));
			rep.heads.forEach((h, i) => {
				expectClose(h.catalogueShare, c.heads[i].catalogueShare, 1e-12, 0, 'head catalogue');
				expectClose(h.recommendationShare, c.heads[i].recommendationShare, 1e-12, 0, 'head recs');
			});
			expect(rep.curve.length).toBe(c.curve.length);
			expect(rep.curve.length).toBeLessThanOrEqual(c.maxBins);
			rep.curve.forEach((b, i) => {
				const e = c.curve[i];
				expect([b.rankStart, b.rankEnd, b.items]).toEqual([e.rankStart, e.rankEnd, e.items]);
				expectClose(b.catalogueShare, e.catalogueShare, 1e-9, 1e-15, `bin ${i} catalogue`);
				expectClose(b.recommendationShare, e.recommendationShare, 1e-9, 1e-15, `bin ${i} recs`);
				expectClose(b.cumulativeCatalogueShare, e.cumulativeCatalogueShare, 1e-9, 1e-15, 'cumulative catalogue');
				expectClose(b.cumulativeRecommendationShare, e.cumulativeRecommendationShare, 1e-9, 1e-15, 'cumulative recs');
			});
			expectClose(rep.giniRecommendations, c.giniRecommendations, 1e-9, 1e-15, 'gini recs');
			expectClose(rep.giniCatalogue, c.giniCatalogue, 1e-9, 1e-15, 'gini catalogue');
			expectClose(rep.coverage, c.coverage, 1e-15, 0, 'coverage');
		}
		for (const g of fx.gini) expectClose(giniIndex(g.counts), g.gini, 1e-9, 1e-15, 'gini');
	});

	it('head sizes are ⌈f·n⌉ without floating-point overshoot, at least one item', () => {
		expect(headSize(0.1, 1000)).toBe(100);
		expect(headSize(0.01, 300)).toBe(3);
		expect(headSize(0.01, 5)).toBe(1);
		expect(headSize(0.2, 37)).toBe(8);
	});

	it('Gini is 0 for equal counts and (n − 1)/n when one item takes every recommendation; coverage counts items', () => {
		expect(giniIndex([3, 3, 3, 3])).toBe(0);
		expectClose(giniIndex(recommendationCounts([2, 2, 2], 4)), 3 / 4, 1e-15);
		expect(catalogueCoverage(recommendationCounts([0, 0, 3], 5))).toBe(0.4);
	});
});

describe('input validation throws with words', () => {
	it('ranking metrics', () => {
		expect(() => ndcgScore([1, 0], [0.5])).toThrow(/same length/);
		expect(() => dcgScore([1, 0], [0.5, NaN])).toThrow(/scores\[1\] is not a number/);
		expect(() => ndcgScore([1, -1], [0.5, 0.2])).toThrow(/relevance\[1\] is negative/);
		expect(() => ndcgScore([1, 0], [0.5, 0.2], { k: 0 })).toThrow(/k must be a whole number of at least 1/);
		expect(() => ndcgScore([1, 0], [0.5, 0.2], { k: 1.5 })).toThrow(/whole number/);
		expect(() => ndcgScore([], [])).toThrow(/empty/);
		expect(() => recallAtK([1, 0], [0.5, 0.2], 0)).toThrow(/at least 1/);
		expect(() => reciprocalRank([1, NaN], [0.5, 0.2])).toThrow(/relevance\[1\] is not a finite number/);
		expect(() => meanNdcg([])).toThrow(/at least one query/);
		expect(() => meanNdcg([{ relevance: [1], scores: [1, 2] }])).toThrow(/queries\[0\]: relevance and scores must have the same length/);
		expect(() => meanDcg([{ relevance: [1], scores: [1] }], { sampleWeight: [0] })).toThrow(/sums to 0/);
		expect(() => meanRecallAtK([{ relevance: [1, 0], scores: [1, 2], totalRelevant: 0 }], 1)).toThrow(/totalRelevant/);
		expect(() => meanReciprocalRank(fx.trecQueries, { relevanceLevel: 0 })).toThrow(/relevanceLevel/);
	});

	it('fast path', () => {
		expect(() => new RankedListEvaluator(0)).toThrow(/numItems/);
		const ev = new RankedListEvaluator(5);
		expect(() => ev.evaluate(Int32Array.from([1]), 1)).toThrow(/setRelevant must be called/);
		expect(() => ev.setRelevant([1, 1])).toThrow(/listed twice/);
		expect(() => ev.setRelevant([7])).toThrow(/not an item id/);
		expect(() => ev.setRelevant([1], [-2])).toThrow(/grades\[0\]/);
		expect(() => ev.setRelevant([1, 2], [1])).toThrow(/same length/);
		ev.setRelevant([1]);
		expect(() => ev.evaluate(Int32Array.from([1, 2, 1]), 2)).toThrow(/appears twice/);
		expect(() => ev.evaluate(Int32Array.from([1, 9]), 2)).toThrow(/not an item id/);
		expect(() => ev.evaluate(Int32Array.from([1, 2]), 0)).toThrow(/k must be/);
		expect(() => ev.evaluate([1, 2] as unknown as Int32Array, 1)).toThrow(/Int32Array/);
	});

	it('long tail', () => {
		expect(() => longTailReport([0, 0], [1])).toThrow(/all zeros/);
		expect(() => longTailReport([1, -1], [1])).toThrow(/popularity\[1\]/);
		expect(() => longTailReport([1, 2], [])).toThrow(/recommended is empty/);
		expect(() => longTailReport([1, 2], [2])).toThrow(/not an item id/);
		expect(() => longTailReport([1, 2], [1], { headFractions: [0] })).toThrow(/\(0, 1\]/);
		expect(() => longTailReport([1, 2], [1], { maxBins: 0 })).toThrow(/maxBins/);
	});
});
