/**
 * The imbalance lab's sweeps: which settings can be swept and the metrics (./sweep-axes.ts), presets, and a planned run
 * as the worker's request (the lab's own setup with the swept value and the replicate's seed).
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import type { SweepRunRequest } from '$lib/labs/imbalance/types';
import { LOSS_LABELS } from './labels';
import { modelNames } from './models';
import { imbalanceSchema, toConfig, type ImbalanceParams } from './params';
import { imbalanceAxes } from './sweep-axes';

export const imbalanceSweep: LabSweep<ImbalanceParams, SweepRunRequest> = {
	lab: 'imbalance',
	schema: () => imbalanceSchema,
	...imbalanceAxes,
	defaultSweep: 'gamma:0,0.5,1,2,5/10',
	presets: [
		{
			id: 'focal-gamma',
			label: 'Focal γ at 1:100 (PR AUC and recall, 10 seeds)',
			settings: { ratio: 100, loss: 'focal', compare: 'bce', alpha: 0.75, resample: 'none', cresample: 'none' },
			sweep: 'gamma:0,0.5,1,2,5/10',
			metrics: 'ap,recall'
		},
		{
			id: 'ratio',
			label: 'Weighted BCE vs BCE over the imbalance ratio (recall, 5 seeds)',
			settings: { loss: 'weighted', compare: 'bce', resample: 'none', cresample: 'none' },
			sweep: 'ratio:1..1000:7:log/5',
			metrics: 'recall,ap'
		}
	],
	// A model whose loss or re-sampling is swept is named by its letter only (its name changes along the sweep).
	arms: (p, swept) =>
		modelNames(p).map((m, i) => {
			const varies = (i === 0 ? ['loss', 'resample'] : ['compare', 'cresample']).some((k) => swept.includes(k));
			return { label: varies ? `${m.tag} (loss or re-sampling as swept)` : m.full, tag: m.tag };
		}),
	request: (p, id) => ({ id, config: toConfig(p), epochs: p.epochs, threshold: p.threshold }),
	// Both models train on ~70% of the rows each epoch (re-sampling changes this a little).
	// Sweep work per unit of `cost` against the lab's own run (measured, `npm run bench -- --only=estimates`: many models in one fused kernel, no per-epoch evaluation or drawing).
	sweepSpeedup: 3.6,
	cost: (p) => 2 * 0.7 * p.n * p.epochs,
	viewOnly: ['backend'],
	valueLabel: (_key, v) => (typeof v === 'string' && v in LOSS_LABELS ? LOSS_LABELS[v as keyof typeof LOSS_LABELS] : String(v)),
	// γ only enters focal loss: sweeping it with no focal model changes nothing.
	unused: (p, key) =>
		key === 'gamma' && p.loss !== 'focal' && p.compare !== 'focal'
			? 'Focal γ only changes focal loss, and neither model uses it: choose focal loss for model A (or the preset) to see its effect.'
			: null,
	pairedLabel: 'A − B'
};
