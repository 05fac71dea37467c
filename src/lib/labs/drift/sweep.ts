/**
 * The drift lab's sweeps: a detector evaluation. Every run is the lab's setup for one seed; DDM and Page–Hinkley
 * watch the deployed model's errors on a stationary stream (false alarms) and on the lab's drifting stream (delay).
 */
import { checkMetricsFor, checkSweepFor, type LabSweep } from '$lib/sweep/lab-sweep';
import type { DriftSweepRequest } from '$lib/labs/drift/types';
import { driftSchema, toConfig, type DriftParams } from './params';

// A moderate sudden concept drift (the boundary turns by 31°): strong drift is caught within a batch at any threshold.
const CONCEPT = { cov: 0, prior: 0, concept: 0.35, schedule: 'sudden', delay: 1, onset: 25, batches: 60 } as const;

export const driftSweep: LabSweep<DriftParams, DriftSweepRequest> = {
	lab: 'drift',
	schema: () => driftSchema,
	sweepable: [
		{ key: 'ddmk', label: 'DDM threshold k (alarm at p_min + k·s_min)' },
		{ key: 'phl', label: 'Page–Hinkley threshold λ (in σ of the error stream)' },
		{ key: 'delay', label: 'Label delay (batches)' },
		{ key: 'size', label: 'Batch size' },
		{ key: 'concept', label: 'Concept drift strength' },
		{ key: 'cov', label: 'Covariate drift strength' },
		{ key: 'noise', label: 'Label noise' },
		{ key: 'ref', label: 'Reference window (batches)' }
	],
	metrics: [
		{
			id: 'falseAlarm',
			label: 'False-alarm rate (stationary streams)',
			short: 'False alarms',
			kind: 'proportion',
			bounds: [0, 1],
			better: 'lower',
			note: 'The share of stationary streams (same length, no drift) with at least one alarm.'
		},
		{
			id: 'delay',
			label: 'Detection delay after the onset',
			short: 'Delay (batches)',
			kind: 'time',
			unit: 'batch',
			note: 'Batches from the onset to the first alarm raised on labels of a drifted batch (so at least the label delay). A stream with no such alarm before it ends counts as beyond the budget (drawn at the top).'
		},
		{
			id: 'detected',
			label: 'Share of drifts detected',
			short: 'Detected',
			kind: 'proportion',
			bounds: [0, 1],
			note: 'An alarm after the onset, before the stream ends.'
		}
	],
	defaultMetrics: ['falseAlarm', 'delay'],
	defaultSweep: 'ddmk:2.5..7:6:lin/20',
	presets: [
		{
			id: 'ddm',
			label: 'DDM: false alarms and delay vs its threshold k (moderate sudden concept drift, 20 seeds)',
			settings: CONCEPT,
			sweep: 'ddmk:2.5..7:6:lin/20',
			metrics: 'falseAlarm,delay'
		},
		{
			id: 'page-hinkley',
			label: 'Page–Hinkley: false alarms and delay vs λ (moderate sudden concept drift, 20 seeds)',
			settings: CONCEPT,
			sweep: 'phl:20..320:5:log/20',
			metrics: 'falseAlarm,delay'
		}
	],
	// An arm's threshold is named unless it is the one swept.
	arms: (p, swept) => [
		{ label: swept.includes('ddmk') ? 'DDM' : `DDM (k = ${p.ddmk})`, tag: 'ddm' },
		{ label: swept.includes('phl') ? 'Page–Hinkley' : `Page–Hinkley (λ = ${p.phl}σ)`, tag: 'page-hinkley' }
	],
	request: (p, id) => ({ id, config: toConfig(p) }),
	// Feeding the detectors costs little; the model and its two error streams (about one lab run) are shared per seed.
	cost: () => 0.02,
	shared: { key: (p) => JSON.stringify([p.seed, p.cov, p.prior, p.concept, p.schedule, p.onset, p.span, p.noise, p.batches, p.size, p.ref]), cost: () => 1 },
	viewOnly: ['backend', 'detector', 'every', 'window']
};

export const checkSweep = (text: string): string | null => checkSweepFor(driftSweep, text);
export const checkMetrics = (text: string): string | null => checkMetricsFor(driftSweep, text);
