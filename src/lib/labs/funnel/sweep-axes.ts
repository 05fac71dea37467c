/**
 * The funnel lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const funnelAxes = {
	sweepable: [
		{ key: 'k', label: 'Candidates ranked (K)' },
		{ key: 'negatives', label: 'Negatives of the retriever' },
		{ key: 'ef', label: 'HNSW efSearch' },
		{ key: 'nprobe', label: 'IVF nprobe' },
		{ key: 'dim', label: 'Embedding dimension d' },
		{ key: 'temp', label: 'Softmax temperature τ' },
		{ key: 'epochs', label: 'Retriever epochs' },
		{ key: 'zipf', label: 'Popularity exponent (Zipf)' },
		{ key: 'bias', label: 'Position bias η' },
		{ key: 'noise', label: 'Noise of the ranker’s taste feature' }
	] as const,
	metrics: [
		{
			id: 'ndcg',
			label: 'nDCG@10 on held-out sessions',
			short: 'nDCG@10',
			kind: 'mean',
			bounds: [0, 1],
			note: 'sklearn’s ndcg_score with linear gains (the held-out grade 1–3), cut at 10, averaged over test users with a held-out relevant item.'
		},
		{
			id: 'recall',
			label: 'Recall@10 on held-out sessions',
			short: 'Recall@10',
			kind: 'mean',
			bounds: [0, 1],
			note: 'The share of a user’s held-out relevant items in the top 10 (trec_eval’s recall), averaged over test users.'
		},
		{
			id: 'mrr',
			label: 'MRR@10 (reciprocal rank of the first relevant item)',
			short: 'MRR@10',
			kind: 'mean',
			bounds: [0, 1],
			note: 'trec_eval’s recip_rank cut at 10 (0 when no relevant item is in the top 10), averaged over test users.'
		},
		{
			id: 'candidates',
			label: 'Recall@K of the candidates (what the ranker can reach)',
			short: 'Recall@K',
			kind: 'mean',
			bounds: [0, 1],
			note: 'The share of a user’s held-out relevant items among the K candidates retrieved. The ranker only reorders them, so both arms share this number.'
		},
		{
			id: 'popularity',
			label: 'Popularity of the top 10 (mean log₁₀ of the items’ popularity share)',
			short: 'log₁₀ popularity',
			kind: 'mean',
			note: 'Mean over test users and the 10 items each is shown of log₁₀ pop_i, the item’s share of the world’s popularity (Zipf weights): higher means more popular recommendations; −1 is ten times more popular than −2.'
		}
	] satisfies SweepMetric[],
	defaultMetrics: ['ndcg', 'popularity']
};
