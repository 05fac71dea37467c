/**
 * The capacity lab's worker API: one run of the lab (worker/run.ts: the curves over seeds, the decompositions, the
 * sample-wise curve) and sweeps. Plain TypeScript least squares, no TF.js. A newer run supersedes an older one, and
 * `cancel` stops the run in progress at its next checkpoint.
 */
import { Exclusive } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import type { BackendReport } from '../../../engine/backend-types';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import { runCapacity } from './run';
import { runCapacitySweep } from './sweep';
import type { CapacityConfig, CapacityProgress, CapacityResult, CapacitySweepRequest } from '../types';

export function createCapacityApi() {
	const runs = new Exclusive();

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

		/** Sweep runs (src/lib/sweep), each reported through `onRun` as it finishes. */
		sweep(requests: CapacitySweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runCapacitySweep);
		},

		cancel(): void {
			runs.cancel();
		}
	};
}

export type CapacityApi = ReturnType<typeof createCapacityApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createCapacityApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		capacity: CapacityApi;
	}
}
