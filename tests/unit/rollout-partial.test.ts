import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from 'svelte/server';
import ManyRunsView from '../../src/lib/labs/rollout/ManyRunsView.svelte';
import { emptyPairs, emptyTallies, runMany, tallyRuns } from '../../src/lib/labs/rollout/worker/many';
import { createRolloutApi } from '../../src/lib/labs/rollout/worker/api';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import { defaults } from '../../src/lib/url/schema';
import { rolloutSchema, toConfig } from '../../src/lib/labs/rollout/params';
import type { ManyRunsConfig, ManyRunsProgress, ManyRunsResult } from '../../src/lib/labs/rollout/types';

/** Short runs (48 hours), so that many batches are quick; lift −3%: a worse candidate, wrong calls of both kinds. */
const CONFIG: ManyRunsConfig = { config: { ...toConfig(defaults(rolloutSchema)), hours: 48, lift: -0.03, seed: 7 }, runs: 230 };
/** Everything but the measured speed. */
const numbers = (r: ManyRunsResult) => ({ ...r, runsPerSecond: 0 });

describe('many runs: the partial tallies sent with the progress', () => {
	afterEach(() => vi.restoreAllMocks());

	it('arrive after the first batch of runs, and each is exactly the tally of the first `done` runs, never changed after it was sent', async () => {
		// A clock that moves 100 ms each time it is read: every batch is past the progress throttle, so every batch reports.
		let now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
		const reports: ManyRunsProgress[] = [];
		const copies: ManyRunsProgress[] = [];
		await runMany(CONFIG, NEVER_STALE, (p) => {
			reports.push(p);
			copies.push(structuredClone(p));
		});
		vi.restoreAllMocks();
		expect(reports.map((p) => p.done)).toEqual([20, 40, 60, 80, 100, 120, 140, 160, 180, 200, 220, 230]);
		// Every report carries the tally of its runs done (the last too: the page shows the newest report only).
		expect(reports.every((p) => p.partial?.runs === p.done && p.total === CONFIG.runs)).toBe(true);
		// The copies sent are not the tallies still being added to.
		expect(reports).toEqual(copies);
		// Each partial equals a tally of runs 0 … done − 1 made on its own.
		const tallies = emptyTallies();
		const pairs = emptyPairs();
		let at = 0;
		for (const p of reports) {
			tallyRuns(CONFIG, at, p.done, tallies, pairs);
			at = p.done;
			expect(p.partial!.tallies).toEqual(tallies);
			expect(p.partial!.pairs).toEqual(pairs);
			expect(p.partial!.truth).toEqual(reports[0].partial!.truth);
		}
		expect(reports[0].partial!.tallies.every((t) => t.runs === 20)).toBe(true);
	});

	it('change nothing: the final result with progress reports equals the one without', async () => {
		let now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
		let partials = 0;
		const withReports = await runMany(CONFIG, NEVER_STALE, (p) => void (p.partial && partials++));
		vi.restoreAllMocks();
		expect(partials).toBeGreaterThan(5);
		const without = await runMany(CONFIG, NEVER_STALE);
		expect(numbers(withReports)).toEqual(numbers(without));
		// And through the worker API, with the real clock.
		const api = createRolloutApi();
		const viaApi = await api.many(CONFIG, () => undefined);
		expect(viaApi.status).toBe('done');
		if (viaApi.status === 'done') expect(numbers(viaApi.result)).toEqual(numbers(without));
	});

	it('the first partial comes after 20 runs, a few milliseconds of work at the defaults', async () => {
		const config: ManyRunsConfig = { config: toConfig(defaults(rolloutSchema)), runs: 1000 };
		const started = performance.now();
		let first: number | null = null;
		let firstRuns = 0;
		const out = await createRolloutApi().many(config, (p) => {
			if (first === null && p.partial) {
				first = performance.now() - started;
				firstRuns = p.partial.runs;
			}
		});
		const total = performance.now() - started;
		console.log(`[rollout partial] first partial after ${first!.toFixed(0)} ms (${firstRuns} runs) of ${total.toFixed(0)} ms for 1,000 runs`);
		expect(out.status).toBe('done');
		expect(firstRuns).toBe(20);
		expect(first!).toBeLessThan(total / 5);
	});
});

describe('many runs on the page: a partial tally is shown as partial, and no sentence is made of it', () => {
	/** The page's text: tags and Svelte's markers dropped, spaces collapsed. */
	const text = (html: string) =>
		html
			.replace(/<!--[^>]*-->/g, '')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ');
	/** What only the sentence says: comparisons, tests and p-values. */
	const CLAIMS = /clear of|distinguishable|McNemar|sign test|paired t|p [=<]|least often|most often|decides soonest|A quick decision/;

	it('while running: the table and chart of the runs done, labelled; the sentence of an earlier result is not shown beside them', async () => {
		let now = 0;
		vi.spyOn(performance, 'now').mockImplementation(() => (now += 100));
		const reports: ManyRunsProgress[] = [];
		const final = await runMany(CONFIG, NEVER_STALE, (p) => reports.push(p));
		vi.restoreAllMocks();
		const running = reports[1];
		for (const earlier of [null, final]) {
			const html = render(ManyRunsView, { props: { result: earlier, progress: running, runs: CONFIG.runs } }).body;
			expect(html).toContain('data-testid="many-table"');
			expect(html).not.toContain('data-testid="tradeoff"');
			expect(text(html)).toContain('After 40 of 230 seeded runs per strategy — still running');
			expect(text(html)).toContain('The table and chart show the first 40 of 230 runs; the comparison in words comes when all 230 are done.');
			expect(text(html)).toContain('Share of the first 40 of 230 seeded runs (still running)');
			expect(text(html)).not.toMatch(CLAIMS);
		}
		const done = render(ManyRunsView, { props: { result: final, progress: null, runs: CONFIG.runs } }).body;
		expect(done).toContain('data-testid="tradeoff"');
		expect(text(done)).toMatch(CLAIMS);
		expect(text(done)).toContain('230 seeded runs per strategy (shares with 95% Wilson intervals');
		expect(text(done)).not.toContain('still running');
	});
});
