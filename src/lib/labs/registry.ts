/** The labs, in the order of the ML system design lifecycle. `ready: false` labs show as "coming" on the home page. */
export type Stage = 'data' | 'model' | 'evaluation' | 'deployment' | 'monitoring';

export const STAGES: Array<{ id: Stage; title: string; blurb: string }> = [
	{ id: 'data', title: 'Data', blurb: 'What the model learns from' },
	{ id: 'model', title: 'Model', blurb: 'How it learns' },
	{ id: 'evaluation', title: 'Evaluation', blurb: 'Whether a difference is real' },
	{ id: 'deployment', title: 'Deployment', blurb: 'What it costs to serve, and how it reaches users' },
	{ id: 'monitoring', title: 'Monitoring', blurb: 'What happens after launch' }
];

export interface LabInfo {
	id: string;
	path: string;
	title: string;
	stage: Stage;
	/** One line on the home page. */
	summary: string;
	/** The lab's own page says this under its title. */
	lede: string;
	ready: boolean;
}

export const LABS: LabInfo[] = [
	{
		id: 'imbalance',
		path: '/imbalance',
		title: 'Class imbalance',
		stage: 'data',
		summary: 'Why 99% accuracy can mean a useless model, and how weighted, class-balanced and focal losses or re-sampling fix it.',
		lede: 'Two models train live on the same imbalanced data. Accuracy looks fine; watch what happens to the minority class.',
		ready: true
	},
	{
		id: 'scaling',
		path: '/scaling',
		title: 'Feature scaling',
		stage: 'model',
		summary: 'How min-max, standard, robust and log scaling reshape the loss surface and speed up gradient descent.',
		lede: 'The same model, optimizer and learning rate on five scalings of the same data: which converge, how fast, and why.',
		ready: true
	},
	{
		id: 'abtest',
		path: '/abtest',
		title: 'A/B test significance',
		stage: 'evaluation',
		summary: 'p-values, intervals and power, why peeking inflates false positives, and how sequential tests fix it.',
		lede: 'Run a simulated experiment and learn when a difference is real — and why peeking at p-values finds winners that are not there.',
		ready: true
	},
	{
		id: 'offline-online',
		path: '/offline-online',
		title: 'Offline vs online metrics',
		stage: 'evaluation',
		summary: 'Models that win offline and lose online: calibration, position bias, proxy metrics and novelty.',
		lede: 'Candidate recommenders trained on logs look one way offline and another in an A/B test. Change the population and see which model wins where.',
		ready: true
	},
	{
		id: 'compression',
		path: '/compression',
		title: 'Compression',
		stage: 'deployment',
		summary: 'Quantization and pruning traded against accuracy, model size and latency measured in your browser.',
		lede: 'Quantize and prune a model trained in your browser, then see what each variant costs in accuracy and what it really saves in bytes and milliseconds.',
		ready: true
	},
	{
		id: 'rollout',
		path: '/rollout',
		title: 'Rolling out a model',
		stage: 'deployment',
		summary: 'Big-bang, shadow, canary, A/B test or bandit: what each risks, how fast it decides, and how often it ships the wrong model.',
		lede: 'A candidate model reaches users six ways on the same simulated traffic. Make it better, worse, slower or crashing, and see which strategy catches it and at what cost.',
		ready: true
	},
	{
		id: 'drift',
		path: '/drift',
		title: 'Data drift',
		stage: 'monitoring',
		summary: 'Covariate, prior and concept drift, the statistics and detectors that catch them, and when to retrain.',
		lede: "A model trained on yesterday's data meets a stream that changes. Which changes hurt it, which statistics notice, and when is retraining worth its cost?",
		ready: true
	}
];

export const SITE = 'ML Design Lab';

/** The browser tab's title of a lab's page. */
export function labTitle(lab: LabInfo): string {
	return `${lab.title} · ${SITE}`;
}

export function labById(id: string): LabInfo {
	const lab = LABS.find((l) => l.id === id);
	if (!lab) throw new Error(`Unknown lab '${id}'.`);
	return lab;
}
