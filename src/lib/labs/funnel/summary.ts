/**
 * The funnel lab's computed sentences, from one run's numbers (pure, tested in Node). They describe this run; claims
 * about settings in general are the sweep's (over seeds, with intervals), and the sentences say so where it matters.
 */
import { fmtInt, fmtNum, fmtPct, plural } from '$lib/format';
import type { CurvePoint } from './search/recall-latency';
import type { CurveSeries, IndexChoice, PopularitySummary, SweepRow, WorldSummary } from './types';
import { INDEX_LABELS } from './labels';
import type { Negatives } from './worker/two-tower';

export function worldSentence(w: WorldSummary): string {
	return (
		`${fmtInt(w.users)} users, ${fmtInt(w.items)} items: ${fmtInt(w.sessions)} logged sessions showed ${fmtInt(w.impressions)} items and got ` +
		`${fmtInt(w.clicks)} clicks (${fmtPct(w.clickRate, 1)}). The 1% most popular items took ${fmtPct(w.topPercentClickShare, 0)} of the clicks; ` +
		`${plural(w.unclickedItems, 'item')} were never clicked, so no model learns them from clicks. ` +
		`Metrics average over ${plural(w.testUsersWithRelevant, 'test user')} with a held-out relevant item (${fmtInt(w.heldOutRelevant)} relevant items in all).`
	);
}

/** The fastest point of a series at recall ≥ `target`, or null. */
export function fastestAtRecall(points: CurvePoint[], target: number): CurvePoint | null {
	let best: CurvePoint | null = null;
	for (const p of points) if (p.recall >= target && (best === null || p.qps > best.qps)) best = p;
	return best;
}

const PARAM: Record<IndexChoice, string> = { exact: '', ivf: 'nprobe', hnsw: 'efSearch' };

/** What each approximate index buys over exact search at a recall target, measured in this run. */
export function curveSentence(curve: CurveSeries[], k: number, target = 0.9): string {
	const exact = curve.find((s) => s.kind === 'exact')?.points[0];
	if (!exact) return 'Exact search has not been measured yet.';
	const parts: string[] = [];
	for (const s of curve) {
		if (s.kind === 'exact' || s.points.length === 0) continue;
		const best = fastestAtRecall(s.points, target);
		const name = INDEX_LABELS[s.kind].split(' (')[0];
		if (best) {
			parts.push(
				`${name} reaches recall@${k} ${fmtNum(best.recall, 3)} at ${PARAM[s.kind]} ${best.value} with ${fmtNum(best.qps / exact.qps, 2)}× exact search's queries a second (p95 ${fmtNum(best.p95Ms, 2)} ms against ${fmtNum(exact.p95Ms, 2)} ms)`
			);
		} else {
			const top = s.points.reduce((a, b) => (b.recall > a.recall ? b : a));
			parts.push(
				`${name} stays below recall@${k} ${fmtNum(target, 2)} at every value measured (best ${fmtNum(top.recall, 3)} at ${PARAM[s.kind]} ${top.value})`
			);
		}
	}
	return `${parts.join('; ')}. Measured on this device, one query at a time; latencies vary from run to run, recall does not.`;
}

/** What ranking more candidates bought in this run, from the smallest K to the largest. */
export function funnelSentence(rows: SweepRow[]): string {
	if (rows.length === 0) return 'No K measured yet.';
	const first = rows[0];
	const last = rows[rows.length - 1];
	const best = rows.reduce((a, b) => (b.ranked.ndcg > a.ranked.ndcg ? b : a));
	const costRatio = first.rankMsPerUser > 0 ? last.rankMsPerUser / first.rankMsPerUser : NaN;
	const ranking =
		`Re-ranking K = ${last.k} candidates gives nDCG@10 ${fmtNum(last.ranked.ndcg, 3)} (retrieval order: ${fmtNum(last.retrieval.ndcg, 3)}); ` +
		`at K = ${first.k}, ${fmtNum(first.ranked.ndcg, 3)}. The highest in this run is ${fmtNum(best.ranked.ndcg, 3)} at K = ${best.k}.`;
	const reach = ` The candidates hold ${fmtPct(first.candidateRecall, 0)} of the held-out relevant items at K = ${first.k} and ${fmtPct(last.candidateRecall, 0)} at K = ${last.k}: the ranker cannot find what retrieval dropped.`;
	const cost = Number.isFinite(costRatio)
		? ` Ranking cost grows with K: ${fmtNum(last.rankMsPerUser, 2)} ms a user at K = ${last.k}, ${fmtNum(costRatio, 2)}× the cost at K = ${first.k}.`
		: '';
	return `${ranking}${reach}${cost} One seed: whether a difference between two K holds up is the sweep's question (below).`;
}

/** Popularity of what is recommended against the catalogue, in words (10^Δ: how many times more popular on average). */
export function popularitySentence(pop: PopularitySummary, negatives: Negatives): string {
	const times = (d: number) => (d >= 0 ? `${fmtNum(10 ** d, 2)}× more popular` : `${fmtNum(10 ** -d, 2)}× less popular`);
	const base =
		`The ranked top 10s are on (geometric) average ${times(pop.rankedTop10 - pop.catalogueClick)} than the average clicked item, ` +
		`and the retriever's own top 10s ${times(pop.retrievalTop10 - pop.catalogueClick)}.`;
	const why: Record<Negatives, string> = {
		'in-batch':
			' Plain in-batch negatives are other users’ clicks, so popular items are negatives more often and the retriever learns to score them down (it learns about log P(item | user) − log q_item).',
		'in-batch-corrected':
			' The logQ correction subtracts log q_item from each in-batch logit while training, which removes the extra penalty on popular items: compare with plain in-batch negatives (preset or sweep).',
		uniform: ' Uniform negatives are drawn from the whole catalogue regardless of clicks: no popularity penalty, but most of them are easy.'
	};
	return base + why[negatives];
}
