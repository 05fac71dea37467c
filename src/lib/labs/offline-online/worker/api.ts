/**
 * The offline vs online lab's worker API: one cancellable run (newest wins) of the whole pipeline, on the chosen
 * TF.js backend for training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../engine/backend';
import type { BackendChoice, BackendReport } from '../../../engine/backend-types';
import { Exclusive } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import { simulate, stageWeights, weightedFraction } from './simulate';
import type { OfflineOnlineConfig, OfflineOnlineProgress, OfflineOnlineResult, OfflineOnlineSweepRequest } from '../types';
import { runOfflineOnlineSweep } from './sweep';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';

export function createOfflineOnlineApi() {
	const runs = new Exclusive();
	let backend: BackendReport | null = null;
	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},
		async run(config: OfflineOnlineConfig, onProgress?: (p: OfflineOnlineProgress) => void): Promise<Outcome<OfflineOnlineResult>> {
			return runs.run<Outcome<OfflineOnlineResult>>(
				async (ticket) => {
					const weights = stageWeights(config);
					const trainedOn = () => backend?.active ?? tf.getBackend();
					const r = await simulate(config, ticket, (stage, done, total, partial) =>
						onProgress?.({ stage, done, total, fraction: weightedFraction(done, weights), partial: partial && { ...partial, backend: trainedOn() } })
					);
					return { status: 'done', result: { ...r, backend: trainedOn() } };
				},
				() => CANCELLED
			);
		},
		cancel(): void {
			runs.cancel();
		},
		/** Sweep runs (the whole pipeline per seed; does the offline winner win online?); cancellable, superseded by any other request. */
		async sweep(requests: OfflineOnlineSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runOfflineOnlineSweep);
		},
		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type OfflineOnlineApi = ReturnType<typeof createOfflineOnlineApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createOfflineOnlineApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		'offline-online': OfflineOnlineApi;
	}
}
