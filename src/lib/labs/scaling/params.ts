/** Every setting of the feature scaling lab, as URL parameters, and its presets. */
import { param, type Values } from '$lib/url/schema';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import type { ScalingConfig, SurfaceRequest } from '$lib/labs/scaling/types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { scalingAxes } from './sweep-axes';

export const FEATURE_KEYS = ['0', '1', '2', '3'] as const;
export const SURFACE_SCALERS = ['minmax', 'standard', 'robust', 'log'] as const;

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...scalingAxes, schema: () => scalingSchema };

export const scalingSchema = {
	n: param.int(2000, 200, 20000),
	skew: param.number(0.8, 0.1, 2),
	outliers: param.number(0.01, 0, 0.2),
	seed: param.int(5, 0, 4294967295),
	model: param.enum('logistic', ['logistic', 'mlp'] as const),
	optimizer: param.enum('sgd', ['sgd', 'momentum', 'adam'] as const),
	lr: param.number(0.3, 1e-10, 10),
	steps: param.int(300, 10, 3000),
	target: param.number(0.05, 0.005, 0.5),
	leak: param.bool(false),
	fa: param.enum('0', FEATURE_KEYS),
	fb: param.enum('2', FEATURE_KEYS),
	surf: param.enum('standard', SURFACE_SCALERS),
	hist: param.enum('1', FEATURE_KEYS),
	backend: param.enum('auto', BACKEND_CHOICES),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows. */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type ScalingParams = Values<typeof scalingSchema>;

export function toConfig(p: ScalingParams): ScalingConfig {
	return { seed: p.seed, n: p.n, skew: p.skew, outliers: p.outliers, model: p.model, optimizer: p.optimizer, lr: p.lr, leak: p.leak };
}

export function toSurface(p: ScalingParams): SurfaceRequest {
	return { seed: p.seed, n: p.n, skew: p.skew, outliers: p.outliers, a: Number(p.fa), b: Number(p.fb), scaler: p.surf, lr: p.lr, steps: 200 };
}

export const PRESETS = [
	{ id: 'diverge', label: 'Plain gradient descent: raw features diverge', values: { optimizer: 'sgd', lr: 0.3, outliers: 0.01 } },
	{ id: 'tiny-lr', label: 'A learning rate safe for raw dollars (1e-9) crawls', values: { optimizer: 'sgd', lr: 1e-9, steps: 600, outliers: 0 } },
	{ id: 'outliers', label: 'Outliers squeeze min-max scaling', values: { outliers: 0.05, hist: '1', optimizer: 'sgd', lr: 0.3 } },
	{ id: 'adam', label: 'Adam hides (some of) the problem', values: { optimizer: 'adam', lr: 0.05 } },
	{ id: 'leak', label: 'Leakage: fit the scaler on all data', values: { leak: true, outliers: 0.05 } }
] as const satisfies ReadonlyArray<{ id: string; label: string; values: Partial<ScalingParams> }>;
