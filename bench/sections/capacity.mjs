/**
 * The capacity lab's default curve as a user opens it (issue 31's benchmark: ≥ 40 capacities × 20 seeds on screen in
 * < 5 s): a fresh page per load at the defaults (40 capacities, 20 seeds, n = 40), timed from navigation to the first
 * numbers (the inspected capacity's table), to the whole curve on screen (its sentence, written once every seed has
 * run) and to done (the decomposition along the curve and the sample-wise curve too), with the longest animation frame.
 * Median of 3 loads at 1440×900.
 */
import { PORT } from '../options.mjs';
import { table } from '../tables.mjs';
import { load } from './startup.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

export async function benchCapacity({ browser }) {
	const rows = [];
	const runs = [];
	for (let i = 0; i < 3; i++) {
		const url = `http://localhost:${PORT}/capacity`;
		const table_ = await load(browser, url, ['capacity-table'], { width: 1440, height: 900 });
		const curve = await load(browser, url, ['chart-capacity-sentence'], { width: 1440, height: 900 });
		const done = await load(browser, url, ['chart-sample-sentence'], { width: 1440, height: 900 });
		runs.push({ first: table_.first, curve: curve.first, done: done.first, frame: Math.max(table_.frameDone, curve.frameDone, done.frameDone) });
	}
	rows.push([
		'40 capacities × 20 seeds, n = 40',
		s(median(runs.map((r) => r.first))),
		s(median(runs.map((r) => r.curve))),
		s(median(runs.map((r) => r.done))),
		`${Math.max(...runs.map((r) => r.frame)).toFixed(0)}`
	]);
	table(
		'Capacity lab at its defaults (1440×900, median of 3 loads): navigation → first numbers (the inspected capacity’s table), → the whole curve over 20 seeds on screen with its sentence, → done (decomposition along the curve and the sample-wise curve); longest animation frame (ms, 0: none over 50 ms)',
		['set-up', 'first numbers', 'curve on screen', 'done', 'longest frame'],
		rows
	);
}
