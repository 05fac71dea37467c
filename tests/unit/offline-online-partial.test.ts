import { beforeAll, describe, expect, it } from 'vitest';
import { render } from 'svelte/server';
import { createRng } from '../../src/lib/data/rng';
import { createOfflineOnlineApi } from '../../src/lib/labs/offline-online/worker/api';
import { loggedCounts } from '../../src/lib/labs/offline-online/worker/simulate';
import { logSessions } from '../../src/lib/labs/offline-online/worker/logging-policy';
import { makePopulation } from '../../src/lib/labs/offline-online/worker/population';
import { offlineOnlineSchema, toConfig } from '../../src/lib/labs/offline-online/params';
import { defaults } from '../../src/lib/url/schema';
import Scoreboard from '../../src/lib/labs/offline-online/Scoreboard.svelte';
import type { OfflineOnlineConfig, OfflineOnlineProgress, OfflineOnlineResult } from '../../src/lib/labs/offline-online/types';

const DEFAULTS = toConfig(defaults(offlineOnlineSchema));
const SMALL: OfflineOnlineConfig = { ...DEFAULTS, logSessions: 800, usersPerDay: 200, days: 2, positionBias: 0, seed: 3, alpha: 0.01 };
/** The page's text: tags and Svelte's markers dropped, spaces collapsed. */
const text = (html: string) =>
	html
		.replace(/<!--[^>]*-->/g, '')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ');

describe('offline vs online: results so far, sent with the progress (CPU backend)', () => {
	const api = createOfflineOnlineApi();
	beforeAll(async () => {
		await api.init('cpu');
	});
	async function run(c: OfflineOnlineConfig, onProgress?: (p: OfflineOnlineProgress) => void): Promise<OfflineOnlineResult> {
		const out = await api.run(c, onProgress);
		if (out.status !== 'done') throw new Error('cancelled');
		return out.result;
	}

	it('from the end of training: every offline metric, then each online result as its test finishes — the final numbers, never changed once sent', async () => {
		const reports: OfflineOnlineProgress[] = [];
		const copies: OfflineOnlineProgress[] = [];
		const final = await run(SMALL, (p) => {
			reports.push(p);
			copies.push(structuredClone(p));
		});
		expect(reports).toEqual(copies);
		// Logging and training: nothing to show yet. From the first A/B test on: every report has the results so far.
		for (const p of reports) expect(!!p.partial, JSON.stringify(p.stage)).toBe(p.stage.kind === 'ab-test' || p.stage.kind === 'done');
		const first = reports.find((p) => p.partial)!;
		expect(first.stage).toEqual({ kind: 'ab-test', model: 'click-naive' });
		expect(first.done).toBe(2);
		expect(first.partial!.models.map((m) => m.online)).toEqual([null, undefined, undefined, undefined, undefined]);
		// Online results fill in, one test after another, in the scoreboard's order.
		const tested = reports.filter((p) => p.partial).map((p) => p.partial!.models.filter((m) => m.online).length);
		expect(tested).toEqual([...tested].sort((a, b) => a - b));
		expect(tested.at(-1)).toBe(4);
		for (const p of reports.filter((q) => q.partial)) {
			const part = p.partial!;
			expect(part.backend).toBe(final.backend);
			expect(part.logged).toEqual(final.logged);
			expect(part.popularityBias).toEqual(final.popularityBias);
			part.models.forEach((m, i) => {
				expect(m.offline).toEqual(final.models[i].offline);
				if (m.online !== undefined) expect(m.online).toEqual(final.models[i].online);
			});
			// A candidate's result is there exactly when its test has finished.
			if (p.stage.kind === 'ab-test') {
				const k = part.models.findIndex((m) => m.id === (p.stage as { model: string }).model);
				part.models.forEach((m, i) => expect(m.online !== undefined, `${m.id} during ${JSON.stringify(p.stage)}`).toBe(i < k));
			}
		}
		// The last report (done) already holds the whole result: the page never falls back while the answer is on its way.
		expect(reports.at(-1)!.partial).toEqual(final);
	});

	it('change no number: the run with progress equals the run without, and the numbers are those of the code before partial results', async () => {
		const withReports = await run(SMALL, () => undefined);
		const without = await run(SMALL);
		expect(withReports).toEqual(without);
		// Recorded from the pipeline before offline metrics moved ahead of the A/B tests and scoring stopped building feature
		// vectors (CPU backend): faster, and the same to the last bit.
		const pick = (r: OfflineOnlineResult) =>
			r.models.map((m) => [m.id, m.offline.clickAuc, m.offline.ownAuc, m.offline.precisionAt3, m.online?.revenue.lift ?? null, m.online?.ctr.pValue ?? null]);
		expect(pick(without)).toEqual([
			['current', 0.6074731346428488, null, 0.33472222222222225, null, null],
			['click-naive', 0.6455779605406183, 0.6455779605406183, 0.3402777777777776, 0.7392184997628541, 0.0193533684512983],
			['click-debiased', 0.6443371205153332, 0.6456114063634022, 0.33888888888888874, -0.0243927495532551, 0.5074336762902097],
			['revenue', 0.5690572625931885, 0.6445451129389169, 0.3194444444444444, 1.0125552813809429, 0.031041686695312733],
			['revenue-miscal', 0.5685488860868722, 0.6445451129389169, 0.30972222222222207, 0.8508396390932207, 0.09713603977827756]
		]);
		expect(without.logged).toEqual({
			impressions: 4000,
			clicks: 1190,
			purchases: 285,
			clicksBySlot: [300, 271, 239, 193, 187],
			impressionsBySlot: [800, 800, 800, 800, 800]
		});
	});

	it('at the defaults, the first numbers (offline columns) come well before the end', async () => {
		const started = performance.now();
		let first: number | null = null;
		const tests: number[] = [];
		await run(DEFAULTS, (p) => {
			if (p.partial && first === null) first = performance.now() - started;
			if (p.partial && p.partial.models.filter((m) => m.online).length > tests.length) tests.push(performance.now() - started);
		});
		const total = performance.now() - started;
		const ms = (v: number) => `${v.toFixed(0)} ms`;
		console.log(`[offline-online partial] offline columns after ${ms(first!)}; online tests done at ${tests.map(ms).join(', ')}; whole run ${ms(total)}`);
		expect(first!).toBeLessThan(total);
		expect(tests).toHaveLength(4);
	});
});

describe('offline vs online: the logs counted in one pass', () => {
	it('equal the counts by slot made by filtering every impression', () => {
		const c: OfflineOnlineConfig = { ...DEFAULTS, logSessions: 500, slots: 4, pool: 12 };
		const p = makePopulation({ users: 100, items: 80, clickbaitShare: 0.2, positionBias: 1.5 }, createRng(4));
		const sessions = logSessions(p, c, createRng(5));
		const flat = sessions.flat();
		expect(loggedCounts(sessions, c.slots)).toEqual({
			impressions: flat.length,
			clicks: flat.reduce((s, r) => s + r.click, 0),
			purchases: flat.reduce((s, r) => s + r.conversion, 0),
			clicksBySlot: Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).reduce((s, r) => s + r.click, 0)),
			impressionsBySlot: Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).length)
		});
	});
});

describe('offline vs online: the scoreboard of a partial result', () => {
	it('shows the offline columns and the finished tests, "testing…" for the running one, and says who wins only of the complete result', async () => {
		const api = createOfflineOnlineApi();
		await api.init('cpu');
		let partial: OfflineOnlineProgress | null = null;
		const out = await api.run(SMALL, (p) => {
			if (p.stage.kind === 'ab-test' && p.stage.model === 'click-debiased' && !partial) partial = p;
		});
		if (out.status !== 'done') throw new Error('cancelled');
		const p = partial! as OfflineOnlineProgress;
		const html = render(Scoreboard, { props: { result: p.partial!, alpha: 0.01, complete: false, testing: 'click-debiased' } }).body;
		expect(html).not.toContain('data-testid="oo-headline"');
		expect(text(html)).toContain("Results so far: every model's offline metrics, and the online lifts of 1 of 4 candidates");
		expect(text(html)).not.toMatch(/earns the most|agree|wrong model/);
		expect(html).toMatch(/data-testid="pending-click-debiased"[^>]*>testing…/);
		expect(html).toMatch(/data-testid="pending-revenue"[^>]*>waiting for its A\/B test/);
		expect(html).not.toContain('pending-click-naive');
		// No online column is marked best while tests run; the offline click AUC is (every model's is known).
		expect((html.match(/class="[^"]*\bwin\b/g) ?? []).length).toBe(1);
		const done = render(Scoreboard, { props: { result: out.result, alpha: 0.01 } }).body;
		expect(done).toContain('data-testid="oo-headline"');
		expect(done).not.toContain('pending-');
		expect(done).not.toContain('still running');
		expect((done.match(/class="[^"]*\bwin\b/g) ?? []).length).toBe(3);
	});
});
