/**
 * The drift report's time column: dates and timestamps grouped by day, ISO week, month, quarter or year (periods in
 * time order whatever the row order, the default grouping from the span, missing dates and small periods said), the
 * day/month switch of an ambiguous column, decimal commas, and the default features (not one over half missing).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '../../src/lib/data/rng';
import type { Dictionary, StoredTable } from '../../src/lib/data/table/column-store';
import { readTable, type FileSummary } from '../../src/lib/labs/drift/worker/own-data';
import { driftReport, type DriftRoles, type OwnDriftReport } from '../../src/lib/labs/drift/worker/own-report';
import {
	MIN_PERIOD_ROWS,
	PERIODS,
	batchesByPeriod,
	dayOf,
	defaultPeriod,
	periodIndex,
	periodLabel,
	periodStartDay,
	periodSummary
} from '../../src/lib/labs/drift/worker/own-periods';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import { featureChoices, guessRoles } from '../../src/lib/labs/drift/roles';
import { dateColumnText, decimalCommaText, orderText, periodNotes, periodOptionText, ruleText, sampleTexts } from '../../src/lib/labs/drift/own-words';
import { DAILY, DRIFT_FIXTURES, FLIGHTS } from './drift-fixtures';

const LIVE = { stale: false };
const DAY = 86_400_000;
const ROLES: DriftRoles = { batch: null, referenceBatches: 1, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 };
const DIR = join(__dirname, '../fixtures/own-data');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const utc = (s: string) => Date.parse(`${s}T00:00:00Z`);
const label = (s: string, unit: (typeof PERIODS)[number]) => periodLabel(periodIndex(dayOf(utc(s)), unit), unit);

async function read(text: string, dicts = new Map<string, Dictionary>()): Promise<{ table: StoredTable; summary: FileSummary }> {
	return readTable(new Blob([text]), dicts, LIVE);
}
async function report(text: string, roles: Partial<DriftRoles>): Promise<OwnDriftReport> {
	return driftReport({ reference: (await read(text)).table, current: null }, { ...ROLES, ...roles });
}
const feature = (r: OwnDriftReport, name: string) => r.features.find((f) => f.name === name)!;
const fixture = (name: string) => readFileSync(join(DIR, name), 'utf8');

/** `date,x,colour` with `perDay` rows a day from `first` for `days` days; x + `shift` from day `shiftFrom` on. */
function daily(first: string, days: number, perDay: number, opts: { shift?: number; shiftFrom?: number; format?: (ms: number) => string } = {}): string {
	const rng = createRng(days * 7 + perDay);
	const lines = ['date,x,colour'];
	for (let d = 0; d < days; d++) {
		const t = utc(first) + d * DAY;
		for (let k = 0; k < perDay; k++) {
			const x = rng.normal() + (d >= (opts.shiftFrom ?? Infinity) ? (opts.shift ?? 0) : 0);
			lines.push(`${opts.format ? opts.format(t) : new Date(t).toISOString().slice(0, 10)},${x.toFixed(4)},${rng.next() < 0.5 ? 'a' : 'b'}`);
		}
	}
	return lines.join('\n') + '\n';
}

describe('periods of known dates', () => {
	it('each grouping labels a Wednesday in March 2012 as a person would', () => {
		expect(PERIODS.map((u) => label('2012-03-07', u))).toEqual(['2012-03-07', 'week of 2012-03-05', '2012-03', '2012 Q1', '2012']);
		expect(label('2012-04-01', 'quarter')).toBe('2012 Q2');
		expect(label('2012-12-31', 'quarter')).toBe('2012 Q4');
		expect(label('1969-07-20', 'month')).toBe('1969-07');
	});

	it('ISO weeks start on Monday, across month, year and 1970 boundaries', () => {
		expect(label('2012-03-04', 'week')).toBe('week of 2012-02-27'); // a Sunday
		expect(label('2012-03-05', 'week')).toBe('week of 2012-03-05'); // a Monday
		expect(label('2013-01-06', 'week')).toBe('week of 2012-12-31'); // the week holding New Year
		expect(label('2021-01-01', 'week')).toBe('week of 2020-12-28');
		expect(label('1970-01-01', 'week')).toBe('week of 1969-12-29');
		expect(label('1969-12-28', 'week')).toBe('week of 1969-12-22');
		// Every day of 1968–2031: its week starts on the Monday on or before it, six days before the next week starts.
		for (let d = dayOf(utc('1968-01-01')); d < dayOf(utc('2032-01-01')); d++) {
			const k = periodIndex(d, 'week');
			const monday = d - ((new Date(d * DAY).getUTCDay() + 6) % 7);
			expect(periodStartDay(k, 'week')).toBe(monday);
			expect(periodStartDay(k + 1, 'week') - periodStartDay(k, 'week')).toBe(7);
		}
	});

	it('consecutive periods have consecutive indices and start on their first day', () => {
		for (const unit of ['month', 'quarter', 'year'] as const) {
			const k = periodIndex(dayOf(utc('2011-11-15')), unit);
			for (let j = k; j < k + 30; j++) {
				const start = new Date(periodStartDay(j, unit) * DAY);
				expect(start.getUTCDate()).toBe(1);
				expect(periodIndex(periodStartDay(j, unit), unit)).toBe(j);
				expect(periodIndex(periodStartDay(j + 1, unit) - 1, unit)).toBe(j);
			}
		}
	});

	it('the default grouping gives at most 60 periods, the finest that does', () => {
		const span = (a: string, b: string) => defaultPeriod(utc(a), utc(b));
		expect(span('2012-01-01', '2015-12-31')).toBe('month'); // 4 years of days (seattle-weather)
		expect(defaultPeriod(Date.UTC(2001, 0, 1, 0, 47), Date.UTC(2001, 0, 21, 23, 59))).toBe('day'); // 3 weeks of timestamps
		expect(span('2023-01-01', '2024-02-29')).toBe('month'); // 14 months: 61 weeks
		expect(span('2012-01-01', '2012-02-29')).toBe('day'); // 60 days
		expect(span('2012-01-01', '2012-03-01')).toBe('week'); // 61 days
		expect(span('2000-01-01', '2014-12-31')).toBe('quarter'); // 15 years
		expect(span('1900-01-01', '2000-12-31')).toBe('year');
	});
});

describe('rows into periods', () => {
	it('unsorted rows: periods in time order, rows in time order within each, missing dates counted, empty periods named', () => {
		const ms = ['2012-03-09', '2012-01-31', '', '2012-03-02', '2012-01-02', '2012-01-15', '2012-05-01'].map((s) => (s ? utc(s) : NaN));
		const b = batchesByPeriod(Float64Array.from(ms), 'month');
		expect(b.labels).toEqual(['2012-01', '2012-03', '2012-05']);
		expect(b.rows.map((r) => [...r])).toEqual([[4, 5, 1], [3, 0], [6]]);
		expect(b.missing).toBe(1);
		expect(b.empty).toEqual({ count: 2, labels: ['2012-02', '2012-04'] });
		const some = batchesByPeriod(Float64Array.from(ms), 'year', Int32Array.from([0, 6, 2]));
		expect(some.labels).toEqual(['2012']);
		expect([...some.rows[0]]).toEqual([0, 6]);
		expect(some.missing).toBe(1);
	});

	it('rows at the same moment keep the file order; a timestamp falls on its own day', () => {
		const t = Date.UTC(2001, 0, 1, 23, 59);
		const b = batchesByPeriod(Float64Array.from([t, Date.UTC(2001, 0, 2, 0, 0), t, Date.UTC(2001, 0, 1, 0, 1)]), 'day');
		expect(b.labels).toEqual(['2001-01-01', '2001-01-02']);
		expect(b.rows.map((r) => [...r])).toEqual([[3, 0, 2], [1]]);
	});

	it('the summary counts periods and rows per grouping', () => {
		const values = Float64Array.from({ length: 366 * 2 }, (_, i) => utc('2012-01-01') + Math.floor(i / 2) * DAY);
		values[5] = NaN;
		const s = periodSummary(values);
		expect(s.missing).toBe(1);
		expect(s.suggested).toBe('week');
		const by = Object.fromEntries(s.counts.map((c) => [c.unit, c]));
		expect(by.day).toMatchObject({ periods: 366, span: 366, minRows: 1, maxRows: 2, small: 366 });
		// 2012-01-01 was a Sunday and 2012-12-31 a Monday: each alone in its week.
		expect(by.week).toMatchObject({ periods: 54, span: 54, minRows: 2, maxRows: 14, small: 2 });
		expect(by.month).toMatchObject({ periods: 12, minRows: 58, maxRows: 62, small: 0 });
		expect(by.quarter.periods).toBe(4);
		expect(by.year).toMatchObject({ periods: 1, minRows: 731, maxRows: 731 });
	});
});

describe('the drift report by period', () => {
	it('four years of days (as seattle-weather): months by default, the first fifth the reference, labels in words', async () => {
		const text = daily('2012-01-01', 1461, 1);
		const { summary } = await read(text);
		const date = summary.columns.find((c) => c.name === 'date')!;
		expect(date.type).toBe('date');
		const g = guessRoles(summary, null);
		expect(g).toMatchObject({ batch: 'date', period: 'month', referenceBatches: 10 });
		const r = await report(text, { batch: 'date', referenceBatches: g.referenceBatches, period: g.period });
		expect(r.period).toMatchObject({ column: 'date', unit: 'month', swapped: false, missing: 0, small: [] });
		expect(r.batches.length).toBe(38);
		expect(r.batches[0]).toEqual({ label: '2012-11', rows: 30 });
		expect(r.reference.rows).toBe(305);
		expect(sampleTexts(r)).toEqual({ reference: 'the first 10 months, 2012-01 to 2012-10', target: 'the 38 later months' });
		expect(feature(r, 'x').verdict).toBe('none');
		const q = await report(text, { batch: 'date', referenceBatches: 2, period: 'quarter', target: 0 });
		expect(q.batches.map((b) => b.label).slice(0, 3)).toEqual(['2012 Q3', '2012 Q4', '2013 Q1']);
		expect(sampleTexts(q).target).toBe('2012 Q3');
		const w = await report(text, { batch: 'date', referenceBatches: 4, period: 'week' });
		// 2012-01-01 was a Sunday: its week began on Monday 2011-12-26.
		expect(sampleTexts(w).reference).toBe('the first 4 weeks, week of 2011-12-26 to week of 2012-01-16');
		expect(w.reference.rows).toBe(1 + 3 * 7);
	});

	it('timestamps (as flights): days by default; the rows of a period are its timestamps, whatever the file order', async () => {
		const text = fixtureText('drift-timestamps.csv');
		const { summary } = await read(text);
		expect(summary.columns[0]).toMatchObject({ name: 'date', type: 'date', date: { order: 'ymd', time: true, assumed: false } });
		const g = guessRoles(summary, null);
		expect(g).toMatchObject({ batch: 'date', period: 'day', referenceBatches: 4 });
		const r = await report(text, { batch: 'date', referenceBatches: 4 });
		expect(r.period!.unit).toBe('day');
		expect(r.batches.map((b) => b.label)).toEqual(Array.from({ length: FLIGHTS.days - 4 }, (_, i) => `2001-01-${String(i + 5).padStart(2, '0')}`));
		expect(r.batches.every((b) => b.rows === FLIGHTS.perDay)).toBe(true);
		// Delays 15 minutes longer from 17 January: those days are beyond noise, the others not.
		const delay = r.timeline.features.find((f) => f.name === 'delay')!;
		expect(delay.over).toEqual(r.batches.map((b) => b.label >= '2001-01-17'));
		// The same rows reversed give the same periods and the same PSI.
		const [head, ...rows] = text.trim().split('\n');
		const reversed = await report([head, ...rows.reverse()].join('\n'), { batch: 'date', referenceBatches: 4 });
		expect(reversed.batches).toEqual(r.batches);
		expect(reversed.timeline).toEqual(r.timeline);
	});

	it('a period with too few rows is shown and not tested; rows without a date are counted and left out', async () => {
		const lines = daily('2012-01-01', 182, 3).trim().split('\n');
		// Keep 4 rows of May 2012, drop its others; blank 7 dates.
		let may = 0;
		const kept = lines.filter((l) => !l.startsWith('2012-05') || may++ < 4);
		for (let i = 1; i <= 7; i++) kept[i * 20] = kept[i * 20].replace(/^[^,]*/, '');
		const r = await report(kept.join('\n'), { batch: 'date', referenceBatches: 2, period: 'month' });
		expect(r.batches.map((b) => b.label)).toEqual(['2012-03', '2012-04', '2012-05', '2012-06']);
		expect(r.batches[2].rows).toBe(4);
		expect(r.period!.small).toEqual([2]);
		expect(r.period!.missing).toBe(7);
		expect(r.reference.rows + r.batches.reduce((s, b) => s + b.rows, 0)).toBe(kept.length - 1 - 7);
		for (const f of r.timeline.features) {
			expect(Number.isNaN(f.psi[2])).toBe(true);
			expect(f.over[2]).toBe(false);
			expect(f.psi.filter(Number.isFinite).length).toBe(3);
		}
		// The family is the periods tested × the features.
		expect(r.timeline.comparisons).toBe(3 * r.family);
		expect(MIN_PERIOD_ROWS).toBe(10);
	});

	it('an ambiguous month/day column is read one way, said as assumed, and switched', async () => {
		// First parts 01–12, second part 05: month/day gives the 5th of each month, day/month the first 12 days of May.
		const mdy = (t: number) => {
			const d = new Date(t);
			return `${String(d.getUTCMonth() + 1).padStart(2, '0')}/05/2012`;
		};
		const text = daily('2012-01-05', 12 * 30, 1, { format: (t) => mdy(t) });
		const { summary } = await read(text);
		const date = summary.columns.find((c) => c.name === 'date')!;
		expect(date.date).toMatchObject({ order: 'mdy', assumed: true });
		const asRead = await report(text, { batch: 'date', referenceBatches: 3, period: 'month' });
		expect(asRead.period).toMatchObject({ swapped: false, format: { order: 'mdy', assumed: true } });
		expect(asRead.batches.map((b) => b.label)).toEqual(['2012-04', '2012-05', '2012-06', '2012-07', '2012-08', '2012-09', '2012-10', '2012-11', '2012-12']);
		const switched = await report(text, { batch: 'date', referenceBatches: 3, period: 'day', swapDayMonth: true });
		expect(switched.period).toMatchObject({ swapped: true, format: { order: 'dmy', assumed: true } });
		expect(switched.batches.map((b) => b.label)).toEqual(Array.from({ length: 9 }, (_, i) => `2012-05-${String(i + 4).padStart(2, '0')}`));
		// The page's grouping counts follow the switch too.
		const api = createDriftApi();
		expect((await api.importFile('reference', new Blob([text]))).status).toBe('done');
		expect(api.ownPeriods('date')!.counts.find((c) => c.unit === 'month')!.periods).toBe(12);
		expect(api.ownPeriods('date', true)!.counts.find((c) => c.unit === 'month')!.periods).toBe(1);
		expect(api.ownPeriods('x')).toBeNull();
	});

	it('batch columns work as before (first appearance order); a date column that is not the time column is not compared', async () => {
		const text = daily('2012-01-01', 40, 10)
			.trim()
			.split('\n')
			.map((l, i) => (i === 0 ? `${l},batch` : `${l},b${Math.floor((i - 1) / 100)}`))
			.join('\n');
		const { summary } = await read(text);
		expect(guessRoles(summary, null)).toMatchObject({ batch: 'batch', period: null, referenceBatches: 1 });
		const r = await report(text, { batch: 'batch', referenceBatches: 1 });
		expect(r.period).toBeNull();
		expect(r.batches.map((b) => b.label)).toEqual(['b1', 'b2', 'b3']);
		expect(feature(r, 'date').verdict).toBe('skipped');
		expect(ruleText(feature(r, 'date').rule)).toMatch(/Dates or times: not compared as a feature/);
	});
});

describe('Parquet', () => {
	it('a DATE column of a Parquet file is a time column too (the reader gives its dates as ISO text)', async () => {
		const file = new File([readFileSync(join(DIR, 'duckdb-zstd.parquet'))], 'duckdb-zstd.parquet');
		const { table, summary } = await readTable(file, new Map(), LIVE);
		expect(guessRoles(summary, null)).toMatchObject({ batch: 'day', period: 'month' });
		const r = await driftReport(
			{ reference: table, current: null },
			{
				...ROLES,
				batch: 'day',
				referenceBatches: 3,
				period: 'quarter',
				// Only x and the timestamps (quick): every other column unticked.
				exclude: summary.columns.map((c) => c.name).filter((n) => n !== 'x' && n !== 'at')
			}
		);
		expect(r.period!.unit).toBe('quarter');
		expect(r.batches[0].label).toMatch(/^20\d\d Q[1-4]$/);
		expect(ruleText(feature(r, 'at').rule)).toMatch(/Dates or times: not compared/);
	});
});

describe('decimal commas and default features', () => {
	it('a `;` file with decimal commas and dotted dates: numbers compared, dates read day first', async () => {
		const text = fixtureText('drift-decimal-comma.csv');
		const { summary } = await read(text);
		expect(summary.format).toMatchObject({ delimiter: ';', decimalComma: true });
		expect(summary.columns.map((c) => c.type)).toEqual(['date', 'numeric', 'numeric', 'categorical']);
		expect(summary.columns[0].date).toMatchObject({ order: 'dmy', assumed: false });
		const g = guessRoles(summary, null);
		expect(g).toMatchObject({ batch: 'datum', period: 'week', referenceBatches: 3 });
		const r = await report(text, { batch: 'datum', referenceBatches: 3, period: g.period });
		expect(r.batches[0].label).toBe('week of 2024-01-22');
		expect(feature(r, 'preis')).toMatchObject({ kind: 'numeric', verdict: 'drift', test: { name: 'KS' } });
		expect(r.features.map((f) => [f.name, f.verdict])).toEqual([
			['preis', 'drift'],
			['menge', 'none'],
			['laden', 'none']
		]);
		const preis = r.timeline.features.find((f) => f.name === 'preis')!;
		expect(preis.over).toEqual(r.batches.map((b) => b.label >= 'week of 2024-03-25'));
	});

	it('a column over half missing is unticked with its reason, and the report says why it is left out', async () => {
		const text = fixtureText('drift-daily.csv');
		const { summary } = await read(text);
		const choices = featureChoices(summary, null, ['date']);
		expect(choices.map((c) => [c.name, c.on])).toEqual([
			['x', true],
			['z', true],
			['colour', true],
			['sparse', false]
		]);
		expect(choices.find((c) => c.name === 'sparse')!.reason).toMatch(/^6\d% missing$/);
		const r = await report(text, { batch: 'date', referenceBatches: 3, period: 'month', exclude: ['sparse'] });
		expect(r.family).toBe(3);
		expect(feature(r, 'sparse')).toMatchObject({ verdict: 'skipped' });
		expect(ruleText(feature(r, 'sparse').rule)).toMatch(/^Not compared: 6\d% of its values are missing \(\d\d% → \d\d%\), so it is left out by default/);
		// Two files: the share is each file's; the larger decides.
		const dicts = new Map<string, Dictionary>();
		const ref = await read('a,b\n' + Array.from({ length: 20 }, (_, i) => `${i},${i < 4 ? '' : i}`).join('\n'), dicts);
		const cur = await read('a,b\n' + Array.from({ length: 20 }, (_, i) => `${i},${i < 15 ? '' : i}`).join('\n'), dicts);
		const two = featureChoices(ref.summary, cur.summary, []);
		expect(two.find((c) => c.name === 'b')).toEqual({ name: 'b', on: false, reason: '75% missing in the current file', cannot: null });
	});
});

describe('the page’s words', () => {
	it('decimal commas and date formats on the file card; groupings with their periods and rows', async () => {
		const comma = (await read(fixture('drift-decimal-comma.csv'))).summary;
		expect(decimalCommaText(comma)).toBe('Numbers written with decimal commas: “18,83” read as 18.83.');
		expect(dateColumnText(comma.columns[0])).toBe('“datum”: dates (day/month/year), 2024-01-01 to 2024-04-21.');
		const flights = (await read(fixture('drift-timestamps.csv'))).summary;
		expect(decimalCommaText(flights)).toBeNull();
		expect(dateColumnText(flights.columns[0])).toBe(
			'“date”: timestamps (year-month-day), read as written (no time zone applied), 2001-01-01 00:02 to 2001-01-21 23:45.'
		);
		expect(periodOptionText({ unit: 'month', periods: 48, span: 48, minRows: 28, maxRows: 31, small: 0 })).toBe('month: 48 periods, 28–31 rows each');
		expect(periodOptionText({ unit: 'day', periods: 21, span: 21, minRows: 60, maxRows: 60, small: 0 })).toBe('day: 21 periods, 60 rows each');
		expect(periodOptionText({ unit: 'week', periods: 3, span: 3, minRows: 4, maxRows: 70, small: 1 })).toBe(
			'week: 3 periods, 4–70 rows each, 1 with fewer than 10'
		);
	});

	it('an assumed order is said with its switch; a split by period says what it left out', async () => {
		const assumed = { order: 'mdy' as const, assumed: true, time: false };
		expect(orderText(assumed, false)).toEqual({
			said: 'Read as month/day/year — no part is over 12, so the file does not show which is the month.',
			other: 'Read as day/month/year instead'
		});
		expect(orderText(assumed, true)!.said).toMatch(/^Read as day\/month\/year \(switched\) — /);
		expect(orderText({ order: 'ymd', assumed: false, time: false }, false)).toBeNull();
		const lines = daily('2012-01-01', 182, 3).trim().split('\n');
		let may = 0;
		const kept = lines.filter((l) => !l.startsWith('2012-05') || may++ < 4).filter((l) => !l.startsWith('2012-02'));
		kept[30] = kept[30].replace(/^[^,]*/, '');
		const r = await report(kept.join('\n'), { batch: 'date', referenceBatches: 1, period: 'month' });
		expect(periodNotes(r)).toEqual([
			'Rows split by month of “date” (dates read as year-month-day), in time order whatever the order of the rows in the file.',
			'1 row without a date in “date” left out.',
			"1 month with fewer than 10 rows is shown but not tested (too few rows for PSI's 10 bins): 2012-05 (4 rows).",
			'No rows in 1 month between the first and the last: 2012-02.'
		]);
	});
});

describe('the dated fixtures', () => {
	beforeAll(() => {
		if (!UPDATE) return;
		if (!existsSync(DIR)) mkdirSync(DIR, { recursive: true });
		for (const [name, make] of Object.entries(DRIFT_FIXTURES)) writeFileSync(join(DIR, name), make());
	});

	it('are what the seeded generator makes today', () => {
		for (const [name, make] of Object.entries(DRIFT_FIXTURES)) expect(fixture(name), name).toBe(make());
	});

	it('the daily file by month: the last three months flagged, the others not, whatever the row order', async () => {
		const text = fixture('drift-daily.csv');
		const { summary } = await read(text);
		expect(guessRoles(summary, null)).toMatchObject({ batch: 'date', period: 'month', referenceBatches: 3 });
		const r = await report(text, { batch: 'date', referenceBatches: 3, period: 'month', exclude: ['sparse'] });
		expect(r.period!.missing).toBe(DAILY.missingDates);
		expect(r.batches.map((b) => b.label)).toEqual([
			'2023-04',
			'2023-05',
			'2023-06',
			'2023-07',
			'2023-08',
			'2023-09',
			'2023-10',
			'2023-11',
			'2023-12',
			'2024-01',
			'2024-02'
		]);
		expect(r.batches.map((b) => b.rows)).toEqual([30, 31, 30, 31, 31, 30, 31, 30, 31, 31, 29].map((d) => d * DAILY.perDay));
		const x = r.timeline.features.find((f) => f.name === 'x')!;
		expect(x.over).toEqual(r.batches.map((b) => b.label >= '2023-12'));
		for (const f of r.timeline.features.filter((f) => f.name !== 'x')) expect(f.over.some(Boolean), f.name).toBe(false);
		expect(r.features.map((f) => [f.name, f.verdict])).toEqual([
			['x', 'drift'],
			['z', 'none'],
			['colour', 'none'],
			['sparse', 'skipped']
		]);
		expect(r.reference).toEqual({ rows: 360, batches: ['2023-01', '2023-02', '2023-03'] });
		expect(r.target).toEqual({ rows: 1340, batch: null });
		expect(sampleTexts(r)).toEqual({ reference: 'the first 3 months, 2023-01 to 2023-03', target: 'the 11 later months' });
		// Ticked, the mostly missing column is compared (and within noise).
		const all = await report(text, { batch: 'date', referenceBatches: 3, period: 'month' });
		expect(feature(all, 'sparse').verdict).toBe('none');
	});
});

function fixtureText(name: string): string {
	return UPDATE ? DRIFT_FIXTURES[name]() : fixture(name);
}
