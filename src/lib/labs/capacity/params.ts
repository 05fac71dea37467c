/**
 * Every setting of the capacity lab, as URL parameters (defaults and bounds), and how they make a worker request.
 * The defaults are DEFAULT_CAPACITY's (defaults.ts: why those values); the grid of capacities follows n.
 */
import { param, type Values } from '$lib/url/schema';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { DEFAULT_CAPACITY as D } from './defaults';
import { capacityGrid } from './curve';
import { capacityAxes } from './sweep-axes';
import type { CapacityConfig, CapacitySweepRequest } from './types';

const sweepAxes: SweepAxes = { ...capacityAxes, schema: () => capacitySchema };

export type TargetChoice = 'teacher' | 'aligned';
export const TARGETS: readonly TargetChoice[] = ['teacher', 'aligned'];

export const capacitySchema = {
	/** Training points n (the interpolation threshold of the model-wise curve is p = n). */
	n: param.int(D.n, 10, 200),
	/** Label noise σ. */
	noise: param.number(D.sigma, 0, 2),
	/** Ridge penalty λ (0: minimum-norm least squares). */
	ridge: param.number(D.lambda, 0, 1),
	target: param.enum<TargetChoice>('teacher', TARGETS),
	/** The capacity inspected in detail. */
	p: param.int(D.n + 2, 1, 800),
	seeds: param.int(20, 2, 50),
	/** Training sets of the decomposition at p. */
	sets: param.int(D.trainingSets, 10, 500),
	/** Training sets per capacity of the decomposition along the curve. */
	gsets: param.int(30, 10, 200),
	seed: param.int(1, 0, 4294967295),
	/** Plain JavaScript, no TF.js backend; the sweep machinery reads this (the lab shows no picker). */
	backend: param.enum('auto', BACKEND_CHOICES),
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type CapacityParams = Values<typeof capacitySchema>;

/** Fitted curves drawn at the inspected capacity. */
export const FITS = 8;

export function toConfig(p: CapacityParams): CapacityConfig {
	const capacities = capacityGrid(p.n);
	// The sample-wise curve: capacity fixed at the chosen n, sizes on the same grid from n/4 (defaults.ts).
	const sampleSizes = capacities.filter((x) => x >= p.n / 4);
	return {
		model: {
			basis: D.basis,
			inputs: D.inputs,
			dim: D.dim,
			lengthScale: D.lengthScale,
			target: p.target,
			teacherDecay: D.teacherDecay,
			alignedK: D.alignedK,
			sigma: p.noise,
			lambda: p.ridge,
			testSize: D.testSize,
			sliceSize: D.sliceSize,
			maxP: Math.max(capacities[capacities.length - 1], p.p)
		},
		n: p.n,
		capacities,
		seeds: p.seeds,
		seed: p.seed,
		p: p.p,
		trainingSets: p.sets,
		gridSets: p.gsets,
		fits: FITS,
		sampleP: p.n,
		sampleSizes
	};
}

/** A sweep run's request: the model-wise curve of one seed (no decomposition, no sample-wise curve). */
export function sweepRequest(p: CapacityParams, id: number): CapacitySweepRequest {
	return { id, config: { ...toConfig(p), seeds: 1 } };
}
