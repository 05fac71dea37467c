/**
 * The funnel lab's sweep runs: each is one seeded funnel (worker/pipeline.ts) at a single K — the lab's settings with
 * the swept value and the replicate's seed — without the recall–latency curve (`light`). Two arms per run: the K
 * candidates in retrieval order, and the same candidates re-ranked by the ranker; each reports the sweep metrics of
 * ../sweep-axes.ts at 10 (nDCG, recall, MRR), the candidates' recall@K and the mean log₁₀ popularity of its top 10.
 */
import type { Ticket } from '../../../engine/run-control';
import type { RunMetrics } from '../../../engine/sweep-job';
import { runFunnel } from './pipeline';
import type { FunnelConfig, FunnelResult, FunnelSweepRequest } from '../types';

/** The request's funnel (already at its one K: ../params.ts `sweepRequest`), with no curve and no examples. */
export function sweepConfig(config: FunnelConfig): FunnelConfig {
	return { ...config, examples: 0, light: true };
}

/** The two arms' metrics of a finished run (retrieval order first, then re-ranked). */
export function sweepArms(r: FunnelResult): RunMetrics[] {
	const row = r.sweep.find((s) => s.k === r.config.reportK) ?? r.sweep[r.sweep.length - 1];
	const arm = (m: { ndcg: number; recall: number; mrr: number }, popularity: number): RunMetrics => ({
		ndcg: m.ndcg,
		recall: m.recall,
		mrr: m.mrr,
		candidates: row.candidateRecall,
		popularity
	});
	return [arm(row.retrieval, r.popularity.retrievalTop10), arm(row.ranked, r.popularity.rankedTop10)];
}

export async function runFunnelSweep(requests: FunnelSweepRequest[], ticket: Ticket, emit: (id: number, arms: RunMetrics[]) => void): Promise<void> {
	for (const req of requests) {
		const result = await runFunnel(sweepConfig(req.config), { shouldStop: () => ticket.stale });
		emit(req.id, sweepArms(result));
	}
}
