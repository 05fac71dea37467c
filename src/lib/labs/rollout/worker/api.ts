/**
 * The rollout lab's worker API: one seeded run of every strategy hour by hour, and many seeded runs tallied
 * (src/lib/labs/rollout/worker/). Plain seeded JavaScript (no TF.js). Many runs are cancellable and a newer request supersedes
 * an older one.
 */
import { Exclusive } from '../../../engine/run-control';
import { simulateRollout } from './simulate';
import { runMany } from './many';
import type { ManyRunsConfig, ManyRunsProgress, ManyRunsResult, OneRunResult, RolloutConfig } from '../types';
import type { BackendReport } from '../../../engine/backend-types';
import { CANCELLED, type Outcome } from '../../../engine/outcome';

export function createRolloutApi() {
	const manyRuns = new Exclusive();

	return {
		/** No TF.js here: the simulations are plain JavaScript in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript in a background worker (no TF.js needed)', attempts: [] };
		},

		one(config: RolloutConfig): OneRunResult {
			return simulateRollout(config, config.seed);
		},

		many(config: ManyRunsConfig, onProgress?: (p: ManyRunsProgress) => void): Promise<Outcome<ManyRunsResult>> {
			return manyRuns.run<Outcome<ManyRunsResult>>(
				async (ticket) => ({ status: 'done', result: await runMany(config, ticket, onProgress) }),
				() => CANCELLED
			);
		},

		cancel(): void {
			manyRuns.cancel();
		}
	};
}

export type RolloutApi = ReturnType<typeof createRolloutApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createRolloutApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		rollout: RolloutApi;
	}
}
