/**
 * The data drift lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const driftAxes = {
	sweepable: [
		{ key: 'ddmk', label: 'DDM threshold k (alarm at p_min + k·s_min)' },
		{ key: 'phl', label: 'Page–Hinkley threshold λ (in σ of the error stream)' },
		{ key: 'delay', label: 'Label delay (batches)' },
		{ key: 'size', label: 'Batch size' },
		{ key: 'concept', label: 'Concept drift strength' },
		{ key: 'cov', label: 'Covariate drift strength' },
		{ key: 'noise', label: 'Label noise' },
		{ key: 'ref', label: 'Reference window (batches)' }
	] as const,
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
	] satisfies SweepMetric[],
	defaultMetrics: ['falseAlarm', 'delay']
};
