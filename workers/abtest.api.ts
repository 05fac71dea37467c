/**
 * The A/B test lab's worker logic: one experiment day by day, many A/A experiments for the peeking problem, and a
 * simulated power curve. Plain seeded JavaScript (no TF.js). Each kind of request is cancellable and a newer one
 * of the same kind supersedes an older one.
 */
import { LatestWins, Cancelled, checkpoint, throttle } from './lib/run-control';
import { simulateExperiment } from './abtest/experiment';
import { emptyTally, peekingChunk, summarize, validatePeeking } from './abtest/peeking';
import { analyticPower, POWER_MULTIPLES, simulatePowerPoint, validatePower } from './abtest/power';
import type { ExperimentConfig, ExperimentResult, PeekingConfig, PeekingResult, PowerConfig, PowerResult } from './abtest.types';
import type { BackendReport } from './lib/backend-types';

export type Outcome<T> = { status: 'done'; result: T } | { status: 'cancelled' };

export function createAbtestApi() {
	const peekRuns = new LatestWins();
	const powerRuns = new LatestWins();

	return {
		/** No TF.js here: the simulations are plain JavaScript in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript in a background worker (no TF.js needed)', attempts: [], notice: null };
		},

		experiment(config: ExperimentConfig): ExperimentResult {
			return simulateExperiment(config);
		},

		async peeking(config: PeekingConfig, onProgress?: (p: PeekingResult) => void): Promise<Outcome<PeekingResult>> {
			validatePeeking(config);
			const ticket = peekRuns.begin();
			const tally = emptyTally(config.days);
			const t0 = performance.now();
			const report = throttle(150);
			try {
				const chunk = 500;
				for (let from = 0; from < config.experiments; from += chunk) {
					peekingChunk(config, from, Math.min(config.experiments, from + chunk), tally);
					if (onProgress && report()) onProgress(summarize(tally, (performance.now() - t0) / 1000));
					await checkpoint(ticket);
				}
				return { status: 'done', result: summarize(tally, (performance.now() - t0) / 1000) };
			} catch (e) {
				if (e instanceof Cancelled) return { status: 'cancelled' };
				throw e;
			}
		},

		async power(config: PowerConfig): Promise<Outcome<PowerResult>> {
			validatePower(config);
			const ticket = powerRuns.begin();
			try {
				const simulated = [];
				for (const m of POWER_MULTIPLES) {
					simulated.push(simulatePowerPoint(config, m));
					await checkpoint(ticket);
				}
				return { status: 'done', result: { simulated, analytic: analyticPower(config) } };
			} catch (e) {
				if (e instanceof Cancelled) return { status: 'cancelled' };
				throw e;
			}
		}
	};
}

export type AbtestApi = ReturnType<typeof createAbtestApi>;
