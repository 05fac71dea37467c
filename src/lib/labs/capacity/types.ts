/** Messages between the capacity lab's page and its worker (types only). */
import type { ModelOptions } from './model';
import type { Curve } from './curve';

export interface CapacityConfig {
	model: ModelOptions;
	/** Training points of the model-wise curve. */
	n: number;
	/** Capacities p of the model-wise curve, increasing. */
	capacities: number[];
	/** Seed replicates of both curves: replicate r runs with mixSeed(seed, r) (as a sweep's replicates do). */
	seeds: number;
	seed: number;
	/** The capacity inspected in detail (fitted curves, decomposition at one p). */
	p: number;
	/** Training sets of the decomposition at p. */
	trainingSets: number;
	/** Training sets per capacity of the decomposition along the whole curve (0: skip it). */
	gridSets: number;
	/** Fitted curves kept for drawing. */
	fits: number;
	/** The sample-wise curve: capacity fixed at sampleP, training-set sizes sampleSizes (empty: skip it). */
	sampleP: number;
	sampleSizes: number[];
}

/** In run order: one capacity first (a table in a tenth of a second), then the curve seed by seed, then the rest. */
export const CAPACITY_STAGES = ['inspect', 'curve', 'decomposition', 'sample'] as const;
export type CapacityStage = (typeof CAPACITY_STAGES)[number];

/** One capacity's decomposition (bias-variance.ts), without the per-point arrays. */
export interface Decomposition {
	p: number;
	bias2: number;
	variance: number;
	noise: number;
	expectedMse: number;
	testMse: number;
	testMseSe: number;
	trainMse: number;
}

export interface Inspection extends Decomposition {
	trainingSets: number;
	/** Along the 1-D slice: the target f, the mean fit over every training set and the first `fits` fits. */
	slice: { t: number[]; f: number[]; mean: number[]; fits: number[][] };
}

export interface CapacityPartial {
	/** The model-wise curve of each replicate finished so far (replicate order). */
	curves: Curve[];
	inspect: Inspection | null;
	decomposition: Decomposition[];
	samples: Curve[];
}

export interface CapacityProgress {
	stage: CapacityStage;
	stageIndex: number;
	done: number;
	total: number;
	partial: CapacityPartial;
}

export interface CapacityResult extends CapacityPartial {
	config: CapacityConfig;
	timings: Array<{ stage: CapacityStage; ms: number }>;
	totalMs: number;
}

/** A sweep run: the lab's model-wise curve for one seed. */
export interface CapacitySweepRequest {
	id: number;
	config: CapacityConfig;
}
