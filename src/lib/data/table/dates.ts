/**
 * Dates and timestamps as real exports write them, read to milliseconds since 1970-01-01 (UTC arithmetic):
 * - ISO 8601: `2012-01-01`, `2012-01`, `2001-01-01 00:47`, `2001-01-01T00:47:13.5Z`, `…+02:00`, `…+00` (as DuckDB and PostgreSQL write); also `2012/01/01`;
 * - English month names: `Jan 1 2000`, `January 1, 2000`, `1 Jan 2000`, `01-Jan-2000` (unambiguous);
 * - numeric locale forms with the year last: `01/02/2012`, `1-2-2012` (month/day or day/month — decided per column:
 *   a first part over 12 means day/month, a second part over 12 month/day; when neither is, the order is assumed and
 *   said), `01.02.2012` (day.month.year, as German, Russian and other dotted forms are written);
 * - a time after the date: `HH:MM`, `HH:MM:SS`, fractions of seconds, `AM`/`PM` on the locale forms.
 * A time without a zone is read as written (no time zone is applied: the hours of the file are the hours shown); a time
 * with a zone (`Z`, `+02:00`) is converted to UTC. Plain numbers (`2012`, `20120101`) are never dates: they stay numbers.
 */

export type DateOrder = 'ymd' | 'mdy' | 'dmy';

/** One value read both ways: `mdy` and `dmy` differ only for numeric locale forms (NaN where that reading is invalid). */
export interface ParsedDate {
	mdy: number;
	dmy: number;
	/** Unambiguous form: 'ymd' (ISO), 'dmy' (dotted); null for the ambiguous slash/dash form with the year last. */
	order: DateOrder | null;
	time: boolean;
	/** The month was written as a name (`Jan 1 2000`): its order says nothing about a numeric form's order. */
	named?: true;
}

const ISO = /^(\d{4})[-/](\d{1,2})(?:[-/](\d{1,2}))?(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = '([A-Za-z]{3,9})\\.?';
const TIME = '(?:,?[T ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*([AP]M)?)?';
const NAMED_MDY = new RegExp(`^${MONTH} (\\d{1,2}),? (\\d{4})${TIME}$`, 'i');
const NAMED_DMY = new RegExp(`^(\\d{1,2})[ -]${MONTH}[ -],? ?(\\d{4})${TIME}$`, 'i');
const LOCALE = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([AP]M)?)?$/i;

/** Milliseconds of a calendar date and wall-clock time, or NaN when the date does not exist (31 April, month 13). */
function civil(y: number, mo: number, d: number, h: number, mi: number, s: number, ms: number): number {
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return NaN;
	const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
	// Date.UTC rolls 31 April over to 1 May: a date that does not round-trip does not exist.
	const back = new Date(t);
	if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
	return t;
}

const fraction = (f: string | undefined) => (f ? Math.round(Number(`0.${f}`) * 1000) : 0);

function zoneMinutes(z: string | undefined): number {
	if (!z || z.toUpperCase() === 'Z') return 0;
	const sign = z[0] === '-' ? -1 : 1;
	const digits = z.slice(1).replace(':', '');
	return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

const FULL = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** 1–12 for an English month name or its abbreviation (`Jan`, `Sept`, `January`), else 0. */
function monthOf(name: string): number {
	const n = name.toLowerCase();
	const i = n.length === 3 ? MONTHS.indexOf(n) : n === 'sept' ? 8 : FULL.indexOf(n);
	return i + 1;
}

/** Hours, minutes, seconds of a locale time (12-hour when `ampm`), or null when impossible (13 PM). */
function clock(h?: string, mi?: string, s?: string, ampm?: string): [number, number, number] | null {
	let hour = h ? +h : 0;
	if (ampm) {
		if (hour < 1 || hour > 12) return null;
		hour = (hour % 12) + (ampm.toUpperCase() === 'PM' ? 12 : 0);
	}
	return [hour, mi ? +mi : 0, s ? +s : 0];
}

/** `v` as a date (see the module comment), or null when it is not one. */
export function parseDate(v: string): ParsedDate | null {
	const t = v.trim();
	const c0 = t.charCodeAt(0);
	// Fast exit: every date form has at least 6 characters and starts with a digit or a month's name.
	if (t.length < 6 || !((c0 >= 48 && c0 <= 57) || (c0 >= 65 && c0 <= 90) || (c0 >= 97 && c0 <= 122))) return null;
	let m = ISO.exec(t);
	if (m) {
		const monthOnly = m[3] === undefined;
		// `2012-01` is a month; `2012-01 10:00` is not a form anyone writes.
		if (monthOnly && m[4] !== undefined) return null;
		let ms = civil(+m[1], +m[2], monthOnly ? 1 : +m[3], m[4] ? +m[4] : 0, m[5] ? +m[5] : 0, m[6] ? +m[6] : 0, fraction(m[7]));
		if (Number.isNaN(ms)) return null;
		if (m[8]) ms -= zoneMinutes(m[8]) * 60_000;
		return { mdy: ms, dmy: ms, order: 'ymd', time: m[4] !== undefined };
	}
	const named = NAMED_MDY.exec(t) ?? NAMED_DMY.exec(t);
	if (named) {
		const monthFirst = c0 > 57;
		const month = monthOf(named[monthFirst ? 1 : 2]);
		const hms = clock(named[4], named[5], named[6], named[7]);
		if (!month || !hms) return null;
		const ms = civil(+named[3], month, +named[monthFirst ? 2 : 1], ...hms, 0);
		return Number.isNaN(ms) ? null : { mdy: ms, dmy: ms, order: monthFirst ? 'mdy' : 'dmy', time: named[4] !== undefined, named: true };
	}
	m = LOCALE.exec(t);
	if (!m) return null;
	const hms = clock(m[5], m[6], m[7], m[9]);
	if (!hms) return null;
	const [a, b, y] = [+m[1], +m[3], +m[4]];
	const f = fraction(m[8]);
	const time = m[5] !== undefined;
	if (m[2] === '.') {
		const ms = civil(y, b, a, ...hms, f);
		return Number.isNaN(ms) ? null : { mdy: ms, dmy: ms, order: 'dmy', time };
	}
	const mdy = civil(y, a, b, ...hms, f);
	const dmy = civil(y, b, a, ...hms, f);
	if (Number.isNaN(mdy) && Number.isNaN(dmy)) return null;
	return { mdy, dmy, order: null, time };
}

/** What a column of dates turned out to be: the order read, whether it was assumed, whether times were given. */
export interface DateFormat {
	order: DateOrder;
	/** The file never showed which part is the month (no part over 12): the order is an assumption, said on the page. */
	assumed: boolean;
	/** Some value had a time of day. */
	time: boolean;
}

/**
 * A column's dates as they stream in, kept both ways while the order of a locale form is open. `push` returns false
 * at the first value that is not a date (or that contradicts every order seen): the column is then not dates.
 */
export class DateColumn {
	private mdy: number[] = [];
	private dmy: number[] | null = null;
	private mdyOk = true;
	private dmyOk = true;
	private fixed: DateOrder | null = null;
	/** The first unambiguous form's order, for the words when no numeric locale form was seen. */
	private shown: DateOrder | null = null;
	private sawLocale = false;
	private time = false;
	/** Values pushed that were dates (missing values are pushed as NaN and do not count). */
	dates = 0;

	missing(): void {
		this.mdy.push(NaN);
		this.dmy?.push(NaN);
	}

	push(v: string): boolean {
		const p = parseDate(v);
		if (!p) return false;
		if (p.order === null) {
			this.sawLocale = true;
			if (Number.isNaN(p.mdy)) this.mdyOk = false;
			if (Number.isNaN(p.dmy)) this.dmyOk = false;
			if (!this.mdyOk && !this.dmyOk) return false;
		} else if (p.order === 'dmy' && !p.named) {
			// Dotted day.month.year: the column reads day first; a slash form in the same column must agree.
			this.mdyOk = false;
			this.fixed = 'dmy';
			if (!this.dmyOk) return false;
		}
		if (p.order) this.shown ??= p.order;
		if (p.time) this.time = true;
		if (p.mdy !== p.dmy && !this.dmy) this.dmy = this.mdy.slice();
		this.mdy.push(p.mdy);
		this.dmy?.push(p.dmy);
		this.dates++;
		return true;
	}

	/**
	 * The column's milliseconds (NaN where missing) in the order the file shows, or the assumed one when it shows
	 * none (`prefer`: day first for files written with decimal commas, month first otherwise); `other` holds the other
	 * reading when the order was assumed, so the page can offer to switch.
	 */
	finish(prefer: 'mdy' | 'dmy' = 'mdy'): { values: Float64Array; other: Float64Array | null; format: DateFormat } {
		const mdy = Float64Array.from(this.mdy);
		if (!this.sawLocale) return { values: mdy, other: null, format: { order: this.fixed ?? this.shown ?? 'ymd', assumed: false, time: this.time } };
		const dmy = Float64Array.from(this.dmy ?? this.mdy);
		const both = this.mdyOk && this.dmyOk && this.fixed !== 'dmy';
		const order: 'mdy' | 'dmy' = this.fixed === 'dmy' || !this.mdyOk ? 'dmy' : !this.dmyOk ? 'mdy' : prefer;
		const values = order === 'mdy' ? mdy : dmy;
		return { values, other: both && this.dmy ? (order === 'mdy' ? dmy : mdy) : null, format: { order, assumed: both, time: this.time } };
	}
}

/** A day/month order in words. */
export const ORDER_WORDS: Record<DateOrder, string> = { ymd: 'year-month-day', mdy: 'month/day/year', dmy: 'day/month/year' };

/** Why a day/month order is only assumed. */
export const ASSUMED_WORDS = 'no part is over 12, so the file does not show which is the month';

/** The date format in words for a file card, e.g. "dates (day/month/year, assumed: no day is over 12), with times". */
export function dateFormatWords(f: DateFormat): string {
	const order = f.assumed ? `${ORDER_WORDS[f.order]} assumed — ${ASSUMED_WORDS}` : ORDER_WORDS[f.order];
	return `${f.time ? 'timestamps' : 'dates'} (${order})${f.time ? ', read as written (no time zone applied)' : ''}`;
}
