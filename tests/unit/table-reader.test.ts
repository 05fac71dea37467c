import { describe, expect, it } from 'vitest';
import { parseDate, DateColumn, dateFormatWords } from '../../src/lib/data/table/dates';
import { detectDecimalComma, parseDecimalComma, parseNumber } from '../../src/lib/data/table/numbers';
import { readCsv } from '../../src/lib/data/table/csv';
import { ImportError, openText } from '../../src/lib/data/table/text-stream';
import { ColumnStore } from '../../src/lib/data/table/column-store';
import { readTable } from '../../src/lib/engine/read-table';

const blob = (text: string) => new Blob([text]);
const utc = (...a: [number, number, number, number?, number?, number?]) => Date.UTC(a[0], a[1] - 1, a[2], a[3] ?? 0, a[4] ?? 0, a[5] ?? 0);
const TICKET = { stale: false };

describe('dates and timestamps', () => {
	it('reads ISO dates, months and timestamps, with a zone converted to UTC and without one as written', () => {
		expect(parseDate('2012-01-01')).toEqual({ mdy: utc(2012, 1, 1), dmy: utc(2012, 1, 1), order: 'ymd', time: false });
		expect(parseDate('2012-03')?.mdy).toBe(utc(2012, 3, 1));
		expect(parseDate('2001-01-01 00:47')).toMatchObject({ mdy: utc(2001, 1, 1, 0, 47), time: true });
		expect(parseDate('2001-01-01T00:47:13.5')?.mdy).toBe(utc(2001, 1, 1, 0, 47, 13) + 500);
		expect(parseDate('2001-01-01T00:47:13Z')?.mdy).toBe(utc(2001, 1, 1, 0, 47, 13));
		expect(parseDate('2001-01-01T02:47:13+02:00')?.mdy).toBe(utc(2001, 1, 1, 0, 47, 13));
		expect(parseDate('2001-01-01T00:47:13-0530')?.mdy).toBe(utc(2001, 1, 1, 6, 17, 13));
		expect(parseDate('2012/01/31')?.mdy).toBe(utc(2012, 1, 31));
		expect(parseDate('2021-06-01 14:00:00+02')?.mdy).toBe(utc(2021, 6, 1, 12));
		expect(parseDate('2021-06-01 12:00:00+00')?.mdy).toBe(utc(2021, 6, 1, 12));
	});
	it('reads locale forms both ways, dotted forms day first, AM/PM', () => {
		expect(parseDate('03/04/2012')).toEqual({ mdy: utc(2012, 3, 4), dmy: utc(2012, 4, 3), order: null, time: false });
		const late = parseDate('31/12/2012')!;
		expect(late.mdy).toBeNaN();
		expect(late.dmy).toBe(utc(2012, 12, 31));
		expect(parseDate('01.02.2012')).toMatchObject({ mdy: utc(2012, 2, 1), order: 'dmy' });
		expect(parseDate('1/2/2012 1:05 PM')?.mdy).toBe(utc(2012, 1, 2, 13, 5));
		expect(parseDate('1/2/2012 12:05 AM')?.mdy).toBe(utc(2012, 1, 2, 0, 5));
	});
	it('reads English month names (vega-datasets’ sp500 and stocks write `Jan 1 2000`)', () => {
		expect(parseDate('Jan 1 2000')).toMatchObject({ mdy: utc(2000, 1, 1), order: 'mdy', named: true });
		expect(parseDate('January 31, 2000')?.mdy).toBe(utc(2000, 1, 31));
		expect(parseDate('Sept 3 2001 4:05 PM')?.mdy).toBe(utc(2001, 9, 3, 16, 5));
		expect(parseDate('1 Feb 2000')).toMatchObject({ mdy: utc(2000, 2, 1), order: 'dmy' });
		expect(parseDate('01-Mar-2000')?.mdy).toBe(utc(2000, 3, 1));
		for (const v of ['Foo 1 2000', 'Feb 30 2000', 'Janu 1 2000', 'Mayday 1 2000']) expect(parseDate(v), v).toBeNull();
	});
	it('refuses what is not a date: numbers, impossible days, free text', () => {
		for (const v of [
			'2012',
			'20120101',
			'1.5',
			'2012-13-01',
			'2013-02-29',
			'2012-04-31',
			'31/31/2012',
			'January',
			'12:30',
			'2012-01 10:00',
			'1/2/2012 13:00 PM',
			''
		])
			expect(parseDate(v), v).toBeNull();
		expect(parseDate('2012-02-29')?.mdy).toBe(utc(2012, 2, 29));
	});
	it('decides the order of a column from any part over 12, or says it assumed one', () => {
		const col = (vals: string[]) => {
			const d = new DateColumn();
			for (const v of vals)
				if (v === '') d.missing();
				else if (!d.push(v)) return null;
			return d.finish();
		};
		const dm = col(['01/02/2012', '', '25/02/2012'])!;
		expect(dm.format).toEqual({ order: 'dmy', assumed: false, time: false });
		expect([...dm.values]).toEqual([utc(2012, 2, 1), NaN, utc(2012, 2, 25)]);
		expect(col(['01/02/2012', '02/25/2012'])!.format.order).toBe('mdy');
		const open = col(['01/02/2012', '03/04/2012'])!;
		expect(open.format).toEqual({ order: 'mdy', assumed: true, time: false });
		expect([...open.other!]).toEqual([utc(2012, 2, 1), utc(2012, 4, 3)]);
		expect(dateFormatWords(open.format)).toMatch(/month\/day\/year assumed/);
		expect(col(['13/01/2012', '01/13/2012'])).toBeNull();
		expect(col(['2012-01-01', 'soon'])).toBeNull();
		expect(col(['Jan 1 2000', 'Feb 1 2000'])!.format).toEqual({ order: 'mdy', assumed: false, time: false });
		expect(col(['1 Jan 2000', '03/04/2012'])!.format).toEqual({ order: 'mdy', assumed: true, time: false });
		const dotted = col(['01.02.2012', '03/04/2012'])!;
		expect(dotted.format).toEqual({ order: 'dmy', assumed: false, time: false });
	});
});

describe('decimal commas', () => {
	it('parses decimal commas with points grouping thousands, and nothing else', () => {
		expect(parseDecimalComma('17,99')).toBe(17.99);
		expect(parseDecimalComma('-0,5')).toBe(-0.5);
		expect(parseDecimalComma('1.234.567,89')).toBe(1234567.89);
		expect(parseDecimalComma('1.234')).toBe(1234);
		expect(parseDecimalComma('42')).toBe(42);
		for (const v of ['1.5', '1,2,3', '12.34,5', 'x', '']) expect(parseDecimalComma(v), v).toBeNaN();
	});
	it('detects a decimal-comma file only when fields are not comma-separated and no value shows a decimal point', () => {
		expect(detectDecimalComma([['17,99', 'a']], ';')).toBe(true);
		expect(detectDecimalComma([['17,99', '1.5']], ';')).toBe(false);
		expect(detectDecimalComma([['17', '1.234']], ';')).toBe(false);
		expect(detectDecimalComma([['1.234,5']], '\t')).toBe(true);
		expect(detectDecimalComma([['17,99']], ',')).toBe(false);
	});
	it('reads a ;-separated export with decimal commas as numbers, and says so', async () => {
		let text = 'price;name;qty\n';
		for (let i = 0; i < 500; i++) text += `${i % 50},${String(i % 100).padStart(2, '0')};item ${i % 7};${i}\n`;
		const p = await readCsv(await openText(blob(text)));
		expect(p.format).toEqual({ kind: 'csv', delimiter: ';', decimalComma: true });
		expect(p.columns.map((c) => c.type)).toEqual(['numeric', 'categorical', 'numeric']);
		expect(p.columns[0].max).toBe(49.99);
		const { table, summary } = await readTable(blob(text), new Map(), TICKET);
		expect(summary.format.decimalComma).toBe(true);
		expect(table.columns[0].numbers![1]).toBe(1.01);
		expect(summary.columns[0].type).toBe('numeric');
	});
	it('keeps points in comma-separated files; a number with a comma stays text there', async () => {
		const p = await readCsv(await openText(blob('a,b\n1.5,"17,99"\n2,x\n')));
		expect(p.format.decimalComma).toBe(false);
		expect(p.columns.map((c) => c.type)).toEqual(['numeric', 'categorical']);
		expect(parseNumber('17,99')).toBeNaN();
	});
});

describe('delimiters', () => {
	it('names a space-separated file instead of a quoting error', async () => {
		const text = 'name age city\n"Ann Lee" 31 "New York"\n"Bo" 42 Paris\n';
		const e = await readCsv(await openText(blob(text))).catch((x) => x);
		expect(e).toBeInstanceOf(ImportError);
		expect(e.message).toMatch(/separated by spaces/);
		expect(e.message).not.toMatch(/quoted/);
	});
	it('reads a one-column file whose header has a space', async () => {
		const p = await readCsv(await openText(blob('my value\n1\n2\n')));
		expect(p.columns.map((c) => c.name)).toEqual(['my value']);
	});
});

describe('the column store keeps dates', () => {
	it('keeps a date column as milliseconds, missing as NaN, leading missing values included', () => {
		const s = new ColumnStore();
		s.header(['when', 'x', 'mixed']);
		s.push([
			['', '1', '2012-01-01'],
			['2012-01-02', '2', '3'],
			['2012-01-03 10:00', 'NA', '2012-01-02']
		]);
		const t = s.finish();
		expect([...t.columns[0].dates!.values]).toEqual([NaN, utc(2012, 1, 2), utc(2012, 1, 3, 10)]);
		expect(t.columns[0].dates!.format.time).toBe(true);
		expect(t.columns[1].dates).toBeNull();
		expect(t.columns[2].dates).toBeNull();
	});
	it('a file with an ISO date column over 1,000 days: a date column with its range, not an identifier', async () => {
		let text = 'date,temp\n';
		const start = utc(2012, 1, 1);
		for (let i = 0; i < 1461; i++) text += `${new Date(start + i * 86_400_000).toISOString().slice(0, 10)},${(i % 30) / 2}\n`;
		const { summary, table } = await readTable(blob(text), new Map(), TICKET);
		const date = summary.columns[0];
		expect(date.type).toBe('date');
		expect(date.distinct).toBeNull();
		expect(date.date).toMatchObject({ order: 'ymd', assumed: false, time: false, min: start, max: utc(2015, 12, 31) });
		expect(table.columns[0].dates!.values.length).toBe(1461);
	});
	it('reads day-first dates of a decimal-comma file day first when the file does not show the order', async () => {
		const { summary } = await readTable(blob('day;v\n01/02/2012;1,5\n03/04/2012;2,5\n'), new Map(), TICKET);
		expect(summary.columns[0].date).toMatchObject({ order: 'dmy', assumed: true });
	});
});
