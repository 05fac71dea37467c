/**
 * The offline vs online lab's worker logic: one cancellable run (newest wins) of the whole pipeline, on the chosen
 * TF.js backend for training.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from './lib/backend';
import type { BackendChoice, BackendReport } from './lib/backend-types';
import { Cancelled, LatestWins } from './lib/run-control';
import { simulate } from './offline-online/simulate';
import type { OfflineOnlineConfig, OfflineOnlineProgress, OfflineOnlineResult } from './offline-online.types';

export function createOfflineOnlineApi() {
	const runs = new LatestWins();
	let running: Promise<unknown> = Promise.resolve();
	let backend: BackendReport | null = null;
	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			backend = await initBackend(choice);
			return backend;
		},
		async run(config: OfflineOnlineConfig, onProgress?: (p: OfflineOnlineProgress) => void): Promise<{ status: 'done'; result: OfflineOnlineResult } | { status: 'cancelled' }> {
			const ticket = runs.begin();
			await running.catch(() => undefined);
			if (ticket.stale) return { status: 'cancelled' };
			const work = (async () => {
				try {
					const r = await simulate(config, ticket, (stage, done, total) => onProgress?.({ stage, done, total }));
					return { status: 'done' as const, result: { ...r, backend: backend?.active ?? tf.getBackend() } };
				} catch (e) {
					if (e instanceof Cancelled) return { status: 'cancelled' as const };
					throw e;
				}
			})();
			running = work;
			return work;
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
