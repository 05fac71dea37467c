import { defineLab } from '../manifest';

/** The imbalance lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'imbalance',
	path: '/imbalance',
	title: 'Class imbalance',
	stage: 'data',
	summary: 'Why 99% accuracy can mean a useless model, and how weighted, class-balanced and focal losses or re-sampling fix it.',
	lede: 'Two models train live on the same imbalanced data. Accuracy looks fine; watch what happens to the minority class.',
	order: 1,
	ready: true,
	backend: 'chosen',
	sweep: { benchPreset: 'focal-gamma', modelsPerRun: 2, benchOneWorker: true },
	checks: { light: 'n=600&epochs=2', widest: 'comparison', numbers: ['comparison'] }
});
