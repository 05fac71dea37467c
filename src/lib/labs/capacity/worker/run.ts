/**
 * One run of the capacity lab, in stages that each report as they go (the page draws the first seed's curve at once):
 * 1. inspect — at the chosen capacity p, the decomposition over many training sets and the fitted curves (about a
 *    tenth of a second: the page's first numbers);
 * 2. curve — the model-wise curve (train and test error against capacity) for each seed replicate;
 * 3. decomposition — bias², variance and noise at every capacity of the curve (fewer training sets each);
 * 4. sample — the sample-wise curve (training-set size varied at a fixed capacity) for each replicate.
 * Replicate r runs with mixSeed(seed, r), as a sweep's replicates do (src/lib/sweep/plan.ts); the decompositions
 * use replicate 0's model (its feature draw and target) with fresh training sets. Plain TypeScript, no TF.js.
 */
import { mixSeed } from '../../../data/rng';
import { Cancelled, throttle, yieldToEventLoop } from '../../../engine/run-control';
import { assertCount } from '../../../stats/validate';
import { biasVariance, type BiasVarianceResult } from '../bias-variance';
import { capacityCurve, sampleCurve } from '../curve';
import {
	CAPACITY_STAGES,
	type CapacityConfig,
	type CapacityPartial,
	type CapacityProgress,
	type CapacityResult,
	type CapacityStage,
	type Decomposition
} from '../types';

export interface RunOptions {
	onProgress?: (p: CapacityProgress) => void;
	shouldStop?: () => boolean;
	/** Least time between progress reports (ms). */
	reportMs?: number;
}

export const MAX_SEEDS = 100;
export const MAX_TRAINING_SETS = 1000;

export function validateCapacityConfig(c: CapacityConfig): void {
	assertCount('The number of seeds', c.seeds);
	if (c.seeds < 1 || c.seeds > MAX_SEEDS) throw new RangeError(`Use 1 to ${MAX_SEEDS} seeds (got ${c.seeds}).`);
	assertCount('The number of training sets', c.trainingSets);
	if (c.trainingSets < 2 || c.trainingSets > MAX_TRAINING_SETS)
		throw new RangeError(`The decomposition needs 2 to ${MAX_TRAINING_SETS} training sets (got ${c.trainingSets}).`);
	assertCount('The training sets per capacity', c.gridSets);
	if (c.gridSets === 1 || c.gridSets > MAX_TRAINING_SETS)
		throw new RangeError(`Use 0 (none) or 2 to ${MAX_TRAINING_SETS} training sets per capacity (got ${c.gridSets}).`);
	assertCount('The capacity inspected', c.p);
	if (c.p < 1) throw new RangeError(`The capacity inspected must be at least 1 (got ${c.p}).`);
}

const decomposition = (r: BiasVarianceResult): Decomposition => ({
	p: r.p,
	bias2: r.bias2,
	variance: r.variance,
	noise: r.noise,
	expectedMse: r.expectedMse,
	testMse: r.testMse,
	testMseSe: r.testMseSe,
	trainMse: r.trainMse
});

export async function runCapacity(config: CapacityConfig, options: RunOptions = {}): Promise<CapacityResult> {
	validateCapacityConfig(config);
	const t0 = performance.now();
	const shouldStop = options.shouldStop ?? (() => false);
	const due = throttle(options.reportMs ?? 80);
	const partial: CapacityPartial = { curves: [], inspect: null, decomposition: [], samples: [] };
	const timings: CapacityResult['timings'] = [];
	let stage: CapacityStage = 'curve';
	const report = (done: number, total: number, force = false) => {
		if (options.onProgress && due(force)) options.onProgress({ stage, stageIndex: CAPACITY_STAGES.indexOf(stage), done, total, partial: { ...partial } });
	};
	const gate = async () => {
		await yieldToEventLoop();
		if (shouldStop()) throw new Cancelled();
	};
	const timed = async (s: CapacityStage, total: number, step: (i: number) => void) => {
		stage = s;
		const start = performance.now();
		report(0, total, true);
		for (let i = 0; i < total; i++) {
			await gate();
			step(i);
			report(i + 1, total, i + 1 === total);
		}
		timings.push({ stage: s, ms: performance.now() - start });
	};
	const { model, n } = config;
	const replicate = (r: number) => mixSeed(config.seed, r);

	await timed('inspect', 1, () => {
		const r = biasVariance({ ...model, n, p: config.p, trainingSets: config.trainingSets, keepCurves: config.fits }, replicate(0));
		partial.inspect = {
			...decomposition(r),
			trainingSets: config.trainingSets,
			slice: {
				t: Array.from(r.slice.t),
				f: Array.from(r.slice.f),
				mean: Array.from(r.slice.meanPrediction),
				fits: r.slice.curves.map((c) => Array.from(c))
			}
		};
	});
	await timed('curve', config.seeds, (r) => {
		partial.curves = [...partial.curves, capacityCurve({ ...model, n, capacities: config.capacities }, replicate(r))];
	});
	if (config.gridSets > 0)
		await timed('decomposition', config.capacities.length, (i) => {
			const r = biasVariance({ ...model, n, p: config.capacities[i], trainingSets: config.gridSets }, replicate(0));
			partial.decomposition = [...partial.decomposition, decomposition(r)];
		});
	if (config.sampleSizes.length > 0)
		await timed('sample', config.seeds, (r) => {
			partial.samples = [...partial.samples, sampleCurve({ ...model, p: config.sampleP, sizes: config.sampleSizes }, replicate(r))];
		});
	return { ...partial, config, timings, totalMs: performance.now() - t0 };
}
