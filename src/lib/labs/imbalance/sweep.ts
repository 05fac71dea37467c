/**
 * The imbalance lab's sweeps: which settings can be swept, the metrics, presets, and turning a sweep definition
 * plus the lab's current settings into the worker's runs.
 */
import { decodeSweep, planSweep, sweepProblem, type SweepRun } from '$lib/sweep/plan';
import type { SweepArmMetrics, SweepRunRequest } from '$workers/imbalance.types';
import { imbalanceSchema, toConfig, type ImbalanceParams } from './params';

/** Settings a sweep can vary (the threshold re-scores without training, the seed is what replicates vary). */
export const SWEEPABLE: Array<{ key: keyof ImbalanceParams; label: string }> = [
	{ key: 'gamma', label: 'Focal γ' },
	{ key: 'ratio', label: 'Imbalance ratio (majority per minority)' },
	{ key: 'overlap', label: 'Class overlap' },
	{ key: 'n', label: 'Sample size' },
	{ key: 'loss', label: 'Model A’s loss' },
	{ key: 'compare', label: 'Model B’s loss' },
	{ key: 'resample', label: 'Model A’s re-sampling' },
	{ key: 'lr', label: 'Learning rate' },
	{ key: 'epochs', label: 'Epochs' },
	{ key: 'batch', label: 'Batch size' }
];

export type MetricId = keyof SweepArmMetrics;

export const METRICS: Array<{ id: MetricId; label: string; short: string }> = [
	{ id: 'ap', label: 'PR AUC (average precision)', short: 'PR AUC' },
	{ id: 'recall', label: 'Minority recall', short: 'Recall' },
	{ id: 'precision', label: 'Minority precision', short: 'Precision' },
	{ id: 'f1', label: 'F1 (minority)', short: 'F1' },
	{ id: 'rocAuc', label: 'ROC AUC', short: 'ROC AUC' },
	{ id: 'accuracy', label: 'Accuracy', short: 'Accuracy' }
];

const METRIC_IDS = METRICS.map((m) => m.id) as string[];

/** The `sweep` URL parameter's check: the definition against the lab's settings. */
export function checkSweep(text: string): string | null {
	const key = text.split(':')[0];
	if (!SWEEPABLE.some((s) => s.key === key)) return `“${key.slice(0, 20)}” is not a setting the sweep can vary (${SWEEPABLE.map((s) => s.key).join(', ')})`;
	return sweepProblem(imbalanceSchema, text);
}

/** The `metrics` URL parameter's check. */
export function checkMetrics(text: string): string | null {
	const ids = text.split(',');
	const bad = ids.find((id) => !METRIC_IDS.includes(id));
	return bad !== undefined ? `“${bad.slice(0, 20)}” is not a metric (${METRIC_IDS.join(', ')})` : null;
}

export function parseMetrics(text: string): MetricId[] {
	const ids = text.split(',').filter((id) => METRIC_IDS.includes(id)) as MetricId[];
	return ids.length ? [...new Set(ids)] : ['ap', 'recall'];
}

export const SWEEP_PRESETS: Array<{ id: string; label: string; settings: Partial<ImbalanceParams>; sweep: string; metrics: string }> = [
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
];

export interface PlannedSweep {
	text: string;
	key: keyof ImbalanceParams;
	values: Array<number | string>;
	runs: SweepRun[];
	requests: SweepRunRequest[];
	/** Training samples over all runs (both models, every epoch), for the time estimate. */
	samples: number;
	/** The settings the sweep ran with, but for the swept one (to tell when results have gone stale). */
	basis: string;
}

/** The lab's settings a sweep result depends on, without the swept one, as a comparable string. */
export function sweepBasis(p: ImbalanceParams, key: string): string {
	const { backend: _backend, sweep: _sweep, metrics: _metrics, ...rest } = p;
	return JSON.stringify({ ...rest, [key]: null });
}

export function planImbalanceSweep(p: ImbalanceParams): PlannedSweep {
	const def = decodeSweep(p.sweep);
	const problem = checkSweep(p.sweep);
	if (problem) throw new Error(`The sweep ${p.sweep}: ${problem}.`);
	const key = def.axis.key as keyof ImbalanceParams;
	const { values, runs } = planSweep(imbalanceSchema, def, p.seed);
	let samples = 0;
	const requests = runs.map((r, id) => {
		const params = { ...p, [key]: r.value, seed: r.seed } as ImbalanceParams;
		// Both models train on ~70% of the rows each epoch (re-sampling changes this a little).
		samples += 2 * 0.7 * params.n * params.epochs;
		return { id, config: toConfig(params), epochs: params.epochs };
	});
	return { text: p.sweep, key, values, runs, requests, samples, basis: sweepBasis(p, key) };
}
