/** Every setting of the class-imbalance lab, as URL parameters (a link reproduces the run). */
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import { param, type Values } from '$lib/url/schema';
import type { ImbalanceConfig, LossKind } from '$lib/labs/imbalance/types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { imbalanceAxes } from './sweep-axes';

export const LOSSES = ['bce', 'weighted', 'class-balanced', 'focal'] as const satisfies readonly LossKind[];
export const RESAMPLINGS = ['none', 'oversample', 'undersample'] as const;
export const BETAS = ['0.9', '0.99', '0.999', '0.9999'] as const;

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...imbalanceAxes, schema: () => imbalanceSchema };

export const imbalanceSchema = {
	ratio: param.number(50, 1, 1000),
	overlap: param.number(0.35, 0, 1),
	n: param.int(5000, 200, 50000),
	seed: param.int(42, 0, 4294967295),
	loss: param.enum('weighted', LOSSES),
	resample: param.enum('none', RESAMPLINGS),
	compare: param.enum('bce', LOSSES),
	cresample: param.enum('none', RESAMPLINGS),
	gamma: param.number(2, 0, 5),
	alpha: param.nullableNumber(0.75, 0.05, 0.95),
	beta: param.enum('0.999', BETAS),
	threshold: param.number(0.5, 0.01, 0.99),
	lr: param.number(0.02, 0.0005, 0.3),
	epochs: param.int(60, 1, 500),
	batch: param.int(64, 8, 1024),
	backend: param.enum('auto', BACKEND_CHOICES),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows ('' = PR AUC, recall). */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type ImbalanceParams = Values<typeof imbalanceSchema>;

export const HIDDEN = [16, 16];

/** The worker's configuration from the URL settings (threshold, epochs and backend are handled on the page). */
export function toConfig(p: ImbalanceParams): ImbalanceConfig {
	return {
		n: p.n,
		ratio: p.ratio,
		overlap: p.overlap,
		seed: p.seed,
		gamma: p.gamma,
		alpha: p.alpha,
		beta: Number(p.beta),
		lr: p.lr,
		batchSize: p.batch,
		hidden: HIDDEN,
		models: [
			{ loss: p.loss, resampling: p.resample },
			{ loss: p.compare, resampling: p.cresample }
		]
	};
}

/** Round to two significant digits (log-slider values stay readable). */
export function sig2(v: number): number {
	return Number(v.toPrecision(2));
}

export const PRESETS = [
	{ id: 'extreme', label: 'Extreme imbalance (1:1000, 50,000 rows)', values: { ratio: 1000, n: 50000, epochs: 25, loss: 'weighted', compare: 'bce' } },
	{ id: 'balanced', label: 'Balanced classes: accuracy and recall agree', values: { ratio: 1, loss: 'weighted', compare: 'bce' } },
	{ id: 'focal', label: 'Focal loss vs cross-entropy', values: { loss: 'focal', gamma: 2, alpha: 0.75, compare: 'bce', resample: 'none' } },
	{ id: 'resampling', label: 'Over-sampling vs re-weighting', values: { loss: 'bce', resample: 'oversample', compare: 'weighted', cresample: 'none' } },
	{ id: 'threshold', label: 'Keep cross-entropy, lower the threshold', values: { loss: 'bce', resample: 'none', compare: 'weighted', threshold: 0.1 } }
] as const satisfies ReadonlyArray<{ id: string; label: string; values: Partial<ImbalanceParams> }>;
