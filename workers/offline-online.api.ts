/**
 * The offline vs online lab's worker logic: one cancellable run (newest wins) of the whole pipeline, on the chosen
 * TF.js backend for training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './lib/backend';
import type { BackendChoice, BackendReport } from './lib/backend-types';
import { Exclusive } from './lib/run-control';
import { simulate, stageWeights, weightedFraction } from './offline-online/simulate';
import type { OfflineOnlineConfig, OfflineOnlineProgress, OfflineOnlineResult } from './offline-online.types';

export type OfflineOnlineOutcome = { status: 'done'; result: OfflineOnlineResult } | { status: 'cancelled' };

export function createOfflineOnlineApi() {
	const runs = new Exclusive();
	let backend: BackendReport | null = null;
	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},
		async run(config: OfflineOnlineConfig, onProgress?: (p: OfflineOnlineProgress) => void): Promise<OfflineOnlineOutcome> {
			return runs.run<OfflineOnlineOutcome>(
				async (ticket) => {
					const weights = stageWeights(config);
					const r = await simulate(config, ticket, (stage, done, total) => onProgress?.({ stage, done, total, fraction: weightedFraction(done, weights) }));
					return { status: 'done', result: { ...r, backend: backend?.active ?? tf.getBackend() } };
				},
				() => ({ status: 'cancelled' })
			);
		},
		cancel(): void {
			runs.cancel();
		},
		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type OfflineOnlineApi = ReturnType<typeof createOfflineOnlineApi>;
