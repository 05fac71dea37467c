/** The labs, in the order of the ML system design lifecycle. `ready: false` labs show as "coming" on the home page. */
export type Stage = 'data' | 'model' | 'evaluation' | 'deployment' | 'monitoring';

export const STAGES: Array<{ id: Stage; title: string; blurb: string }> = [
	{ id: 'data', title: 'Data', blurb: 'What the model learns from' },
	{ id: 'model', title: 'Model', blurb: 'How it learns' },
	{ id: 'evaluation', title: 'Evaluation', blurb: 'Whether a difference is real' },
	{ id: 'deployment', title: 'Deployment', blurb: 'What it costs to serve' },
	{ id: 'monitoring', title: 'Monitoring', blurb: 'What happens after launch' }
];

export interface LabInfo {
	id: string;
	path: string;
	title: string;
	stage: Stage;
	summary: string;
	ready: boolean;
}

export const LABS: LabInfo[] = [
	{
		id: 'imbalance',
		path: '/imbalance',
		title: 'Class imbalance',
		stage: 'data',
		summary: 'Why 99% accuracy can mean a useless model, and how weighted, class-balanced and focal losses or re-sampling fix it.',
		ready: true
	},
	{
		id: 'scaling',
		path: '/scaling',
		title: 'Feature scaling',
		stage: 'model',
		summary: 'How min-max, standard, robust and log scaling reshape the loss surface and speed up gradient descent.',
		ready: true
	},
	{
		id: 'abtest',
		path: '/abtest',
		title: 'A/B test significance',
		stage: 'evaluation',
		summary: 'p-values, intervals and power, why peeking inflates false positives, and how sequential tests fix it.',
		ready: true
	},
	{
		id: 'offline-online',
		path: '/offline-online',
		title: 'Offline vs online metrics',
		stage: 'evaluation',
		summary: 'Models that win offline and lose online: calibration, position bias, proxy metrics and novelty.',
		ready: true
	},
	{
		id: 'compression',
		path: '/compression',
		title: 'Compression',
		stage: 'deployment',
		summary: 'Quantization and pruning traded against accuracy, model size and latency measured in your browser.',
		ready: true
	},
	{
		id: 'drift',
		path: '/drift',
		title: 'Data drift',
		stage: 'monitoring',
		summary: 'Covariate, prior and concept drift, the statistics and detectors that catch them, and when to retrain.',
		ready: true
	}
];

export function labById(id: string): LabInfo {
	const lab = LABS.find((l) => l.id === id);
	if (!lab) throw new Error(`Unknown lab '${id}'.`);
	return lab;
}
