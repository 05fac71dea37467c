/**
 * The drift lab's words about the user's files and their report: decimal commas and date formats on the file card,
 * the groupings of a date column with their periods and rows, an assumed day/month order, what a split by period
 * left out or did not test, the samples compared, the report's notes, and each feature's verdict rule and how it was
 * read (the worker returns these as data: types.ts). Built here (not in markup) so each join has its space; used by
 * the page, the CSV and the HTML report.
 */
import { ASSUMED_WORDS as ASSUMED, ORDER_WORDS as ORDER, dateFormatWords, type DateFormat, type DateOrder } from '$lib/data/table/dates';
import { parseDecimalComma } from '$lib/data/table/numbers';
import { overHalfMissing } from '$lib/data/table/roles';
import { fmtInt, plural } from '$lib/format';
import { PSI_FAMILY_ALPHA, PSI_MODERATE, type DriftTest, type FeatureNote, type FeatureRule, type ReportNote } from '$lib/labs/drift/types';
import type { FileColumn, FileSummary } from '$lib/labs/drift/worker/own-data';
import type { FeatureDrift, OwnDriftReport } from '$lib/labs/drift/worker/own-report';
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

/** The samples compared, as the page names them: "the first 3 months, 2012-01 to 2012-03" against "the 11 later months". */
export function sampleTexts(r: Pick<OwnDriftReport, 'mode' | 'reference' | 'target' | 'batches' | 'period'>): { reference: string; target: string } {
	const { period } = r;
	const labels = r.reference.batches;
	const R = labels.length;
	const span = labels.length > 1 ? `${labels[0]} to ${labels[labels.length - 1]}` : labels[0];
	const reference = r.mode === 'two-files' ? 'the reference file' : period ? `the first ${plural(R, period.unit)}, ${span}` : `the first ${plural(R, 'batch')}`;
	const b = r.target.batch;
	const target =
		b !== null
			? batchText(r, r.batches[b].label)
			: r.mode === 'two-files'
				? 'the current file'
				: `the ${plural(r.batches.length, `later ${period ? period.unit : 'batch'}`)}`;
	return { reference, target };
}

const quoted = (names: string[]) => names.map((n) => `“${n}”`).join(', ');

/** A note about the data as a whole. */
export function reportNoteText(n: ReportNote): string {
	switch (n.kind) {
		case 'rows-without-batch':
			return `${plural(n.rows, n.current ? 'current row' : 'row')} without a value in “${n.column}” left out.`;
		case 'only-in-reference':
			return `Only in the reference file (not compared): ${quoted(n.columns)}.`;
		case 'only-in-current':
			return `Only in the current file (not compared): ${quoted(n.columns)}.`;
	}
}

/** Every note of a report, in the order shown: how a split by period went, then the report's own. */
export const reportNotes = (r: OwnDriftReport): string[] => [...periodNotes(r), ...r.notes.map(reportNoteText)];

/** A PSI in a sentence: three decimals, two significant digits below 0.01. */
export function psiText(x: number): string {
	if (x === 0) return '0';
	if (Math.abs(x) >= 0.01) return x.toFixed(3);
	return x.toPrecision(2);
}

const sizesText = (n: number, m: number) => `${n.toLocaleString('en-US')} reference and ${m.toLocaleString('en-US')} current values`;

/** "PSI above 0.075 (what no drift exceeds with probability 0.05 / 4 features)", "Pearson's χ² test at 0.05". */
export function testText(t: DriftTest): string {
	const level = t.family > 1 ? `${PSI_FAMILY_ALPHA} / ${t.family} features` : `${PSI_FAMILY_ALPHA}`;
	if (t.kind === 'psi')
		return `PSI above ${psiText(t.critical)} (what no drift exceeds with probability ${level}${t.tied ? ', simulated from the pooled values' : ''})`;
	const how = t.replicates !== null ? ` (p-value conditional on the totals, by Monte Carlo over ${t.replicates.toLocaleString('en-US')} tables)` : '';
	return `Pearson's χ² test at ${level}${how}`;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** A feature's verdict naming its rule, or why it was not compared. */
export function ruleText(r: FeatureRule): string {
	switch (r.kind) {
		case 'drift':
			return `Drift: ${testText(r.test)} flags it and PSI ${psiText(r.psi)} ≥ 0.1 (a moderate shift or more).`;
		case 'small':
			return `Beyond noise, PSI below 0.1: ${testText(r.test)} flags it, but PSI ${psiText(r.psi)} < 0.1, under the rule of thumb for a moderate shift (${sizesText(r.n, r.m)}; with large samples a negligible shift is detectable, and PSI stays small for a column with few values even when their shares move).`;
		case 'within-noise': {
			const said = `Within noise: ${testText(r.test)} does not flag it (${sizesText(r.n, r.m)}).`;
			return r.psi >= PSI_MODERATE
				? `${said} PSI ${psiText(r.psi)} is over the 0.1 rule of thumb, but not beyond what chance gives at this level with samples this size.`
				: said;
		}
		case 'one-value':
			return 'One value only, in both samples: nothing changes.';
		case 'no-current-values':
			return 'No values in the current data: nothing to compare.';
		case 'too-few-reference':
			return `Fewer than ${r.min} values in the reference: too few to compare.`;
		case 'no-reference-values':
			return 'No values in the reference.';
		case 'dates':
			return 'Dates or times: not compared as a feature (their values move with time by construction); choose the column as the time column to split the rows by period.';
		case 'identifier':
			return 'Text with more than 1,000 distinct values (an identifier?): not compared.';
		case 'unticked': {
			// Over half missing is the default reason for leaving a column out (roles.ts).
			const most = Math.max(r.missingRef, r.missingCur);
			return overHalfMissing(most)
				? `Not compared: ${pct(most)} of its values are missing${r.missingRef === r.missingCur ? '' : ` (${pct(r.missingRef)} → ${pct(r.missingCur)})`}, so it is left out by default; tick it under “Features compared” to compare it.`
				: 'Not compared: unticked under “Features compared”.';
		}
	}
}

/** How a feature was read, when it is not plain numbers or text categories. */
export function featureNoteText(n: FeatureNote): string {
	if (n.kind === 'few-numbers') return `Numbers with ${n.distinct} distinct values: compared as categories.`;
	return `Numbers with repeated values (${plural(n.distinct, 'distinct value')}${n.distinct > n.groups ? `, grouped into ${n.groups}` : ''}): bins at distinct values, the no-drift band simulated from the reference and current values pooled; KS's p-value is conservative with ties.`;
}

/**
 * A feature's "Why" in the report: its rule, and below it how it was read — for a feature not compared, the reason
 * again (as the report has always shown it).
 */
export function whyTexts(f: Pick<FeatureDrift, 'kind' | 'note' | 'rule'>): { rule: string; note: string | null } {
	const rule = ruleText(f.rule);
	return { rule, note: f.note ? featureNoteText(f.note) : f.kind === 'skipped' ? rule : null };
}

/** The categories of a feature's shares: the values kept, then "other (12 values)" for the rarer ones pooled. */
export function categoryLabels(hist: Pick<FeatureDrift['hist'], 'labels' | 'other'>): string[] {
	const labels = hist.labels ?? [];
	return hist.other > 0 ? [...labels, `other (${plural(hist.other, 'value')})`] : labels;
}
