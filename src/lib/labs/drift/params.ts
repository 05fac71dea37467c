/** Every setting of the data drift lab, as URL parameters, and the named presets. */
import { param, type Values } from '$lib/url/schema';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import type { DriftConfig } from '$lib/labs/drift/types';
import { DDM_RECOMMENDED, PAGE_HINKLEY_SIGMAS } from '$lib/stats/detectors';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { driftAxes } from './sweep-axes';

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...driftAxes, schema: () => driftSchema };

export const driftSchema = {
	cov: param.number(0, 0, 1),
	prior: param.number(0, 0, 1),
	concept: param.number(1, 0, 1),
	schedule: param.enum('sudden', ['sudden', 'gradual', 'recurring'] as const),
	onset: param.int(25, 1, 300),
	span: param.int(8, 1, 100),
	noise: param.number(0.3, 0, 2),
	delay: param.int(1, 0, 20),
	batches: param.int(60, 12, 300),
	size: param.int(200, 50, 2000),
	ref: param.int(8, 2, 50),
	every: param.int(10, 1, 100),
	detector: param.enum('ddm', ['ddm', 'page-hinkley'] as const),
	window: param.int(4, 1, 30),
	/** DDM's drift level k (alarm when p + s > p_min + k·s_min; the paper: 3, the lab's default: 3.5). */
	ddmk: param.number(DDM_RECOMMENDED.driftLevel, 2.5, 8),
	/** Page–Hinkley's λ in units of the error stream's σ (the lab's default: 80). */
	phl: param.number(PAGE_HINKLEY_SIGMAS.lambda, 10, 400),
	seed: param.int(11, 0, 4294967295),
	backend: param.enum('auto', BACKEND_CHOICES),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows. */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type DriftParams = Values<typeof driftSchema>;

export function toConfig(p: DriftParams): DriftConfig {
	return {
		covariate: p.cov,
		prior: p.prior,
		concept: p.concept,
		schedule: p.schedule,
		onset: p.onset,
		span: p.span,
		noise: p.noise,
		seed: p.seed,
		batches: p.batches,
		batchSize: p.size,
		referenceBatches: p.ref,
		labelDelay: p.delay,
		retrainEvery: p.every,
		detector: p.detector,
		window: p.window,
		ddmLevel: p.ddmk,
		phLambda: p.phl
	};
}

export interface Preset {
	id: string;
	label: string;
	values: Partial<DriftParams>;
}

export const PRESETS: Preset[] = [
	{ id: 'concept', label: 'Concept drift: accuracy falls, inputs look calm', values: { cov: 0, prior: 0, concept: 1, schedule: 'sudden', delay: 1 } },
	{ id: 'covariate', label: 'Covariate drift: alarms, but accuracy holds', values: { cov: 1, prior: 0, concept: 0, schedule: 'sudden', delay: 1 } },
	{ id: 'prior', label: 'Prior shift: the class balance changes', values: { cov: 0, prior: 1, concept: 0, schedule: 'gradual', span: 15 } },
	{ id: 'seasonal', label: 'Recurring (seasonal) concept drift', values: { cov: 0, prior: 0, concept: 0.8, schedule: 'recurring', span: 8 } },
	{ id: 'delay', label: 'Gradual concept drift with late labels', values: { cov: 0, prior: 0, concept: 1, schedule: 'gradual', span: 20, delay: 6 } },
	{ id: 'mix', label: 'Everything at once', values: { cov: 0.6, prior: 0.5, concept: 0.6, schedule: 'sudden' } }
];
