/**
 * The capacity lab's worker API: one run of the lab (worker/run.ts: the curves over seeds, the decompositions, the
 * sample-wise curve) and sweeps, in plain TypeScript least squares; and the trained network of growing width
 * (worker/mlp-curve.ts), on the TF.js engine, loaded (with TF.js and its WebAssembly backend) only when first asked
 * for. A newer run supersedes an older one and the network curve in progress; a network curve waits for the run in
 * progress and supersedes only an older network curve. `cancel` stops whatever runs at its next checkpoint.
 */
import { Exclusive } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import type { BackendReport } from '../../../engine/backend-types';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import { runCapacity } from './run';
import { runCapacitySweep } from './sweep';
import type { CapacityConfig, CapacityProgress, CapacityResult, CapacitySweepRequest } from '../types';
import type { Curve } from '../curve';
import { NETWORK_SEEDS, type MlpCurveOptions } from '../network';
import { mixSeed } from '../../../data/rng';

export function createCapacityApi() {
	const runs = new Exclusive();
	let backend: Promise<BackendReport> | null = null;

	return {
		/** No TF.js here: least squares in plain JavaScript in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript in a background worker (no TF.js needed)', attempts: [] };
		},

		/** One run; progress reports carry the stages finished so far. Resolves to cancelled when superseded or cancelled. */
		run(config: CapacityConfig, onProgress?: (p: CapacityProgress) => void): Promise<Outcome<CapacityResult>> {
			return runs.run<Outcome<CapacityResult>>(
				async (ticket) => ({ status: 'done', result: await runCapacity(config, { onProgress, shouldStop: () => ticket.stale }) }),
				() => CANCELLED
			);
		},

		/**
		 * The trained network's curve, one Curve per seed replicate of `config` (its first NETWORK_SEEDS; x = width), with the share of training
		 * done through `onProgress`. The engine runs on TF.js's WebAssembly backend (its SIMD step), or the CPU backend.
		 */
		mlpCurve(config: CapacityConfig, options?: MlpCurveOptions, onProgress?: (done: number) => void): Promise<Outcome<NetworkCurves>> {
			return runs.run<Outcome<NetworkCurves>>(
				async (ticket) => {
					const [{ initBackend }, net] = await Promise.all([import('../../../engine/backend'), import('./mlp-curve')]);
					backend ??= initBackend('wasm');
					const report = await backend;
					const seeds = Array.from({ length: Math.min(config.seeds, NETWORK_SEEDS) }, (_, r) => mixSeed(config.seed, r));
					const curves = await net.mlpCurve({ ...config.model, n: config.n }, seeds, options ?? net.DEFAULT_MLP, ticket, onProgress);
					return { status: 'done', result: { curves, backend: report } };
				},
				() => CANCELLED,
				{ lane: 'network', wait: true }
			);
		},

		/** Sweep runs (src/lib/sweep), each reported through `onRun` as it finishes. */
		sweep(requests: CapacitySweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runCapacitySweep);
		},

		cancel(): void {
			runs.cancel();
		}
	};
}

/** The networks' curves and the TF.js backend they trained on (verified by a real computation; the page names it). */
export interface NetworkCurves {
	curves: Curve[];
	backend: BackendReport;
}

export type CapacityApi = ReturnType<typeof createCapacityApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createCapacityApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		capacity: CapacityApi;
	}
}
