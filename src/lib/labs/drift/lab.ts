import { defineLab } from '../manifest';

/** The drift lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'drift',
	path: '/drift',
	title: 'Data drift',
	stage: 'monitoring',
	summary: 'Covariate, prior and concept drift, the statistics and detectors that catch them, and when to retrain.',
	lede: "A model trained on yesterday's data meets a stream that changes. Which changes hurt it, which statistics notice, and when is retraining worth its cost?",
	order: 7,
	ready: true,
	backend: 'chosen',
	sweep: { benchPreset: 'ddm', modelsPerRun: 0 },
	checks: { light: 'batches=20&onset=10', widest: 'policy-table', numbers: ['policy-table', 'drift-headline'] }
});
