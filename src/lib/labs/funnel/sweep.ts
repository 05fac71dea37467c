/**
 * The funnel lab's sweeps: one funnel per run (the lab's settings with the swept value and the replicate's seed — its
 * own world, retriever, index and ranker), at a single K, without the recall–latency curve. Two arms: the candidates
 * in retrieval order, and re-ranked.
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import type { FunnelSweepRequest } from '$lib/labs/funnel/types';
import { funnelSchema, sweepRequest, type FunnelParams } from './params';
import { funnelAxes } from './sweep-axes';
import { NEGATIVE_LABELS } from './labels';

/** A run's work, in the unit of the lab's measured speed (./FunnelLab.svelte divides it by the light part of its own run). */
export function funnelWork(p: FunnelParams): number {
	const train = p.users * p.sessions * p.epochs * p.dim;
	const index = p.items * p.dim * (p.index === 'hnsw' ? p.efc / 4 : p.index === 'ivf' ? 4 : 0);
	const serve = Math.min(p.test, p.users) * Math.min(p.k, p.items) * 40;
	return train + index + serve;
}

export const funnelSweep: LabSweep<FunnelParams, FunnelSweepRequest> = {
	lab: 'funnel',
	schema: () => funnelSchema,
	...funnelAxes,
	defaultSweep: 'negatives:uniform,in-batch,in-batch-corrected/5',
	presets: [
		{
			id: 'negatives',
			label: 'The three kinds of negatives: quality and popularity of what is recommended (5 seeds)',
			settings: {},
			sweep: 'negatives:uniform,in-batch,in-batch-corrected/5',
			metrics: 'ndcg,popularity'
		},
		{
			id: 'k',
			label: 'How many candidates to rank: nDCG@10 and recall@K against K (5 seeds)',
			settings: {},
			sweep: 'k:10,20,50,100,200/5',
			metrics: 'ndcg,candidates'
		},
		{
			id: 'ef',
			label: 'HNSW efSearch: what the index loses (5 seeds)',
			settings: { index: 'hnsw' },
			sweep: 'ef:10,20,50,100/5',
			metrics: 'candidates,ndcg'
		}
	],
	arms: () => [
		{ label: 'Retrieval order (top 10 of the candidates)', tag: 'retrieval' },
		{ label: 'Re-ranked by the ranker', tag: 'ranked' }
	],
	request: (p, id) => sweepRequest(p, id),
	cost: (p) => funnelWork(p),
	// The curve's settings change nothing a sweep run computes (it has no curve).
	viewOnly: ['backend', 'ck', 'queries'],
	valueLabel: (key, v) => (key === 'negatives' ? (NEGATIVE_LABELS[v as keyof typeof NEGATIVE_LABELS] ?? String(v)) : String(v))
};
