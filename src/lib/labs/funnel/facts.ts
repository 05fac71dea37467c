/**
 * The funnel lab's facts for its lessons (lessons/types.ts): the numbers of one complete run that a lesson asks about
 * and explains with, read from the same result fields the page's sentences and tables show (summary.ts,
 * PopularityView, KView, CurveView), computed the same way.
 */
import type { Facts } from '$lib/lessons/types';
import type { FunnelResult } from './types';

/** The smallest efSearch (or nprobe) whose recall reaches `target`, from the curve table's points; -1 when none does. */
function firstReaching(r: FunnelResult, kind: 'hnsw' | 'ivf', target: number): number {
	const pts = r.curve.find((s) => s.kind === kind)?.points ?? [];
	const hit = pts.filter((q) => q.recall >= target && q.value !== null).map((q) => q.value as number);
	return hit.length ? Math.min(...hit) : -1;
}

const recallAt = (r: FunnelResult, kind: 'hnsw' | 'ivf', value: number) =>
	r.curve.find((s) => s.kind === kind)?.points.find((q) => q.value === value)?.recall ?? NaN;

export function funnelFacts(r: FunnelResult): Facts {
	const rows = r.sweep;
	const first = rows[0];
	const last = rows[rows.length - 1];
	// As funnelSentence: the highest re-ranked nDCG@10 (the first K when tied).
	const best = rows.reduce((a, b) => (b.ranked.ndcg > a.ranked.ndcg ? b : a), first);
	const atK = rows.find((w) => w.k === r.config.reportK) ?? last;
	const pop = r.popularity;
	const head = (lt: FunnelResult['longTail']['ranked']) => lt.heads.find((h) => h.fraction === 0.01) ?? lt.heads[0];
	return {
		seed: r.config.world.seed,
		items: r.world.items,
		users: r.world.users,
		negatives: r.config.twoTower.negatives,
		index: r.config.index,
		testUsers: r.world.testUsersWithRelevant,
		// Section 3 (k-sentence, funnel-table).
		firstK: first?.k ?? NaN,
		lastK: last?.k ?? NaN,
		recallFirst: first?.candidateRecall ?? NaN,
		recallLast: last?.candidateRecall ?? NaN,
		rankedFirst: first?.ranked.ndcg ?? NaN,
		rankedLast: last?.ranked.ndcg ?? NaN,
		bestK: best?.k ?? NaN,
		bestNdcg: best?.ranked.ndcg ?? NaN,
		reportK: atK?.k ?? NaN,
		recallAtK: atK?.candidateRecall ?? NaN,
		retrievalNdcgAtK: atK?.retrieval.ndcg ?? NaN,
		rankedNdcgAtK: atK?.ranked.ndcg ?? NaN,
		// Section 2 (curve-table): recall@k of the approximate indexes against exact search.
		curveK: r.config.curve.k,
		hnswRecallEf10: recallAt(r, 'hnsw', 10),
		hnswEfFor099: firstReaching(r, 'hnsw', 0.99),
		ivfRecallProbe1: recallAt(r, 'ivf', 1),
		// Section 4 (popularity-sentence, popularity-table): log10 popularity differences as the sentence words them (10^Δ).
		retrievalVsClicks: pop.retrievalTop10 - pop.catalogueClick,
		rankedVsClicks: pop.rankedTop10 - pop.catalogueClick,
		retrievalTimes: 10 ** Math.abs(pop.retrievalTop10 - pop.catalogueClick),
		clickHeadShare: head(r.longTail.ranked).catalogueShare,
		retrievalHeadShare: head(r.longTail.retrieval).recommendationShare,
		rankedHeadShare: head(r.longTail.ranked).recommendationShare,
		giniClicks: r.longTail.ranked.giniCatalogue,
		giniRetrieval: r.longTail.retrieval.giniRecommendations,
		coverageRetrieval: r.longTail.retrieval.coverage,
		coverageRanked: r.longTail.ranked.coverage
	};
}
