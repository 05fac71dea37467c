/**
 * The A/B lab's sentences that join computed parts, built here (not in markup, where whitespace at the edge of a
 * block is dropped) so that every join has its space and every probability one format: `fmtProb`, one decimal,
 * "> 99.9%" and "< 0.1%" at the ends rather than a rounded certainty.
 */
import { dateFormatWords } from '$lib/data/table/dates';
import { fileFormatWords } from '$lib/data/table/format-words';
import { fmtInt, fmtNum, fmtPct, fmtProb } from '$lib/format';
import type { ImportSummary } from '$lib/labs/abtest/worker/api';
import type { ExperimentDay, ExperimentResult, MetricMode } from '$lib/labs/abtest/types';

/** "= 97.7%", "> 99.9%", "< 0.1%": a probability after its name, e.g. `P(variant better) ${probIs(p)}`. */
export function probIs(p: number): string {
	const s = fmtProb(p);
	return s.startsWith('>') || s.startsWith('<') ? s : `= ${s}`;
}

/** Sentences joined with one space; each ends with a full stop unless it already ends with a stop. */
export function sentences(...parts: Array<string | null | undefined | false>): string {
	return parts
		.filter((s): s is string => !!s && s.trim() !== '')
		.map((s) => s.trim())
		.map((s) => (/[.!?…]$/.test(s) ? s : `${s}.`))
		.join(' ');
}

/** The metric of an arm in words: a conversion rate in percent, revenue per visitor as a number. */
export const metricFormat = (mode: MetricMode) => (v: number) => (mode === 'conversion' ? fmtPct(v, 2) : fmtNum(v, 3));

/**
 * The status line after "Day N": "of 14: 28,000 visitors; control 5.02%, variant 5.61%; p = 0.012, always-valid
 * p = 0.31; P(variant better) = 99.4%." and, for a simulation, what only the simulation knows.
 */
export function statusText(day: ExperimentDay, total: number, mode: MetricMode, truth: string | null): string {
	const rate = metricFormat(mode);
	return sentences(
		`of ${total}: ${fmtInt(day.control.n + day.variant.n)} visitors; control ${rate(day.control.mean)}, variant ${rate(day.variant.mean)}; p = ${fmtNum(
			day.pValue,
			2
		)}, always-valid p = ${fmtNum(day.seqPValue, 2)}; P(variant better) ${probIs(day.pBeat)}`,
		truth && `Unknown to the analyst, ${truth}`
	);
}

/** What the fixed-horizon test did about its planned sample, in one sentence that never contradicts itself. */
export function planText(result: Pick<ExperimentResult, 'days' | 'planDay' | 'planReached' | 'planned'>): string {
	const last = result.days.length;
	if (result.planned === false) return `Fixed horizon: no planned sample, so its test looks once, on the last day (day ${last}).`;
	if (result.planReached) return `Fixed horizon: planned sample reached on day ${result.planDay}; its test looks then.`;
	return `Fixed horizon: planned sample not reached within ${last === 1 ? 'the one day' : `the ${last} days`}, so its test on the last day (day ${last}) is underpowered.`;
}

/** An import's error, and whether the data read before is still shown. */
export function importErrorText(error: string, kept: boolean): string {
	return sentences(error, kept && 'The data read before is still shown');
}

/** How a file was read: rows, delimiter and decimal mark, layout and days; which column is what; how its days were read. */
export function importSummaryText(s: ImportSummary): string {
	const days = s.dayLabels.length;
	const layout =
		s.layout === 'daily'
			? `per-day counts: ${days} days`
			: `one row per user (${s.mode === 'revenue' ? 'revenue' : 'converted or not'}), ${days === 1 && s.dayLabels[0] === 'all' ? 'all in one look' : `${days} days`}`;
	const written = fileFormatWords(s.format);
	const mapping = s.mapping.map((m) => `${m.role} ← “${m.column}”`).join(', ');
	const arms = s.arms ? `; control = “${s.arms.control}”, variant = “${s.arms.variant}”` : '';
	const dates = s.dayColumn?.dates;
	const range = days === 1 ? `1 day, ${s.dayLabels[0]}` : `${days} days from ${s.dayLabels[0]} to ${s.dayLabels[days - 1]}, in order of date`;
	return sentences(
		`Read ${fmtInt(s.rows)} rows (${written}) as ${layout}`,
		mapping + arms,
		dates && `Days from “${s.dayColumn!.column}”: ${dateFormatWords(dates)}${dates.time ? ', each row counted on its calendar day' : ''}; ${range}`
	);
}

/** A column's distinct values for the file card: the count, or "over N" past what the reader counts. */
export function distinctText(distinct: number | null, cap: number): string {
	return distinct === null ? `over ${fmtInt(cap)}` : fmtInt(distinct);
}
