import { defineLab } from '../manifest';

/** The capacity lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'capacity',
	path: '/capacity',
	title: 'Model capacity',
	stage: 'model',
	summary: 'Under- and over-fitting, bias and variance, and test error that falls again past the interpolation threshold.',
	lede: 'Fit noisy points with more and more features. Watch the test error fall, rise to a peak where the features match the points, and fall again — then remove the peak three ways.',
	order: 2.7,
	ready: true,
	backend: 'none',
	sweep: { benchPreset: 'noise', modelsPerRun: 1 },
	checks: { light: 'seeds=4&sets=20&gsets=10', widest: 'capacity-table', numbers: ['capacity-table', 'chart-capacity-sentence'] }
});
