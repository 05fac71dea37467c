/**
 * The days of an imported experiment, from its day or date column, with the file reader's date rules (dates.ts):
 * - a column whose first value is a date (ISO `2026-01-05`, a timestamp `2026-01-05 14:03`, `01/05/2026`,
 *   `05.01.2026`) is read as dates: every row falls on its calendar day (the time of day is dropped; a time with a
 *   zone is taken in UTC), rows on the same day are counted together, and the days are ordered in time whatever the
 *   order of the rows. For `01/05/2026` the file decides whether the month or the day comes first (a part over 12);
 *   when it never shows, the order is assumed — day first in files written with decimal commas, month first otherwise —
 *   and said. A value that is not a date, a missing one, or one that contradicts the order of another row is an
 *   ImportError naming its row and column.
 * - any other column holds labels (1, 2, 3 or "day 1"): per-day counts keep one day per row in file order, as written;
 *   per-user rows are grouped by label, in order of number when every label is a number, else of first appearance.
 * - no column (or a missing label): per-day counts number their rows; per-user rows are one look, "all".
 */
import { parseDate, type DateFormat } from '$lib/data/table/dates';
import { isMissing, parseNumber } from '$lib/data/table/numbers';
import { ImportError } from '$lib/data/table/text-stream';
import type { DayArm, DayCounts } from '../types';

const DAY_MS = 86_400_000;
/** A time of day after a date, without a zone or AM/PM: it cannot move the row off the day its date part names. */
const PLAIN_TIME = /^[T ]([01]?\d|2[0-3]):[0-5]\d(:([0-5]\d|60)([.,]\d{1,9})?)?$/;
const emptyArm = (): DayArm => ({ n: 0, conversions: 0, sum: 0, sumSq: 0 });

interface Group {
	counts: DayCounts;
	/** Calendar day (days since 1970-01-01) read month first and day first; equal for unambiguous forms, NaN if invalid. */
	mdy: number;
	dmy: number;
}

/** A value seen, for messages. */
interface Seen {
	row: number;
	value: string;
}

/** How the day column was read, for the page. */
export interface DayColumnReading {
	column: string;
	/** The column's dates (order, assumed or not, times), or null when it holds labels. */
	dates: DateFormat | null;
}

/** The ISO date of a calendar day (days since 1970-01-01). */
export function isoDay(day: number): string {
	return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export class DayGroups {
	private mode: 'unknown' | 'dates' | 'labels' = 'unknown';
	private groups = new Map<string, Group>();
	private rows = 0;
	private firstDate: Seen | null = null;
	private firstMissing: number | null = null;
	/** The first value that can only be read month first, and the first that can only be read day first (or is dotted). */
	private onlyMdy: Seen | null = null;
	private onlyDmy: Seen | null = null;
	private sawLocale = false;
	private time = false;
	/** The last value and its day: rows sorted or grouped by day repeat it, and need no second reading. */
	private lastRaw: string | null = null;
	private lastCounts: DayCounts | null = null;
	/** Dates read so far by their text (the date part of a timestamp with a plain time): most rows need no parsing. */
	private byDate = new Map<string, DayCounts>();

	/**
	 * @param column the day column's name ('' when there is none)
	 * @param perRow per-day counts: each row is a day (rows with labels are never merged; dated rows on one day are)
	 * @param preferDmy the file writes decimal commas: an ambiguous order is assumed day first
	 */
	constructor(
		private readonly column: string,
		private readonly perRow: boolean,
		private readonly preferDmy: boolean
	) {}

	/** The counts of the day that row `row`, whose day value is `raw` ('' without a day column), belongs to. */
	day(raw: string, row: number): DayCounts {
		this.rows++;
		if (isMissing(raw)) return this.missing(row);
		if (raw === this.lastRaw && (this.mode === 'dates' || !this.perRow)) return this.lastCounts!;
		const counts = this.read(raw, row);
		this.lastRaw = raw;
		this.lastCounts = counts;
		return counts;
	}

	private read(raw: string, row: number): DayCounts {
		if (this.mode === 'unknown') this.mode = parseDate(raw) ? 'dates' : 'labels';
		if (this.mode === 'labels') return this.group(this.perRow ? `#${this.rows}` : `=${raw}`, raw, NaN, NaN);
		let cut = raw.indexOf(' ');
		if (cut < 0) cut = raw.indexOf('T');
		const datePart = cut < 0 ? raw : raw.slice(0, cut);
		const cacheable = cut < 0 || (cut >= 8 && PLAIN_TIME.test(raw.slice(cut)));
		const known = cacheable ? this.byDate.get(datePart) : undefined;
		if (known) {
			if (cut >= 0) this.time = true;
			return known;
		}
		const counts = this.readDate(raw, row);
		if (cacheable) this.byDate.set(datePart, counts);
		return counts;
	}

	private readDate(raw: string, row: number): DayCounts {
		const p = parseDate(raw);
		if (!p) {
			const f = this.firstDate!;
			throw new ImportError(
				`Row ${row}, column “${this.column}”: “${raw}” is not a date, but the column's first value (“${f.value}”, row ${f.row}) is one. Write every day as a date, or every day as a label such as 1, 2, 3.`,
				row,
				this.column
			);
		}
		this.firstDate ??= { row, value: raw };
		if (this.firstMissing !== null) this.missingDate(this.firstMissing);
		if (p.order === null) {
			this.sawLocale = true;
			if (Number.isNaN(p.dmy)) this.onlyMdy ??= { row, value: raw };
			if (Number.isNaN(p.mdy)) this.onlyDmy ??= { row, value: raw };
		} else if (p.order === 'dmy') this.onlyDmy ??= { row, value: raw };
		if (this.onlyMdy && this.onlyDmy) {
			const [a, b] = this.onlyMdy.row === row ? [this.onlyMdy, this.onlyDmy] : [this.onlyDmy, this.onlyMdy];
			const how = (s: Seen) => (s === this.onlyMdy ? 'month/day/year' : 'day/month/year');
			throw new ImportError(
				`Row ${row}, column “${this.column}”: “${a.value}” can only be read as ${how(a)}, but “${b.value}” on row ${b.row} only as ${how(b)}. Write every date of the column the same way.`,
				row,
				this.column
			);
		}
		if (p.time) this.time = true;
		const mdy = Math.floor(p.mdy / DAY_MS);
		const dmy = Math.floor(p.dmy / DAY_MS);
		return this.group(`${mdy}|${dmy}`, raw, mdy, dmy);
	}

	private missing(row: number): DayCounts {
		if (this.mode === 'dates') this.missingDate(row);
		this.firstMissing ??= row;
		// As without a day column: per-day counts number the row, per-user rows join the one look "all".
		return this.perRow ? this.group(`#${this.rows}`, String(this.rows), NaN, NaN) : this.group('all', 'all', NaN, NaN);
	}

	private missingDate(row: number): never {
		const f = this.firstDate;
		throw new ImportError(
			`Row ${row}, column “${this.column}”: the date is missing${f ? ` (row ${f.row} has “${f.value}”)` : ''}; every row needs its day.`,
			row,
			this.column
		);
	}

	private group(key: string, label: string, mdy: number, dmy: number): DayCounts {
		let g = this.groups.get(key);
		if (!g) {
			g = { counts: { label, control: emptyArm(), variant: emptyArm() }, mdy, dmy };
			this.groups.set(key, g);
		}
		return g.counts;
	}

	/** The days in order, and how the column was read. */
	finish(): { days: DayCounts[]; reading: DayColumnReading | null } {
		const groups = [...this.groups.values()];
		if (this.mode !== 'dates') {
			const labels = this.mode === 'labels' && !this.perRow && groups.every((g) => !Number.isNaN(parseNumber(g.counts.label)));
			if (labels) groups.sort((a, b) => parseNumber(a.counts.label) - parseNumber(b.counts.label));
			return { days: groups.map((g) => g.counts), reading: this.column && this.mode === 'labels' ? { column: this.column, dates: null } : null };
		}
		const order: 'ymd' | 'mdy' | 'dmy' = this.onlyDmy ? 'dmy' : this.onlyMdy ? 'mdy' : this.sawLocale ? (this.preferDmy ? 'dmy' : 'mdy') : 'ymd';
		const assumed = this.sawLocale && !this.onlyDmy && !this.onlyMdy;
		// Rows written differently (a timestamp and a plain date, `5/1` and `05/01`) may fall on one day: counted together.
		const byDay = new Map<number, DayCounts>();
		for (const g of groups) {
			const day = order === 'mdy' ? g.mdy : g.dmy;
			const d = byDay.get(day);
			if (!d) byDay.set(day, { ...g.counts, label: isoDay(day) });
			else
				for (const k of ['control', 'variant'] as const) {
					const [a, b] = [d[k], g.counts[k]];
					d[k] = { n: a.n + b.n, conversions: a.conversions + b.conversions, sum: a.sum + b.sum, sumSq: a.sumSq + b.sumSq };
				}
		}
		const days = [...byDay.entries()].sort((a, b) => a[0] - b[0]).map(([, d]) => d);
		return { days, reading: { column: this.column, dates: { order, assumed, time: this.time } } };
	}
}
