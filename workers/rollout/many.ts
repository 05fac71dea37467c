/**
 * Many seeded runs of every strategy (run r uses the world seeded by mixSeed(seed, r)), tallied as they finish:
 * how often each ships, its regret, the failed requests it caused, its exposure and when it decided. Cancellable at
 * each chunk, with throttled progress.
 */
import { mixSeed } from '$lib/data/rng';
import { checkpoint, throttle, type Ticket } from '../lib/run-control';
import { STRATEGIES, type ManyRunsConfig, type ManyRunsProgress, type ManyRunsResult, type StrategyTally } from '../rollout.types';
import { simulateRollout, truthOf, validateRollout } from './simulate';

export const MIN_RUNS = 100;
export const MAX_RUNS = 20000;

export function emptyTallies(): StrategyTally[] {
	return STRATEGIES.map((id) => ({ id, runs: 0, ships: 0, rollbacks: 0, regret: [0, 0], extraFailures: [0, 0], exposed: [0, 0], decidedAt: [] }));
}

/** Runs [from, to) added to `tallies`. */
export function tallyRuns(config: ManyRunsConfig, from: number, to: number, tallies: StrategyTally[]): void {
	for (let r = from; r < to; r++) {
		const run = simulateRollout(config.config, mixSeed(config.config.seed, r), { trace: false });
		run.strategies.forEach((s, i) => {
			const t = tallies[i];
			t.runs++;
			if (s.decision === 'ship') t.ships++;
			if (s.decision === 'rollback') t.rollbacks++;
			const add = (acc: [number, number], v: number) => {
				acc[0] += v;
				acc[1] += v * v;
			};
			add(t.regret, s.totalRegret);
			add(t.extraFailures, s.extraFailures);
			add(t.exposed, s.exposed);
			if (s.decision !== 'none') t.decidedAt.push(s.decidedAt);
		});
	}
}

export async function runMany(config: ManyRunsConfig, ticket: Ticket, onProgress?: (p: ManyRunsProgress) => void): Promise<ManyRunsResult> {
	validateRollout(config.config);
	if (!Number.isInteger(config.runs) || config.runs < MIN_RUNS || config.runs > MAX_RUNS)
		throw new RangeError(`Run between ${MIN_RUNS} and ${MAX_RUNS.toLocaleString('en-US')} simulations (got ${config.runs}).`);
	const tallies = emptyTallies();
	const report = throttle(150);
	const started = performance.now();
	const chunk = 20;
	for (let from = 0; from < config.runs; from += chunk) {
		tallyRuns(config, from, Math.min(config.runs, from + chunk), tallies);
		if (onProgress && report()) onProgress({ done: Math.min(config.runs, from + chunk), total: config.runs });
		await checkpoint(ticket);
	}
	const seconds = (performance.now() - started) / 1000;
	return { config: config.config, truth: truthOf(config.config), runs: config.runs, tallies, runsPerSecond: seconds > 0 ? config.runs / seconds : 0 };
}
