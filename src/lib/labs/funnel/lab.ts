import { defineLab } from '../manifest';

/**
 * The retrieval → ranking funnel's manifest (see ../manifest.ts). Not ready yet (issue 29): its numeric parts are in
 * this folder (metrics, the world, the retriever, the search indexes), its page and worker API are to come.
 */
export const lab = defineLab({
	id: 'funnel',
	path: '/funnel',
	title: 'The retrieval → ranking funnel',
	stage: 'model',
	summary: 'Candidate generation narrows a large catalogue to hundreds of items, a ranker orders them: recall, latency and what each stage drops.',
	lede: 'A two-tower retriever, an approximate nearest-neighbour index and a ranking model on a seeded catalogue: see recall against query latency, and nDCG against how many candidates are ranked.',
	order: 2.5,
	ready: false,
	backend: 'none',
	checks: { light: 'items=10000', widest: 'funnel-table', numbers: ['funnel-table'] }
});
