/**
 * Every setting of the funnel lab, as URL parameters (defaults and bounds), and how they make a worker request.
 * Defaults: a full run takes a few seconds in a browser worker (see the module header of worker/pipeline.ts and the
 * measured timings in the README); `items=100000` is the large setting of the benchmark.
 */
import { param, type Values } from '$lib/url/schema';
import { DEFAULT_WORLD } from '$lib/labs/funnel/world';
import { DEFAULT_TWO_TOWER, type Negatives } from '$lib/labs/funnel/worker/two-tower';
import { DEFAULT_RANKER } from '$lib/labs/funnel/worker/ranker';
import type { FunnelConfig, FunnelSweepRequest, IndexChoice } from '$lib/labs/funnel/types';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { funnelAxes } from './sweep-axes';

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...funnelAxes, schema: () => funnelSchema };

export const NEGATIVES: readonly Negatives[] = ['uniform', 'in-batch', 'in-batch-corrected'];
export const INDEXES: readonly IndexChoice[] = ['hnsw', 'ivf', 'exact'];

/** K swept by the funnel view (those ≤ the number of items), and the curve's parameter values. */
export const SWEEP_KS: readonly number[] = [10, 20, 50, 100, 200, 500];
export const CURVE_NPROBE: readonly number[] = [1, 2, 4, 8, 16, 32];
export const CURVE_EF_SEARCH: readonly number[] = [10, 20, 50, 100, 200, 400];

export const funnelSchema = {
	items: param.int(10000, 1000, 200000),
	users: param.int(2000, 200, 20000),
	zipf: param.number(1, 0, 2),
	/** Position bias η of θ_p = p^−η. */
	bias: param.number(1, 0, 3),
	sessions: param.int(20, 2, 100),
	test: param.int(300, 50, 5000),
	noise: param.number(0.5, 0, 3),
	dim: param.int(16, 4, 128),
	epochs: param.int(3, 1, 20),
	negatives: param.enum<Negatives>('in-batch-corrected', NEGATIVES),
	temp: param.number(0.3, 0.02, 1),
	lr: param.number(0.02, 0.001, 0.1),
	batch: param.int(64, 32, 2048),
	index: param.enum<IndexChoice>('hnsw', INDEXES),
	m: param.int(16, 4, 64),
	efc: param.int(40, 16, 500),
	ef: param.int(50, 1, 1000),
	nlist: param.int(0, 0, 4096),
	nprobe: param.int(8, 1, 4096),
	/** k of the recall–latency curve. */
	ck: param.int(10, 1, 100),
	queries: param.int(100, 20, 2000),
	/** The K of the long-tail view and the example lists. */
	k: param.int(100, 10, 500),
	pos: param.bool(true),
	seed: param.int(1, 0, 4294967295),
	/** The funnel needs no TF.js backend; the sweep machinery reads this (the lab shows no picker). */
	backend: param.enum('auto', BACKEND_CHOICES),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows. */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type FunnelParams = Values<typeof funnelSchema>;

export function toConfig(p: FunnelParams): FunnelConfig {
	const ks = SWEEP_KS.filter((k) => k <= p.items);
	const reportK = ks.includes(p.k) ? p.k : ks.reduce((best, k) => (Math.abs(k - p.k) < Math.abs(best - p.k) ? k : best), ks[0]);
	return {
		world: {
			...DEFAULT_WORLD,
			items: p.items,
			users: p.users,
			zipf: p.zipf,
			positionBias: p.bias,
			sessionsPerUser: p.sessions,
			testUsers: Math.min(p.test, p.users),
			rankerNoise: p.noise,
			seed: p.seed
		},
		twoTower: { ...DEFAULT_TWO_TOWER, dim: p.dim, epochs: p.epochs, negatives: p.negatives, temperature: p.temp, lr: p.lr, batchSize: p.batch, seed: p.seed },
		ranker: { ...DEFAULT_RANKER, positionFeature: p.pos, seed: p.seed },
		index: p.index,
		hnsw: { M: p.m, efConstruction: p.efc, efSearch: p.ef },
		ivf: { nlist: Math.min(p.nlist, p.items), nprobe: p.nprobe },
		curve: { k: p.ck, queries: Math.min(p.queries, p.users), nprobe: [...CURVE_NPROBE], efSearch: [...CURVE_EF_SEARCH] },
		ks,
		reportK,
		examples: 5
	};
}

/** A sweep run's request: the lab's funnel at K = the run's `k` exactly (any K, not only the view's values). */
export function sweepRequest(p: FunnelParams, id: number): FunnelSweepRequest {
	const config = toConfig(p);
	const k = Math.min(p.k, p.items);
	return { id, config: { ...config, ks: [k], reportK: k } };
}
