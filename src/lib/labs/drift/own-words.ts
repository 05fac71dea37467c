/**
 * The drift lab's words about the user's files and how their rows were split: decimal commas and date formats on the
 * file card, the groupings of a date column with their periods and rows, an assumed day/month order, and what a
 * split by period left out or did not test. Built here (not in markup) so each join has its space; used by the page
 * and the HTML report.
 */
import { ASSUMED_WORDS as ASSUMED, ORDER_WORDS as ORDER, dateFormatWords, type DateFormat, type DateOrder } from '$lib/data/table/dates';
import { parseDecimalComma } from '$lib/data/table/numbers';
import { fmtInt, plural } from '$lib/format';
import type { FileColumn, FileSummary } from '$lib/labs/drift/worker/own-data';
import type { OwnDriftReport } from '$lib/labs/drift/worker/own-report';
import { MIN_PERIOD_ROWS, dayOf, isoDay, type Period, type PeriodCount } from '$lib/labs/drift/worker/own-periods';

/** Sentences joined with one space, each ending with a full stop. */
export function sentences(...parts: Array<string | null | undefined | false>): string {
	return parts
		.filter((s): s is string => !!s && s.trim() !== '')
		.map((s) => s.trim())
		.map((s) => (/[.!?…]$/.test(s) ? s : `${s}.`))
		.join(' ');
}

/** "Numbers written with decimal commas: “17,99” read as 17.99." (an example from the file when it shows one). */
export function decimalCommaText(s: FileSummary): string | null {
	if (!s.format?.decimalComma) return null;
	const example = s.columns
		.filter((c) => c.type === 'numeric')
		.flatMap((c) => c.values ?? [])
		.find((v) => v.includes(','));
	const shown = example ? `“${example}” read as ${String(parseDecimalComma(example))}` : 'e.g. “17,99” read as 17.99';
	return `Numbers written with decimal commas: ${shown}.`;
}

/** A moment as the file card shows it: the day, with the minute for timestamps. */
export function momentText(ms: number, time: boolean): string {
	if (!Number.isFinite(ms)) return '–';
	return time ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : isoDay(dayOf(ms));
}

/** “date”: dates (year-month-day), 2012-01-01 to 2015-12-31. */
export function dateColumnText(c: FileColumn): string | null {
	if (!c.date) return null;
	return `“${c.name}”: ${dateFormatWords(c.date)}, ${momentText(c.date.min, c.date.time)} to ${momentText(c.date.max, c.date.time)}.`;
}

/** The type column of the file card: "timestamps", "dates", "numeric", "categorical". */
export const typeText = (c: FileColumn): string => (c.type === 'date' ? (c.date?.time ? 'timestamps' : 'dates') : c.type);

const UNIT_PLURAL: Record<Period, string> = { day: 'days', week: 'weeks (Monday to Sunday)', month: 'months', quarter: 'quarters', year: 'years' };

/** "month: 48 periods, 28–31 rows each" (and how many have too few rows to test). */
export function periodOptionText(c: PeriodCount): string {
	const rows = c.minRows === c.maxRows ? `${fmtInt(c.minRows)} rows each` : `${fmtInt(c.minRows)}–${fmtInt(c.maxRows)} rows each`;
	const small = c.small ? `, ${fmtInt(c.small)} with fewer than ${MIN_PERIOD_ROWS}` : '';
	return `${c.unit}: ${plural(c.periods, 'period')}, ${rows}${small}`;
}

export const unitText = (u: Period): string => UNIT_PLURAL[u];

/** An ambiguous order in words, as read now; and the label of the button that switches it. */
export function orderText(format: DateFormat, swapped: boolean): { said: string; other: string } | null {
	if (!format.assumed || format.order === 'ymd') return null;
	const now: DateOrder = swapped ? (format.order === 'mdy' ? 'dmy' : 'mdy') : format.order;
	const other: DateOrder = now === 'mdy' ? 'dmy' : 'mdy';
	return {
		said: `Read as ${ORDER[now]}${swapped ? ' (switched)' : ''} — ${ASSUMED}.`,
		other: `Read as ${ORDER[other]} instead`
	};
}

/** What a split by period did: the grouping, rows without a date, periods with too few rows, periods without rows. */
export function periodNotes(r: OwnDriftReport): string[] {
	const p = r.period;
	if (!p) return [];
	const unit = p.unit;
	const notes = [
		sentences(
			`Rows split by ${unit} of “${p.column}” (${p.format.time ? 'timestamps' : 'dates'} read as ${ORDER[p.format.order]}${p.format.assumed ? (p.swapped ? ', switched from the order assumed' : ', an order assumed') : ''}), in time order whatever the order of the rows in the file`
		)
	];
	if (p.missing) notes.push(sentences(`${plural(p.missing, 'row')} without a date in “${p.column}” left out`));
	if (p.small.length) {
		const shown = p.small.slice(0, 6).map((b) => `${r.batches[b].label} (${plural(r.batches[b].rows, 'row')})`);
		notes.push(
			sentences(
				`${plural(p.small.length, unit)} with fewer than ${MIN_PERIOD_ROWS} rows ${p.small.length === 1 ? 'is' : 'are'} shown but not tested (too few rows for PSI's ${MIN_PERIOD_ROWS} bins): ${shown.join(', ')}${p.small.length > 6 ? ', …' : ''}`
			)
		);
	}
	if (p.empty.count)
		notes.push(
			sentences(
				`No rows in ${plural(p.empty.count, unit)} between the first and the last: ${p.empty.labels.join(', ')}${p.empty.count > p.empty.labels.length ? ', …' : ''}`
			)
		);
	return notes;
}

/** A current batch in the page's words: the period itself ("2012-03"), or "batch d5". */
export const batchText = (r: Pick<OwnDriftReport, 'period'>, label: string): string => (r.period ? label : `batch ${label}`);
