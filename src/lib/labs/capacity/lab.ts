import { defineLab } from '../manifest';

/** The capacity lab's manifest (see ../manifest.ts). Not ready: its numeric core exists, its page does not yet. */
export const lab = defineLab({
	id: 'capacity',
	path: '/capacity',
	title: 'Model capacity',
	stage: 'model',
	summary: 'Under- and over-fitting, bias and variance, and test error that falls again past the interpolation threshold.',
	lede: 'Fit a noisy curve with more and more features. Watch test error fall, rise to a peak where the features match the points, and fall again — and remove the peak three ways.',
	order: 2.7,
	ready: false,
	backend: 'none',
	checks: { light: 'n=20', widest: 'capacity-table', numbers: ['capacity-table'] }
});
