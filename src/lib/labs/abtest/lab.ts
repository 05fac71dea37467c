import { defineLab } from '../manifest';

/** The abtest lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'abtest',
	path: '/abtest',
	title: 'A/B test significance',
	stage: 'evaluation',
	summary: 'p-values, intervals and power, why peeking inflates false positives, and how sequential tests fix it.',
	lede: 'Run a simulated experiment and learn when a difference is real — and why peeking at p-values finds winners that are not there.',
	order: 3,
	ready: true,
	backend: 'none',
	checks: { light: 'days=7&sims=1000', widest: 'verdicts', numbers: ['verdicts', 'exp-status'] }
});
