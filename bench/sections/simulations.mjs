/** Throughput of the labs' plain-JavaScript simulations in a worker: the A/B lab's A/A peeking runs, the rollout lab's runs. */
import { flag } from '../options.mjs';
import { table, fmt } from '../tables.mjs';

export async function benchAa({ page }) {
	// 0. A/B lab: A/A experiments per second (plain JavaScript in a worker).
	const aaCases = flag('quick')
		? [[10000, 20, 800]]
		: [
				[10000, 20, 800],
				[10000, 30, 4000],
				[100000, 28, 4000]
			];
	const aaRows = [];
	for (const [e, d, t] of aaCases) {
		const r = await page.evaluate(([e, d, t]) => window.mdlBench.aa(e, d, t), [e, d, t]);
		aaRows.push([fmt(r.experiments), r.days, fmt(r.dailyTraffic), r.seconds.toFixed(2), fmt(r.experimentsPerSecond)]);
	}
	table(
		'A/B lab: A/A peeking simulation in a worker (daily z-test, mSPRT and Bayesian rule at every look)',
		['experiments', 'daily looks', 'visitors/day', 'seconds', 'experiments/s'],
		aaRows
	);
}

export async function benchRollout({ page }) {
	// 0b. Rollout lab: seeded runs of all six strategies per second (plain JavaScript in a worker).
	const cases = flag('quick')
		? [[1000, 168, 2000]]
		: [
				[1000, 168, 2000],
				[1000, 720, 100000],
				[20000, 168, 2000]
			];
	const rows = [];
	for (const [n, h, t] of cases) {
		const r = await page.evaluate(([n, h, t]) => window.mdlBench.rollout(n, h, t), [n, h, t]);
		rows.push([fmt(r.runs), r.hours, fmt(r.traffic), r.seconds.toFixed(2), fmt(r.runsPerSecond)]);
	}
	table('Rollout lab: many seeded runs in a worker (six strategies per run, hourly counts)', ['runs', 'hours', 'requests/hour', 'seconds', 'runs/s'], rows);
}
