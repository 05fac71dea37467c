import { defineLab } from '../manifest';

/** The rollout lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'rollout',
	path: '/rollout',
	title: 'Rolling out a model',
	stage: 'deployment',
	summary: 'Big-bang, shadow, canary, A/B test or bandit: what each risks, how fast it decides, and how often it ships the wrong model.',
	lede: 'A candidate model reaches users six ways on the same simulated traffic. Make it better, worse, slower or crashing, and see which strategy catches it and at what cost.',
	order: 6,
	ready: true,
	backend: 'none',
	checks: { light: 'runs=200', widest: 'many-table', numbers: ['many-table'] }
});
