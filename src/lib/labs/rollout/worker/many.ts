/**
 * Many seeded runs of every strategy (run r uses the world seeded by mixSeed(seed, r)), tallied as they finish:
 * how often each ships, its regret, the failed requests it caused, its exposure and when it decided; and, for every
 * pair of strategies, what comparing them run by run needs (they share each run's world, so the runs are paired).
 * Cancellable at each chunk, with throttled progress; each report carries a copy of the tally so far (the first
 * `done` runs), so the page can show numbers long before the last run. The copies change nothing of the runs.
 */
import { mixSeed } from '$lib/data/rng';
import { checkpoint, throttle, type Ticket } from '../../../engine/run-control';
import { STRATEGIES, type ManyRunsConfig, type ManyRunsProgress, type ManyRunsResult, type PairTally, type StrategyRun, type StrategyTally } from '../types';
import { simulateRollout, truthOf, validateRollout } from './simulate';

export const MIN_RUNS = 100;
export const MAX_RUNS = 20000;

/** What a tally reads of one strategy's run. */
export type RunOutcome = Pick<StrategyRun, 'decision' | 'decidedAt' | 'totalRegret' | 'extraFailures' | 'exposed'>;

export function emptyTallies(): StrategyTally[] {
	return STRATEGIES.map((id) => ({ id, runs: 0, ships: 0, rollbacks: 0, regret: [0, 0], extraFailures: [0, 0], exposed: [0, 0], decidedAt: [] }));
}

/** Every pair of strategies (i < j in STRATEGIES order), empty. */
export function emptyPairs(): PairTally[] {
	const pairs: PairTally[] = [];
	STRATEGIES.forEach((a, i) =>
		STRATEGIES.slice(i + 1).forEach((b) => pairs.push({ a, b, runs: 0, shipsOnlyA: 0, shipsOnlyB: 0, regretDiff: [0, 0], aFirst: 0, bFirst: 0 }))
	);
	return pairs;
}

const add = (acc: [number, number], v: number) => {
	acc[0] += v;
	acc[1] += v * v;
};

/** One run of every strategy (in STRATEGIES order, all on the same seeded world) added to the tallies and the pairs. */
export function tallyRun(strategies: RunOutcome[], tallies: StrategyTally[], pairs: PairTally[]): void {
	strategies.forEach((s, i) => {
		const t = tallies[i];
		t.runs++;
		if (s.decision === 'ship') t.ships++;
		if (s.decision === 'rollback') t.rollbacks++;
		add(t.regret, s.totalRegret);
		add(t.extraFailures, s.extraFailures);
		add(t.exposed, s.exposed);
		if (s.decision !== 'none') t.decidedAt.push(s.decidedAt);
	});
	const at = (s: RunOutcome) => (s.decision === 'none' ? Infinity : s.decidedAt);
	let k = 0;
	for (let i = 0; i < strategies.length; i++) {
		for (let j = i + 1; j < strategies.length; j++) {
			const p = pairs[k++];
			const a = strategies[i];
			const b = strategies[j];
			p.runs++;
			const shipA = a.decision === 'ship';
			const shipB = b.decision === 'ship';
			if (shipA && !shipB) p.shipsOnlyA++;
			if (shipB && !shipA) p.shipsOnlyB++;
			add(p.regretDiff, a.totalRegret - b.totalRegret);
			if (at(a) < at(b)) p.aFirst++;
			else if (at(b) < at(a)) p.bFirst++;
		}
	}
}

/** Runs [from, to) added to `tallies` and `pairs`. */
export function tallyRuns(config: ManyRunsConfig, from: number, to: number, tallies: StrategyTally[], pairs: PairTally[]): void {
	for (let r = from; r < to; r++) tallyRun(simulateRollout(config.config, mixSeed(config.config.seed, r), { trace: false }).strategies, tallies, pairs);
}

/** A copy of the tallies of the first `done` runs, as a result (the tallies go on changing; the copy does not). */
export function snapshot(config: ManyRunsConfig, done: number, tallies: StrategyTally[], pairs: PairTally[], seconds: number): ManyRunsResult {
	return {
		config: config.config,
		truth: truthOf(config.config),
		runs: done,
		tallies: tallies.map((t) => ({
			...t,
			regret: [...t.regret],
			extraFailures: [...t.extraFailures],
			exposed: [...t.exposed],
			decidedAt: t.decidedAt.slice()
		})),
		pairs: pairs.map((p) => ({ ...p, regretDiff: [...p.regretDiff] })),
		runsPerSecond: seconds > 0 ? done / seconds : 0
	};
}

export async function runMany(config: ManyRunsConfig, ticket: Ticket, onProgress?: (p: ManyRunsProgress) => void): Promise<ManyRunsResult> {
	validateRollout(config.config);
	if (!Number.isInteger(config.runs) || config.runs < MIN_RUNS || config.runs > MAX_RUNS)
		throw new RangeError(`Run between ${MIN_RUNS} and ${MAX_RUNS.toLocaleString('en-US')} simulations (got ${config.runs}).`);
	const tallies = emptyTallies();
	const pairs = emptyPairs();
	const report = throttle(150);
	const started = performance.now();
	const chunk = 20;
	for (let from = 0; from < config.runs; from += chunk) {
		const done = Math.min(config.runs, from + chunk);
		tallyRuns(config, from, done, tallies, pairs);
		if (onProgress && report()) {
			// Every report carries its tally (also the last: reports reach the page one per frame, the newest only).
			onProgress({ done, total: config.runs, partial: snapshot(config, done, tallies, pairs, (performance.now() - started) / 1000) });
		}
		await checkpoint(ticket);
	}
	const seconds = (performance.now() - started) / 1000;
	return { config: config.config, truth: truthOf(config.config), runs: config.runs, tallies, pairs, runsPerSecond: seconds > 0 ? config.runs / seconds : 0 };
}
