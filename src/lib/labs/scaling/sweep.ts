/**
 * The scaling lab's sweeps: settings and metrics per scaling (./sweep-axes.ts), presets, and a planned run as the
 * worker's request.
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import { SWEEP_REFERENCE, type ScalingSweepRequest } from '$lib/labs/scaling/types';
import { RUN_LABELS } from './labels';
import { scalingSchema, toConfig, type ScalingParams } from './params';
import { scalingAxes } from './sweep-axes';

export const scalingSweep: LabSweep<ScalingParams, ScalingSweepRequest> = {
	lab: 'scaling',
	schema: () => scalingSchema,
	...scalingAxes,
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
	// Sweep work per unit of `cost` against the lab's own run (measured, `npm run bench -- --only=estimates`: each run also sets up its data and scalers and evaluates every scaling on the test split; two runs of the bench read 0.54 and 1.3).
	sweepSpeedup: 0.85,
	cost: (p) => 0.7 * p.n * p.steps * (5 + (p.leak ? 1 : 0)),
	// The optimum, shared by the runs on the same data: a long reference fit for the MLP, negligible (Newton) for the logistic model.
	shared: {
		key: (p) => JSON.stringify([p.seed, p.n, p.skew, p.outliers, p.model]),
		cost: (p) => (p.model === 'mlp' ? 0.7 * p.n * SWEEP_REFERENCE.steps * 5 : 0.7 * p.n * 20)
	},
	viewOnly: ['backend', 'fa', 'fb', 'surf', 'hist']
};
