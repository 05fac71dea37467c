import { defineLab } from '../manifest';

/** The offline-online lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'offline-online',
	path: '/offline-online',
	title: 'Offline vs online metrics',
	stage: 'evaluation',
	summary: 'Models that win offline and lose online: calibration, position bias, proxy metrics and novelty.',
	lede: 'Candidate recommenders trained on logs look one way offline and another in an A/B test. Change the population and see which model wins where.',
	order: 4,
	ready: true,
	backend: 'chosen',
	sweep: { benchPreset: 'position', modelsPerRun: 4 },
	checks: { light: 'sessions=3000&perday=800&days=4', widest: 'scoreboard', numbers: ['scoreboard'] }
});
