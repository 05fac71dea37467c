/** How the funnel lab's page names its choices and stages. */
import type { Negatives } from './worker/two-tower';
import type { FunnelStage, IndexChoice } from './types';

export const NEGATIVE_LABELS: Record<Negatives, string> = {
	uniform: 'uniform (sampled from the catalogue)',
	'in-batch': 'in-batch (other clicks of the batch)',
	'in-batch-corrected': 'in-batch with logQ correction'
};

export const INDEX_LABELS: Record<IndexChoice, string> = {
	exact: 'Exact (brute force)',
	ivf: 'IVF (k-means cells)',
	hnsw: 'HNSW (hnswlib)'
};

export const STAGE_LABELS: Record<FunnelStage, string> = {
	world: 'Generating the world',
	train: 'Training the two-tower retriever',
	index: 'Building the indexes',
	curve: 'Measuring recall and latency',
	ranker: 'Training the ranker',
	funnel: 'Retrieving and re-ranking for every K',
	'long-tail': 'Counting what is recommended'
};
