/** Messages between the feature scaling lab and its worker (types only). */
import type { ScalerKind } from '$lib/features/scaling';

export type ModelKind = 'logistic' | 'mlp';
export type OptimizerKind = 'sgd' | 'momentum' | 'adam';
/** A training run: a scaler, and whether it was fitted on the training rows only (the right way) or on all rows. */
export interface RunSpec {
	id: string;
	scaler: ScalerKind;
	leaky: boolean;
}

export interface ScalingConfig {
	seed: number;
	n: number;
	skew: number;
	outliers: number;
	model: ModelKind;
	optimizer: OptimizerKind;
	lr: number;
	/** Also train a standard-scaled model whose scaler saw the test rows. */
	leak: boolean;
}

export interface ScalingSetup {
	runs: RunSpec[];
	/** A sample of raw training rows (for histograms), and the split sizes. */
	sample: number[][];
	trainSize: number;
	testSize: number;
	positiveRate: number;
	/** Scaler parameters per run (center and scale per feature). */
	params: Record<string, { center: number[]; scale: number[] }>;
	/** Test-set feature means after scaling, per run (how centred the test set looks). */
	testMeans: Record<string, number[]>;
}

export interface RunState {
	id: string;
	/** Full-batch training loss after each step (step 0 = before training). */
	loss: number[];
	/** Step at which the loss became non-finite or exploded, or null. */
	divergedAt: number | null;
	test: { loss: number; accuracy: number; auc: number } | null;
}

export interface ScalingProgress {
	step: number;
	runs: RunState[];
	stepsPerSecond: number;
}

export interface SurfaceRequest {
	seed: number;
	n: number;
	skew: number;
	outliers: number;
	/** Feature indices of the two weights. */
	a: number;
	b: number;
	scaler: ScalerKind;
	lr: number;
	steps: number;
}

export interface Surface {
	scaler: ScalerKind;
	/** Loss on an nx × ny grid of (w_a, w_b), row-major (ny rows of nx). */
	values: Float32Array;
	nx: number;
	ny: number;
	wa: [number, number];
	wb: [number, number];
	optimum: [number, number];
	/** Gradient-descent iterates from (0, 0). */
	path: Array<[number, number]>;
	divergedAt: number | null;
	/** Condition number of the Hessian at the optimum (ratio of its eigenvalues). */
	condition: number;
	/** Steps plain gradient descent needed to come within 1% of the optimal loss, or null. */
	stepsToOptimum: number | null;
	minLoss: number;
	maxLoss: number;
}

/** The sweep's reference fit for the MLP (the lowest loss it reaches): Adam at this learning rate for this many steps. */
export const SWEEP_REFERENCE = { optimizer: 'adam', lr: 0.01, steps: 1500 } as const;

/** One run of a sweep: the lab's setup with the swept setting and the replicate's seed, trained `steps` steps. */
export interface ScalingSweepRequest {
	id: number;
	config: ScalingConfig;
	steps: number;
	/** Steps to target count the steps until the loss is within this share of the best loss these data allow. */
	target: number;
}
