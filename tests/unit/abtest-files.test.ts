/**
 * The A/B lab's import of real files: day and date columns read with the file reader's date rules (days in time order,
 * timestamps on their calendar day, the day/month order decided or assumed and said), decimal commas, the columns'
 * filled cells and distinct values. Three small files under tests/fixtures/own-data/ are made here by a seeded
 * generator and checked to be exactly what it makes (`UPDATE_FIXTURES=1 npx vitest run tests/unit/abtest-files.test.ts`
 * rewrites them); the e2e spec tests/e2e/abtest-files.spec.ts drops the same files on the page.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, type Rng } from '../../src/lib/data/rng';
import { ImportError } from '../../src/lib/data/table/text-stream';
import { importExperiment } from '../../src/lib/labs/abtest/worker/own-data';
import { createAbtestApi, type ImportSummary } from '../../src/lib/labs/abtest/worker/api';
import { importSummaryText } from '../../src/lib/labs/abtest/sentences';
import { parquetWriteBuffer } from 'hyparquet-writer';

const DIR = join(__dirname, '../fixtures/own-data');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const LIVE = { stale: false };
const blob = (b: Uint8Array | string) => new Blob([b as BlobPart]);
const DAY_MS = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
const pad = (n: number) => String(n).padStart(2, '0');

/** Per day: control visitors, conversions (buyers), revenue sum, then the same for the variant. */
type Tally = [number, number, number, number, number, number];

/** Per-user rows with timestamps (`2026-03-02 14:03:11`), shuffled: six days, control and treatment. */
function usersWithTimestamps(rng: Rng): { csv: string; days: string[]; tally: Tally[] } {
	const start = Date.UTC(2026, 2, 2);
	const rows: string[] = [];
	const tally: Tally[] = [];
	const days: string[] = [];
	for (let d = 0; d < 6; d++) {
		const t: Tally = [0, 0, 0, 0, 0, 0];
		days.push(iso(start + d * DAY_MS));
		for (const [arm, rate, at] of [
			['control', 0.1, 0],
			['treatment', 0.14, 3]
		] as const) {
			const n = 30 + rng.int(15);
			for (let i = 0; i < n; i++) {
				const time = new Date(start + d * DAY_MS + rng.int(DAY_MS / 1000) * 1000).toISOString().slice(0, 19).replace('T', ' ');
				const converted = rng.next() < rate ? 1 : 0;
				rows.push(`${time},${arm},${converted}`);
				t[at]++;
				t[at + 1] += converted;
				t[at + 2] += converted;
			}
		}
		tally.push(t);
	}
	rng.shuffle(rows);
	return { csv: ['user_id,timestamp,arm,converted', ...rows.map((r, i) => `u${1000 + i},${r}`)].join('\n') + '\n', days, tally };
}

/** Per-user revenue written as continental Excel does: `;` between fields, `26.02.2026` dates, `17,99` (and `1.250,00`) amounts. */
function revenueWithDecimalCommas(rng: Rng): { csv: string; days: string[]; tally: Tally[] } {
	const start = Date.UTC(2026, 1, 26);
	const rows: string[] = [];
	const tally: Tally[] = [];
	const days: string[] = [];
	for (let d = 0; d < 6; d++) {
		const day = new Date(start + d * DAY_MS);
		days.push(iso(day.getTime()));
		const written = `${pad(day.getUTCDate())}.${pad(day.getUTCMonth() + 1)}.${day.getUTCFullYear()}`;
		const t: Tally = [0, 0, 0, 0, 0, 0];
		for (const [arm, rate, at] of [
			['A', 0.2, 0],
			['B', 0.25, 3]
		] as const) {
			const n = 25 + rng.int(15);
			for (let i = 0; i < n; i++) {
				let cents = 0;
				if (rng.next() < rate) cents = rng.next() < 0.05 ? 100_000 + rng.int(50_000) : 500 + Math.round(Math.exp(3 + rng.normal()) * 100);
				const euros = Math.floor(cents / 100);
				const whole = euros >= 1000 ? `${Math.floor(euros / 1000)}.${String(euros % 1000).padStart(3, '0')}` : String(euros);
				rows.push(`${written};${arm};${cents ? `${whole},${pad(cents % 100)}` : '0'}`);
				t[at]++;
				if (cents) t[at + 1]++;
				t[at + 2] += cents / 100;
			}
		}
		tally.push(t);
	}
	rng.shuffle(rows);
	return { csv: ['date;group;revenue', ...rows].join('\r\n') + '\r\n', days, tally };
}

/** Per-day counts with US dates (`12/25/2025`) over a year's end, rows shuffled. */
function daysWithUsDates(rng: Rng): { csv: string; days: string[]; tally: Tally[] } {
	const start = Date.UTC(2025, 11, 25);
	const rows: string[] = [];
	const tally: Tally[] = [];
	const days: string[] = [];
	for (let d = 0; d < 14; d++) {
		const day = new Date(start + d * DAY_MS);
		days.push(iso(day.getTime()));
		const [na, nb] = [900 + rng.int(200), 900 + rng.int(200)];
		const [ca, cb] = [rng.binomial(na, 0.05), rng.binomial(nb, 0.056)];
		rows.push(`${day.getUTCMonth() + 1}/${day.getUTCDate()}/${day.getUTCFullYear()},${na},${ca},${nb},${cb}`);
		tally.push([na, ca, ca, nb, cb, cb]);
	}
	rng.shuffle(rows);
	return { csv: ['date,visitors_a,conversions_a,visitors_b,conversions_b', ...rows].join('\n') + '\n', days, tally };
}

const FILES = {
	'abtest-users-timestamps.csv': usersWithTimestamps(createRng(2601)),
	'abtest-revenue-decimal-comma.csv': revenueWithDecimalCommas(createRng(2602)),
	'abtest-days-us-dates.csv': daysWithUsDates(createRng(2603))
};
type Name = keyof typeof FILES;

if (UPDATE) {
	if (!existsSync(DIR)) mkdirSync(DIR, { recursive: true });
	for (const [name, f] of Object.entries(FILES)) writeFileSync(join(DIR, name), f.csv);
}
const fixture = (name: Name) => readFileSync(join(DIR, name));

function tallyOf(days: Awaited<ReturnType<typeof importExperiment>>['days']): Tally[] {
	return days.map((d) => [d.control.n, d.control.conversions, d.control.sum, d.variant.n, d.variant.conversions, d.variant.sum]);
}

async function summaryOf(file: Blob): Promise<ImportSummary> {
	const out = await createAbtestApi().importData(file);
	if (out.status !== 'done') throw new Error('cancelled');
	return out.result;
}

async function importError(text: string): Promise<ImportError> {
	try {
		await importExperiment(blob(text), LIVE);
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return e as ImportError;
	}
	throw new Error('expected an ImportError');
}

describe('A/B import: committed files', () => {
	it('the files are what the seeded generator makes', () => {
		for (const [name, f] of Object.entries(FILES)) expect(fixture(name as Name).toString('utf8'), name).toBe(f.csv);
	});

	it('per-user rows with timestamps, out of order: each row on its calendar day, the days in order of date', async () => {
		const f = FILES['abtest-users-timestamps.csv'];
		const own = await importExperiment(blob(fixture('abtest-users-timestamps.csv')), LIVE);
		expect(own.layout).toBe('users');
		expect(own.arms).toEqual({ control: 'control', variant: 'treatment' });
		expect(own.days.map((d) => d.label)).toEqual(f.days);
		expect(tallyOf(own.days)).toEqual(f.tally);
		expect(own.dayColumn).toEqual({ column: 'timestamp', dates: { order: 'ymd', assumed: false, time: true } });
		expect(own.columns.find((c) => c.name === 'timestamp')?.type).toBe('date');
		const text = importSummaryText(await summaryOf(blob(fixture('abtest-users-timestamps.csv'))));
		expect(text).toContain('one row per user (converted or not), 6 days.');
		expect(text).toContain('Days from “timestamp”: timestamps (year-month-day), read as written (no time zone applied), each row counted on its calendar day');
		expect(text).toContain('6 days from 2026-03-02 to 2026-03-07, in order of date.');
	});

	it('a `;` file with decimal commas and day.month.year dates: revenues are numbers, days in order over the month’s end', async () => {
		const f = FILES['abtest-revenue-decimal-comma.csv'];
		const own = await importExperiment(blob(fixture('abtest-revenue-decimal-comma.csv')), LIVE);
		expect(own).toMatchObject({ layout: 'users', mode: 'revenue', delimiter: ';', format: { delimiter: ';', decimalComma: true } });
		expect(own.days.map((d) => d.label)).toEqual(f.days);
		expect(own.days.map((d) => d.label)).toEqual(['2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02', '2026-03-03']);
		const got = tallyOf(own.days);
		got.forEach((t, i) => t.forEach((x, j) => expect(x, `day ${i + 1}, field ${j}`).toBeCloseTo(f.tally[i][j], 6)));
		// Some amounts are over 1,000 (`1.250,00`): read with their thousands.
		expect(Math.max(...own.days.map((d) => d.control.sum + d.variant.sum))).toBeGreaterThan(1000);
		expect(own.dayColumn?.dates).toEqual({ order: 'dmy', assumed: false, time: false });
		expect(own.columns.find((c) => c.name === 'revenue')).toMatchObject({ type: 'numeric', missing: 0, present: own.rows });
		expect(own.columns.find((c) => c.name === 'revenue')!.distinct).toBeGreaterThan(50);
		expect(own.columns.find((c) => c.name === 'group')).toMatchObject({ type: 'categorical', distinct: 2, missing: 0, present: own.rows });
		const text = importSummaryText(await summaryOf(blob(fixture('abtest-revenue-decimal-comma.csv'))));
		expect(text).toContain('(semicolon-separated, numbers written with decimal commas: “17,99” read as 17.99) as one row per user (revenue), 6 days.');
		expect(text).toContain('Days from “date”: dates (day/month/year); 6 days from 2026-02-26 to 2026-03-03, in order of date.');
	});

	it('per-day counts with US dates, shuffled: days in order of date, month first read from the file', async () => {
		const f = FILES['abtest-days-us-dates.csv'];
		const own = await importExperiment(blob(fixture('abtest-days-us-dates.csv')), LIVE);
		expect(own.layout).toBe('daily');
		expect(own.days.map((d) => d.label)).toEqual(f.days);
		expect(tallyOf(own.days)).toEqual(f.tally);
		expect(own.dayColumn?.dates).toEqual({ order: 'mdy', assumed: false, time: false });
	});
});

describe('A/B import: day columns', () => {
	it('dated per-user rows out of order give the days in order of date, not of first appearance', async () => {
		const own = await importExperiment(blob('date,arm,converted\n2026-01-03,A,1\n2026-01-01,B,0\n2026-01-02,A,0\n2026-01-01,A,1\n2026-01-03,B,1\n'), LIVE);
		expect(own.days.map((d) => d.label)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
		expect(own.days.map((d) => [d.control.n, d.control.conversions, d.variant.n, d.variant.conversions])).toEqual([
			[1, 1, 1, 0],
			[1, 0, 0, 0],
			[1, 1, 1, 1]
		]);
	});

	it('timestamps fall on their calendar day; a plain date and a timestamp of one day are one day', async () => {
		const own = await importExperiment(
			blob('ts,arm,converted\n2026-01-02T23:59:59,A,1\n2026-01-01 00:00,B,0\n2026-01-02,B,1\n2026-01-01T12:30:00Z,A,0\n2026-01-02T00:00:01+00:00,A,0\n'),
			LIVE
		);
		expect(own.days.map((d) => d.label)).toEqual(['2026-01-01', '2026-01-02']);
		expect(own.days.map((d) => [d.control.n, d.variant.n])).toEqual([
			[1, 1],
			[2, 1]
		]);
		expect(own.dayColumn?.dates?.time).toBe(true);
	});

	it('per-day counts on the same date are added up', async () => {
		const own = await importExperiment(
			blob('date,visitors_a,conversions_a,visitors_b,conversions_b\n2026-01-02,10,1,10,2\n2026-01-01 09:00,5,1,5,0\n2026-01-01 17:00,5,0,5,1\n'),
			LIVE
		);
		expect(own.days.map((d) => [d.label, d.control.n, d.control.conversions, d.variant.n, d.variant.conversions])).toEqual([
			['2026-01-01', 10, 1, 10, 1],
			['2026-01-02', 10, 1, 10, 2]
		]);
	});

	it('an order the file does not show is assumed and said: month first, or day first in a file with decimal commas', async () => {
		const us = await summaryOf(blob('date,arm,revenue\n01/02/2026,A,1.5\n01/03/2026,B,2.5\n01/02/2026,B,0\n'));
		expect(us.dayColumn?.dates).toEqual({ order: 'mdy', assumed: true, time: false });
		expect(us.dayLabels).toEqual(['2026-01-02', '2026-01-03']);
		expect(importSummaryText(us)).toContain('dates (month/day/year assumed — no part is over 12, so the file does not show which is the month)');
		const eu = await summaryOf(blob('date;arm;revenue\n01/02/2026;A;1,5\n01/03/2026;B;2,5\n01/02/2026;B;0\n'));
		expect(eu.dayColumn?.dates).toEqual({ order: 'dmy', assumed: true, time: false });
		expect(eu.dayLabels).toEqual(['2026-02-01', '2026-03-01']);
		expect(importSummaryText(eu)).toContain('day/month/year assumed');
		// One day over 12 decides it for the whole column, wherever it is.
		const decided = await summaryOf(blob('date,arm,converted\n01/02/2026,A,1\n02/01/2026,B,0\n25/01/2026,A,0\n'));
		expect(decided.dayColumn?.dates).toEqual({ order: 'dmy', assumed: false, time: false });
		expect(decided.dayLabels).toEqual(['2026-01-02', '2026-01-25', '2026-02-01']);
	});

	it('a value that is not a date, a missing date, or dates written both ways: the row and column in words', async () => {
		expect((await importError('date,arm,converted\n2026-01-01,A,1\n2026-01-02,B,0\nsoon,A,1\n')).message).toBe(
			"Row 4, column “date”: “soon” is not a date, but the column's first value (“2026-01-01”, row 2) is one. Write every day as a date, or every day as a label such as 1, 2, 3."
		);
		expect((await importError('date,arm,converted\n2026-01-01,A,1\n,B,0\n')).message).toBe(
			'Row 3, column “date”: the date is missing (row 2 has “2026-01-01”); every row needs its day.'
		);
		expect((await importError('day,visitors_a,conversions_a,visitors_b,conversions_b\n,10,1,10,1\n2026-01-02,10,1,10,2\n')).message).toMatch(
			/^Row 2, column “day”: the date is missing \(row 3 has “2026-01-02”\)/
		);
		// A day seen before does not vouch for an impossible time on it.
		expect((await importError('date,arm,converted\n2026-01-01 10:00,A,1\n2026-01-01 25:00,B,0\n')).message).toMatch(
			/^Row 3, column “date”: “2026-01-01 25:00” is not a date/
		);
		const both = await importError('date,arm,converted\n13/01/2026,A,1\n01/02/2026,B,0\n01/14/2026,A,1\n');
		expect(both.message).toBe(
			'Row 4, column “date”: “01/14/2026” can only be read as month/day/year, but “13/01/2026” on row 2 only as day/month/year. Write every date of the column the same way.'
		);
		expect(both.row).toBe(4);
	});

	it('labels that are not dates keep working: per-day rows in file order, per-user labels by number or first appearance', async () => {
		const daily = await importExperiment(blob('day,visitors_a,conversions_a,visitors_b,conversions_b\n2,10,1,10,2\n1,10,0,10,1\n'), LIVE);
		expect(daily.days.map((d) => d.label)).toEqual(['2', '1']);
		expect(daily.dayColumn).toEqual({ column: 'day', dates: null });
		const numbered = await importExperiment(blob('day,arm,converted\n3,A,1\n1,B,0\n2,A,0\n1,A,1\n10,B,1\n'), LIVE);
		expect(numbered.days.map((d) => d.label)).toEqual(['1', '2', '3', '10']);
		const named = await importExperiment(blob('day,arm,converted\nday 2,A,1\nday 1,B,0\nday 2,B,0\n'), LIVE);
		expect(named.days.map((d) => d.label)).toEqual(['day 2', 'day 1']);
		expect(named.columns[0].type).toBe('categorical');
		const none = await importExperiment(blob('arm,converted\nA,1\nB,0\n'), LIVE);
		expect(none.days.map((d) => d.label)).toEqual(['all']);
		expect(none.dayColumn).toBeNull();
	});
});

describe('A/B import: columns of the file', () => {
	it('filled cells and distinct values are two numbers, each named', async () => {
		const rows = ['arm,converted,note'];
		for (let i = 0; i < 300; i++) rows.push(`${i % 2 ? 'A' : 'B'},${i % 7 === 0 ? 1 : 0},${i % 3 === 0 ? 'NA' : `n${i}`}`);
		const own = await importExperiment(blob(rows.join('\n')), LIVE);
		expect(own.columns).toEqual([
			{ name: 'arm', type: 'categorical', present: 300, missing: 0, distinct: 2 },
			{ name: 'converted', type: 'numeric', present: 300, missing: 0, distinct: 2 },
			{ name: 'note', type: 'categorical', present: 200, missing: 100, distinct: null }
		]);
	});
});

describe('a Parquet file in the A/B lab', () => {
	it('per-user rows with a boolean converted and a DATE column: read as a CSV of the same rows would be', async () => {
		const rng = createRng(11);
		const n = 600;
		const arm: string[] = [];
		const converted: boolean[] = [];
		const date: Date[] = [];
		let csv = 'arm,converted,date\n';
		for (let i = 0; i < n; i++) {
			const a = rng.next() < 0.5 ? 'control' : 'treatment';
			const c = rng.next() < (a === 'control' ? 0.1 : 0.15);
			const t = Date.UTC(2026, 0, 1) + rng.int(5) * DAY_MS;
			arm.push(a);
			converted.push(c);
			date.push(new Date(t));
			csv += `${a},${c ? 1 : 0},${iso(t)}\n`;
		}
		const bytes = parquetWriteBuffer({
			columnData: [
				{ name: 'arm', data: arm },
				{ name: 'converted', data: converted },
				{ name: 'date', data: date }
			],
			schema: [
				{ name: 'root', num_children: 3 },
				{ name: 'arm', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
				{ name: 'converted', type: 'BOOLEAN', repetition_type: 'REQUIRED' },
				{ name: 'date', type: 'INT32', converted_type: 'DATE', repetition_type: 'REQUIRED' }
			]
		} as Parameters<typeof parquetWriteBuffer>[0]);
		const fromParquet = await importExperiment(new File([bytes], 'users.parquet'), LIVE);
		const fromCsv = await importExperiment(blob(csv), LIVE);
		expect(fromParquet.format.kind).toBe('parquet');
		expect(fromParquet.layout).toBe('users');
		expect(fromParquet.days).toEqual(fromCsv.days);
		expect(fromParquet.days.map((d) => d.label)).toEqual(['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05']);
		expect(importSummaryText(await summaryOf(new File([bytes], 'users.parquet')))).toContain('(Parquet)');
	});
	it('a converted value that is neither 0/1 nor true/false is named', async () => {
		await expect(importExperiment(blob('arm,converted\nA,1\nB,yes\n'), LIVE)).rejects.toThrow(
			/Row 3, column “converted”: converted must be 0 or 1, or true or false \(got “yes”\)/
		);
	});
});
