/**
 * Rows of the user's file grouped into calendar periods by a date or timestamp column (the reader keeps dates as
 * milliseconds, dates.ts): day, week (ISO weeks, Monday to Sunday), month, quarter or year. The arithmetic is UTC on
 * those milliseconds — a time without a zone is read as written, so a row's day is the day the file shows.
 *
 * Periods come in time order whatever the order of the rows in the file, and the rows of a period in time order
 * (ties in file order), so the detectors read the stream as it happened. A period is identified by an integer index,
 * consecutive for consecutive periods (day: days since 1970-01-01; week: k for the week starting on day 7k − 3, since
 * 1970-01-01 was a Thursday; month: 12·year + month; quarter: 4·year + quarter; year: the year).
 * Pure functions: the page uses them too (the default grouping, labels).
 */

export type Period = 'day' | 'week' | 'month' | 'quarter' | 'year';
export const PERIODS: readonly Period[] = ['day', 'week', 'month', 'quarter', 'year'];

/** A period with fewer rows than this is shown but not tested (PSI cuts the reference at its deciles: 10 bins). */
export const MIN_PERIOD_ROWS = 10;
/** The default grouping is the finest whose span holds at most this many periods (days for 2 months, months for 4 years). */
export const MAX_DEFAULT_PERIODS = 60;

const DAY = 86_400_000;

/** Days since 1970-01-01 (UTC) of a moment in milliseconds. */
export const dayOf = (ms: number): number => Math.floor(ms / DAY);

/** Milliseconds of the first day of a month (`month` 0–11; any year, unlike Date.UTC, which maps 0–99 to 1900–1999). */
function monthStart(year: number, month: number): number {
	const d = new Date(0);
	d.setUTCFullYear(year, month, 1);
	return d.getTime();
}

const mod = (a: number, n: number) => ((a % n) + n) % n;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** The index of the period holding day `day` (days since 1970-01-01). */
export function periodIndex(day: number, unit: Period): number {
	if (unit === 'day') return day;
	// Monday-based weeks: day 0 (a Thursday) is the 4th day of the week starting on day −3.
	if (unit === 'week') return Math.floor((day + 3) / 7);
	const d = new Date(day * DAY);
	const y = d.getUTCFullYear();
	const m = d.getUTCMonth();
	return unit === 'month' ? y * 12 + m : unit === 'quarter' ? y * 4 + Math.floor(m / 3) : y;
}

/** The first day (days since 1970-01-01) of period `index`. */
export function periodStartDay(index: number, unit: Period): number {
	if (unit === 'day') return index;
	if (unit === 'week') return 7 * index - 3;
	const ms =
		unit === 'month'
			? monthStart(Math.floor(index / 12), mod(index, 12))
			: unit === 'quarter'
				? monthStart(Math.floor(index / 4), 3 * mod(index, 4))
				: monthStart(index, 0);
	return dayOf(ms);
}

/** A day as `YYYY-MM-DD`. */
export function isoDay(day: number): string {
	const d = new Date(day * DAY);
	return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A period in words: "2012-03-05", "week of 2012-03-05", "2012-03", "2012 Q2", "2012". */
export function periodLabel(index: number, unit: Period): string {
	if (unit === 'day') return isoDay(index);
	if (unit === 'week') return `week of ${isoDay(periodStartDay(index, 'week'))}`;
	if (unit === 'month') return `${pad(Math.floor(index / 12), 4)}-${pad(mod(index, 12) + 1)}`;
	if (unit === 'quarter') return `${pad(Math.floor(index / 4), 4)} Q${mod(index, 4) + 1}`;
	return pad(index, 4);
}

/** Periods from the one holding `min` to the one holding `max` (milliseconds), both included. */
export function periodsInSpan(min: number, max: number, unit: Period): number {
	return periodIndex(dayOf(max), unit) - periodIndex(dayOf(min), unit) + 1;
}

/** The default grouping for dates from `min` to `max`: the finest with at most MAX_DEFAULT_PERIODS periods. */
export function defaultPeriod(min: number, max: number): Period {
	return PERIODS.find((u) => periodsInSpan(min, max, u) <= MAX_DEFAULT_PERIODS) ?? 'year';
}

/** How the rows would fall into periods of one kind. */
export interface PeriodCount {
	unit: Period;
	/** Periods that have rows. */
	periods: number;
	/** Periods from the first to the last date (those without rows included). */
	span: number;
	minRows: number;
	maxRows: number;
	/** Periods with rows but fewer than MIN_PERIOD_ROWS (shown, not tested). */
	small: number;
}

export interface PeriodSummary {
	counts: PeriodCount[];
	/** Rows without a date. */
	missing: number;
	/** First and last moment (ms), NaN when no row has a date. */
	min: number;
	max: number;
	/** The default grouping for this span. */
	suggested: Period;
}

/** Rows per day (one pass), then per period of each kind (over the days only). */
export function periodSummary(values: Float64Array): PeriodSummary {
	const days = new Map<number, number>();
	let missing = 0;
	let min = Infinity;
	let max = -Infinity;
	for (const v of values) {
		if (v !== v) {
			missing++;
			continue;
		}
		if (v < min) min = v;
		if (v > max) max = v;
		const d = dayOf(v);
		days.set(d, (days.get(d) ?? 0) + 1);
	}
	if (!days.size) return { counts: [], missing, min: NaN, max: NaN, suggested: 'day' };
	const counts = PERIODS.map((unit): PeriodCount => {
		const rows = new Map<number, number>();
		for (const [d, n] of days) {
			const k = periodIndex(d, unit);
			rows.set(k, (rows.get(k) ?? 0) + n);
		}
		const sizes = [...rows.values()];
		return {
			unit,
			periods: rows.size,
			span: periodsInSpan(min, max, unit),
			minRows: Math.min(...sizes),
			maxRows: Math.max(...sizes),
			small: sizes.filter((n) => n < MIN_PERIOD_ROWS).length
		};
	});
	return { counts, missing, min, max, suggested: defaultPeriod(min, max) };
}

export interface PeriodBatches {
	labels: string[];
	/** Each period's rows, in time order (ties in file order). */
	rows: Int32Array[];
	/** Rows without a date (left out). */
	missing: number;
	/** Periods between the first and the last that have no rows: how many, and the first few labels. */
	empty: { count: number; labels: string[] };
}

const EMPTY_SHOWN = 5;

/** The rows (all, or those in `rows`) grouped by the period of `values` (ms, NaN missing), periods in time order. */
export function batchesByPeriod(values: Float64Array, unit: Period, rows: Int32Array | null = null): PeriodBatches {
	// Period of each day, computed once per day (a million rows span a few thousand days).
	const ofDay = new Map<number, number>();
	const lists = new Map<number, number[]>();
	let missing = 0;
	const visit = (i: number) => {
		const v = values[i];
		if (v !== v) {
			missing++;
			return;
		}
		const d = dayOf(v);
		let k = ofDay.get(d);
		if (k === undefined) ofDay.set(d, (k = periodIndex(d, unit)));
		let list = lists.get(k);
		if (!list) lists.set(k, (list = []));
		list.push(i);
	};
	if (rows) for (const i of rows) visit(i);
	else for (let i = 0; i < values.length; i++) visit(i);
	const keys = [...lists.keys()].sort((a, b) => a - b);
	const out = keys.map((k) => {
		const list = lists.get(k)!;
		let sorted = true;
		for (let j = 1; j < list.length && sorted; j++) if (values[list[j]] < values[list[j - 1]]) sorted = false;
		if (!sorted) list.sort((a, b) => values[a] - values[b] || a - b);
		return Int32Array.from(list);
	});
	const emptyLabels: string[] = [];
	let emptyCount = 0;
	for (let j = 1; j < keys.length; j++) {
		emptyCount += keys[j] - keys[j - 1] - 1;
		for (let k = keys[j - 1] + 1; k < keys[j] && emptyLabels.length < EMPTY_SHOWN; k++) emptyLabels.push(periodLabel(k, unit));
	}
	return { labels: keys.map((k) => periodLabel(k, unit)), rows: out, missing, empty: { count: emptyCount, labels: emptyLabels } };
}
