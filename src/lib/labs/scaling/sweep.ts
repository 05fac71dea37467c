/** The scaling lab's sweeps: settings, metrics per scaling, presets, and a planned run as the worker's request. */
import { checkMetricsFor, checkSweepFor, type LabSweep } from '$lib/sweep/lab-sweep';
import { SWEEP_REFERENCE, type ScalingSweepRequest } from '$lib/labs/scaling/types';
import { RUN_LABELS } from './labels';
import { scalingSchema, toConfig, type ScalingParams } from './params';

export const scalingSweep: LabSweep<ScalingParams, ScalingSweepRequest> = {
	lab: 'scaling',
	schema: () => scalingSchema,
	sweepable: [
		{ key: 'lr', label: 'Learning rate' },
		{ key: 'optimizer', label: 'Optimizer' },
		{ key: 'model', label: 'Model' },
		{ key: 'skew', label: 'Skew of the money features' },
		{ key: 'outliers', label: 'Share of outliers' },
		{ key: 'n', label: 'Sample size' },
		{ key: 'steps', label: 'Step budget' },
		{ key: 'target', label: 'Target (within this share of the best loss)' }
	],
	metrics: [
		{
			id: 'steps',
			label: 'Steps to target',
			short: 'Steps',
			kind: 'time',
			unit: 'step',
			note: 'The target: training loss within the lab’s target share of the lowest loss this model can reach on the scaled features — one optimum for every affine scaling (the same model re-parametrised; raw features included), another for log1p, which changes the features (here it fits better). Logistic model: the exact optimum (Newton’s method); MLP: the lowest loss of a long reference fit (Adam, lr 0.01, 1,500 steps). A run that never gets there within the step budget, or diverges, counts as beyond the budget (drawn on the top line). The table above the charts measures against the best loss on screen instead.'
		},
		{ id: 'reached', label: 'Share of seeds reaching the target', short: 'Reached', kind: 'proportion', bounds: [0, 1], note: 'Within the step budget.' },
		{
			id: 'diverged',
			label: 'Share of seeds that diverged',
			short: 'Diverged',
			kind: 'proportion',
			bounds: [0, 1],
			better: 'lower',
			note: 'The loss became non-finite or rose tenfold.'
		},
		{ id: 'accuracy', label: 'Test accuracy', short: 'Accuracy', kind: 'mean', bounds: [0, 1], note: 'Runs that diverged have none and are left out.' }
	],
	defaultMetrics: ['steps', 'reached'],
	defaultSweep: 'lr:0.001..3:7:log/10',
	presets: [
		{
			id: 'lr',
			label: 'Steps to target vs learning rate, per scaling (plain gradient descent, 10 seeds)',
			settings: { optimizer: 'sgd', model: 'logistic', n: 1000, steps: 300, leak: false },
			sweep: 'lr:0.001..3:7:log/10',
			metrics: 'steps,reached'
		},
		{
			id: 'optimizer',
			label: 'Optimizers at lr 0.05 (10 seeds)',
			settings: { lr: 0.05, model: 'logistic', n: 1000, steps: 300, leak: false },
			sweep: 'optimizer:sgd,momentum,adam/10',
			metrics: 'steps,reached'
		}
	],
	arms: (p) => [...['none', 'minmax', 'standard', 'robust', 'log'], ...(p.leak ? ['standard-leaky'] : [])].map((id) => ({ label: RUN_LABELS[id], tag: id })),
	request: (p, id) => ({ id, config: toConfig(p), steps: p.steps, target: p.target }),
	// Full-batch steps over the 70% training split, every scaling; the reference fit is shared by runs on the same data.
	cost: (p) => 0.7 * p.n * p.steps * (5 + (p.leak ? 1 : 0)),
	// The optimum, shared by the runs on the same data: a long reference fit for the MLP, negligible (Newton) for the logistic model.
	shared: {
		key: (p) => JSON.stringify([p.seed, p.n, p.skew, p.outliers, p.model]),
		cost: (p) => (p.model === 'mlp' ? 0.7 * p.n * SWEEP_REFERENCE.steps * 5 : 0.7 * p.n * 20)
	},
	viewOnly: ['backend', 'fa', 'fb', 'surf', 'hist']
};

export const checkSweep = (text: string): string | null => checkSweepFor(scalingSweep, text);
export const checkMetrics = (text: string): string | null => checkMetricsFor(scalingSweep, text);
