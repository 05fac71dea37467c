/**
 * The A/B test lab's worker API: one experiment day by day, many A/A experiments for the peeking problem, and a
 * simulated power curve (workers/abtest/). Plain seeded JavaScript (no TF.js). Each kind of request is cancellable
 * and a newer one of the same kind supersedes an older one.
 */
import { Exclusive } from './lib/run-control';
import { simulateExperiment } from './abtest/experiment';
import { runPeeking } from './abtest/peeking';
import { runPower } from './abtest/power';
import type { ExperimentConfig, ExperimentResult, PeekingConfig, PeekingResult, PowerConfig, PowerResult } from './abtest.types';
import type { BackendReport } from './lib/backend-types';
import { CANCELLED, type Outcome } from './lib/outcome';

const cancelled = () => CANCELLED;

export function createAbtestApi() {
	const peekRuns = new Exclusive();
	const powerRuns = new Exclusive();

	return {
		/** No TF.js here: the simulations are plain JavaScript in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript in a background worker (no TF.js needed)', attempts: [] };
		},

		experiment(config: ExperimentConfig): ExperimentResult {
			return simulateExperiment(config);
		},

		peeking(config: PeekingConfig, onProgress?: (p: PeekingResult) => void): Promise<Outcome<PeekingResult>> {
			return peekRuns.run<Outcome<PeekingResult>>(async (ticket) => ({ status: 'done', result: await runPeeking(config, ticket, onProgress) }), cancelled);
		},

		power(config: PowerConfig): Promise<Outcome<PowerResult>> {
			return powerRuns.run<Outcome<PowerResult>>(async (ticket) => ({ status: 'done', result: await runPower(config, ticket) }), cancelled);
		}
	};
}

export type AbtestApi = ReturnType<typeof createAbtestApi>;
