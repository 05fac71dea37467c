import { defineLab } from '../manifest';

/** The retrieval → ranking funnel's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'funnel',
	path: '/funnel',
	title: 'The retrieval → ranking funnel',
	stage: 'model',
	summary: 'Candidate generation narrows a large catalogue to hundreds of items, a ranker orders them: recall, latency and what each stage drops.',
	lede: 'A two-tower retriever, an approximate nearest-neighbour index and a ranking model on a seeded catalogue: see recall against query latency, and nDCG against how many candidates are ranked.',
	order: 2.5,
	ready: true,
	backend: 'none',
	// A run trains two models: the two-tower retriever and the ranker.
	sweep: { benchPreset: 'negatives', modelsPerRun: 2 },
	checks: { light: 'items=5000&users=600&sessions=10&test=200&queries=50', widest: 'funnel-table', numbers: ['world-summary', 'k-sentence'] }
});
