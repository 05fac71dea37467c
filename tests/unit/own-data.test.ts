import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { readCsv, parseNumber, isMissing } from '../../src/lib/data/table/csv';
import { ImportError, openText } from '../../src/lib/data/table/text-stream';
import { analyseDays, simulateDays, simulateExperiment } from '../../src/lib/labs/abtest/worker/experiment';
import { dailyCsv, importExperiment, layoutOf, ownAnalysisOptions, revenueCsv } from '../../src/lib/labs/abtest/worker/own-data';
import { createAbtestApi } from '../../src/lib/labs/abtest/worker/api';
import { defaults } from '../../src/lib/url/schema';
import { abtestSchema, experimentConfig } from '../../src/lib/labs/abtest/params';
import type { DayCounts } from '../../src/lib/labs/abtest/types';

const LIVE = { stale: false };
const blob = (text: string | Uint8Array) => new Blob([text as BlobPart]);
const CONFIG = { ...experimentConfig(defaults(abtestSchema)), days: 10 };

async function importError(text: string | Uint8Array): Promise<ImportError> {
	try {
		await importExperiment(blob(text), LIVE);
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return e as ImportError;
	}
	throw new Error('expected an ImportError');
}

describe('reading a table: types, missing values, delimiters, gzip', () => {
	it('infers numeric and categorical columns and counts missing values, streamed in pieces', async () => {
		let text = 'id;group;score;note\n';
		for (let i = 0; i < 30000; i++) text += `${i};${i % 3 ? 'A' : 'B'};${i % 10 === 0 ? 'NA' : (i / 7).toFixed(3)};"x; ${i}"\n`;
		const batches: number[] = [];
		const p = await readCsv(await openText(blob(gzipSync(text))), { onRows: (rows) => void batches.push(rows.length) });
		expect(p.delimiter).toBe(';');
		expect(p.rows).toBe(30000);
		expect(batches.length).toBeGreaterThan(1);
		expect(batches.reduce((a, b) => a + b, 0)).toBe(30000);
		const [id, group, score, note] = p.columns;
		expect([id.type, group.type, score.type, note.type]).toEqual(['numeric', 'categorical', 'numeric', 'categorical']);
		expect(score.missing).toBe(3000);
		expect([...group.distinct.keys()].sort()).toEqual(['A', 'B']);
		expect(id.more).toBe(true);
	});
	it('reads plain decimal numbers only, and the usual missing markers', () => {
		expect(parseNumber(' 1.5e3 ')).toBe(1500);
		for (const v of ['0x10', '1,000', '12px', '', 'Infinity']) expect(parseNumber(v)).toBeNaN();
		// The fast path agrees with the plain-decimal grammar on every string of these characters up to length 4.
		const re = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
		const chars = ['0', '7', '.', '+', '-', 'e', 'E', 'x', ' ', 'b'];
		let strings = [''];
		for (let len = 0; len < 4; len++) strings = [...strings, ...strings.filter((s) => s.length === len).flatMap((s) => chars.map((c) => s + c))];
		for (const s of strings) {
			const t = s.trim();
			expect(parseNumber(s), JSON.stringify(s)).toBe(re.test(t) ? Number(t) : NaN);
		}
		expect(parseNumber('1e999')).toBe(Infinity);
		expect(isMissing(' NA ')).toBe(true);
		expect(isMissing('NA123')).toBe(false);
		for (const v of ['', ' NA', 'n/a', 'NaN', 'null', 'None']) expect(isMissing(v)).toBe(true);
	});
	it('says in words what is wrong with a file, naming the row and column', async () => {
		const cases: Array<[string | Uint8Array, RegExp, number | undefined]> = [
			['', /The file is empty/, undefined],
			[new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), /not a text file/, undefined],
			['1,2,3,4\n5,6,7,8\n', /first row has no column names/, 1],
			['day,visitors_a,conversions_a,visitors_b,conversions_b\n', /header but no data rows/, undefined],
			['day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,5,100\n', /Row 2 has 4 fields; the header has 5/, 2],
			[
				'day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,5,100,4\n2,100,-1,100,4\n',
				/Row 3, column “conversions_a”: a count cannot be negative/,
				3
			],
			[
				'day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,5,100,140\n',
				/Row 2, column “conversions_b”: 140 conversions is more than the 100 visitors/,
				2
			],
			['day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,5,lots,4\n', /Row 2, column “visitors_b”: “lots” is not a number/, 2],
			['day,visitors_a,conversions_a,visitors_b\n1,100,5,100\n', /no column for variant conversions/, 1],
			['when,who,what\n1,2,3\n', /neither per-day counts .* nor per-user rows/, 1],
			['arm,converted\nA,1\nB,0\nC,1\n', /more than two values .*“C” by row 4/, 4],
			['arm,converted\nA,1\nA,0\n', /has one value \(“A”\): an experiment needs two arms/, undefined],
			['arm,converted\nA,1\nB,2\n', /Row 3, column “converted”: converted must be 0 or 1/, 3],
			['arm,converted\nA,yes\n', /Row 2, column “converted”: converted must be 0 or 1, or true or false \(got “yes”\)/, 2],
			['arm,revenue\nA,10\nB,-3\n', /revenue cannot be negative/, 3]
		];
		for (const [text, message, row] of cases) {
			const e = await importError(text);
			expect(e.message, String(text).slice(0, 40)).toMatch(message);
			expect(e.row, String(text).slice(0, 40)).toBe(row);
		}
		await expect(openText(blob('a,b\n1,2\n'), 4)).rejects.toThrow(/this lab reads files up to/);
	});
});

describe('the A/B lab: own data', () => {
	it('recognises the layouts from the header', () => {
		expect(layoutOf(['Date', 'Control Visitors', 'Control Conversions', 'Variant Visitors', 'Variant Conversions']).layout).toBe('daily');
		expect(layoutOf(['user', 'group', 'revenue'])).toMatchObject({ layout: 'users', mode: 'revenue' });
	});

	it('round trip: the lab’s own experiment, exported and imported (plain and gzip), gives the same day-by-day results', async () => {
		const daily = simulateDays({ ...CONFIG, mode: 'conversion' });
		const csv = dailyCsv(daily);
		const simulated = simulateExperiment({ ...CONFIG, mode: 'conversion' });
		for (const file of [blob(csv), blob(gzipSync(csv))]) {
			const own = await importExperiment(file, LIVE);
			expect(own.layout).toBe('daily');
			expect(own.days).toEqual(daily);
			// The same counts, analysed with the same rules, give the same days (τ and plan here are the simulation's).
			expect(analyseDays(own.days, CONFIG).days).toEqual(simulated.days);
		}
	});

	it('round trip in revenue mode: per-user rows with every order value give the same sums and the same analysis', async () => {
		const config = { ...CONFIG, mode: 'revenue' as const, days: 4, dailyTraffic: 600 };
		const own = await importExperiment(blob(revenueCsv(config)), LIVE);
		expect(own).toMatchObject({ layout: 'users', mode: 'revenue', arms: { control: 'A', variant: 'B' } });
		expect(own.days).toEqual(simulateDays(config));
		expect(analyseDays(own.days, config).days).toEqual(simulateExperiment(config).days);
	});

	it('per-user rows make the same per-day counts; the control is the arm named like one', async () => {
		const daily = simulateDays({ ...CONFIG, mode: 'conversion', days: 3 });
		const lines = ['user_id,date,arm,converted'];
		let id = 0;
		daily.forEach((d: DayCounts, i) => {
			// Variant rows first, so "first seen" would make it the control: the name decides.
			for (const [arm, a] of [
				['treatment', d.variant],
				['control', d.control]
			] as const)
				for (let k = 0; k < a.n; k++) lines.push(`${id++},2026-01-0${i + 1},${arm},${k < a.conversions ? 1 : 0}`);
		});
		const own = await importExperiment(blob(lines.join('\r\n')), LIVE);
		expect(own.layout).toBe('users');
		expect(own.arms).toEqual({ control: 'control', variant: 'treatment' });
		expect(own.days.map((d) => d.label)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
		expect(own.days.map((d) => [d.control.n, d.control.conversions, d.variant.n, d.variant.conversions])).toEqual(
			daily.map((d) => [d.control.n, d.control.conversions, d.variant.n, d.variant.conversions])
		);
		expect(own.columns.map((c) => c.type)).toEqual(['numeric', 'date', 'categorical', 'numeric']);
	});

	it('analyses revenue rows with Welch’s test on the data’s own scale', async () => {
		const rows = ['arm,revenue'];
		for (let i = 0; i < 400; i++) rows.push(`A,${i % 10 === 0 ? 50 : 0}`, `B,${i % 8 === 0 ? 50 : 0}`);
		const own = await importExperiment(blob(rows.join('\n')), LIVE);
		expect(own.mode).toBe('revenue');
		const options = ownAnalysisOptions(own, { alpha: 0.05, bayesThreshold: 0.975, mde: 0.1, relative: true, power: 0.8 });
		expect(options.tau).toBeCloseTo(0.1 * 5, 12);
		const [day] = analyseDays(own.days, options).days;
		expect(day.control.mean).toBeCloseTo(5, 12);
		expect(day.variant.mean).toBeCloseTo(6.25, 12);
		expect(day.pValue).toBeGreaterThan(0);
	});

	it('the worker keeps the data of the last good import; a bad file leaves it; forgetting clears it', async () => {
		const api = createAbtestApi();
		const rules = { alpha: 0.05, bayesThreshold: 0.975, mde: 0.1, relative: true, power: 0.8 };
		expect(api.analyseOwn(rules)).toBeNull();
		const good = await api.importData(blob(dailyCsv(simulateDays({ ...CONFIG, mode: 'conversion' }))));
		expect(good.status).toBe('done');
		const first = api.analyseOwn(rules)!;
		expect(first.days).toHaveLength(10);
		expect(first.trueDiff).toBeNull();
		await expect(api.importData(blob('day,visitors_a\n1,2\n'))).rejects.toThrow(/no column for/);
		expect(api.analyseOwn(rules)).toEqual(first);
		api.forgetOwn();
		expect(api.analyseOwn(rules)).toBeNull();
		expect(api.experimentCsv(CONFIG)).toBe(dailyCsv(simulateDays({ ...CONFIG, mode: 'conversion' })));
	});
});
