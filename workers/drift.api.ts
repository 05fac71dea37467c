/**
 * The data drift lab's worker API: runs the drifting-stream simulation (TF.js models, retraining policies,
 * drift statistics, detectors) on the chosen backend. A newer run supersedes an older one.
 */
import { initBackend } from './lib/backend';
import type { BackendChoice, BackendReport } from './lib/backend-types';
import { Exclusive, throttle } from './lib/run-control';
import { CANCELLED, type Outcome } from './lib/outcome';
import { simulateDrift } from './drift/simulate';
import type { DriftConfig, DriftProgress, DriftResult, DriftSweepRequest } from './drift.types';
import { runDriftSweep } from './drift/sweep';
import { sweepJob, type RunMetrics, type RunResult } from './lib/sweep-job';
import * as tf from '@tensorflow/tfjs-core';

export function createDriftApi() {
	const runs = new Exclusive();

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			return initBackend(choice);
		},

		async run(config: DriftConfig, onProgress?: (p: DriftProgress) => void): Promise<Outcome<DriftResult>> {
			const report = throttle(100);
			return runs.run<Outcome<DriftResult>>(
				async (ticket) => {
					const result = await simulateDrift(config, ticket, (done) => {
						if (onProgress && report(done === config.batches)) onProgress({ done, total: config.batches });
					});
					return { status: 'done', result };
				},
				() => CANCELLED
			);
		},

		cancel(): void {
			runs.cancel();
		},

		/** Detector evaluation runs (false alarms on a stationary stream, delay after the onset); cancellable, superseded by any other request. */
		async sweep(requests: DriftSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runDriftSweep);
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type DriftApi = ReturnType<typeof createDriftApi>;
