/**
 * The capacity lab's sweeps: one model-wise curve per run (the lab's settings with the swept value and the
 * replicate's seed), one arm, the metrics of ./sweep-axes.ts.
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import { capacityGrid } from './curve';
import { capacitySchema, sweepRequest, type CapacityParams } from './params';
import { capacityAxes } from './sweep-axes';
import type { CapacitySweepRequest } from './types';

/**
 * One curve's work, in the unit of the lab's measured speed (./CapacityLab.svelte divides the curve stage's time by
 * it): the SVD of each n × p design costs about n·p·min(n, p), plus the test-set predictions (m·p each).
 */
export function curveWork(p: Pick<CapacityParams, 'n'>): number {
	return capacityGrid(p.n).reduce((s, q) => s + p.n * q * Math.min(p.n, q) + 400 * q, 0);
}

export const capacitySweep: LabSweep<CapacityParams, CapacitySweepRequest> = {
	lab: 'capacity',
	schema: () => capacitySchema,
	...capacityAxes,
	defaultSweep: 'noise:0,0.1,0.3,1/10',
	presets: [
		{ id: 'noise', label: 'Label noise makes the peak (10 seeds per σ)', settings: { ridge: 0 }, sweep: 'noise:0,0.1,0.3,1/10', metrics: 'peak,threshold' },
		{ id: 'ridge', label: 'Ridge removes it (10 seeds per λ)', settings: { noise: 0.3 }, sweep: 'ridge:0,0.001,0.01,0.05,0.2/10', metrics: 'peak,best' },
		{ id: 'n', label: 'The peak moves with n (10 seeds per n)', settings: {}, sweep: 'n:20,40,80/10', metrics: 'peak,threshold' }
	],
	arms: () => [{ label: 'Least squares (minimum norm past p = n)', tag: 'ls' }],
	request: (p, id) => sweepRequest(p, id),
	cost: (p) => curveWork(p),
	// The inspected capacity, the decomposition and the number of seeds of the lab's own view change nothing a sweep run computes.
	viewOnly: ['backend', 'p', 'seeds', 'sets', 'gsets'],
	valueLabel: (key, v) => (key === 'target' ? (v === 'aligned' ? 'aligned (5 features)' : 'teacher') : String(v))
};
