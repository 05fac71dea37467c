/**
 * The drift lab's sweeps: a detector evaluation. Every run is the lab's setup for one seed; DDM and Page–Hinkley
 * watch the deployed model's errors on a stationary stream (false alarms) and on the lab's drifting stream (delay).
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import type { DriftSweepRequest } from '$lib/labs/drift/types';
import { driftSchema, toConfig, type DriftParams } from './params';
import { driftAxes } from './sweep-axes';

// A moderate sudden concept drift (the boundary turns by 31°): strong drift is caught within a batch at any threshold.
const CONCEPT = { cov: 0, prior: 0, concept: 0.35, schedule: 'sudden', delay: 1, onset: 25, batches: 60 } as const;

export const driftSweep: LabSweep<DriftParams, DriftSweepRequest> = {
	lab: 'drift',
	schema: () => driftSchema,
	...driftAxes,
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
	// Sweep work per stream against the lab's own stream (measured, `npm run bench -- --only=estimates`: the model and
	// its error streams are shared per seed, and a run only feeds the detectors). 3 until the lab's own run got faster
	// (its statistics sort the reference once): then "under a second" for a sweep of 1.4 s; 1.5 gives 0.74–1.48.
	sweepSpeedup: 1.5,
	cost: () => 0.02,
	shared: { key: (p) => JSON.stringify([p.seed, p.cov, p.prior, p.concept, p.schedule, p.onset, p.span, p.noise, p.batches, p.size, p.ref]), cost: () => 1 },
	viewOnly: ['backend', 'detector', 'every', 'window']
};
