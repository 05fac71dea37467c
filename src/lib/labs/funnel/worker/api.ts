/**
 * The funnel lab's worker API: one seeded run of the retrieval → ranking funnel (worker/pipeline.ts). Plain
 * TypeScript and hnswlib's WebAssembly, no TF.js (the two-tower's gradients are closed-form: see two-tower.ts). A
 * newer run supersedes an older one, and `cancel` stops the run in progress at its next checkpoint.
 */
import { Exclusive } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import type { BackendReport } from '../../../engine/backend-types';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import { runFunnel } from './pipeline';
import { runFunnelSweep } from './sweep';
import type { FunnelConfig, FunnelProgress, FunnelResult, FunnelSweepRequest } from '../types';

export function createFunnelApi() {
	const runs = new Exclusive();

	return {
		/** No TF.js here: the funnel runs as plain JavaScript (and hnswlib's WebAssembly) in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript and WebAssembly in a background worker (no TF.js needed)', attempts: [] };
		},

		/** One run; progress reports carry the stage results finished so far. Resolves to cancelled when superseded or cancelled. */
		run(config: FunnelConfig, onProgress?: (p: FunnelProgress) => void): Promise<Outcome<FunnelResult>> {
			return runs.run<Outcome<FunnelResult>>(
				async (ticket) => ({ status: 'done', result: await runFunnel(config, { onProgress, shouldStop: () => ticket.stale }) }),
				() => CANCELLED
			);
		},

		/** Sweep runs (src/lib/sweep), each reported through `onRun` as it finishes. */
		sweep(requests: FunnelSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runFunnelSweep);
		},

		cancel(): void {
			runs.cancel();
		}
	};
}

export type FunnelApi = ReturnType<typeof createFunnelApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createFunnelApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		funnel: FunnelApi;
	}
}
