/**
 * What the Sweep panel writes beside its charts, heat maps and table: how each interval is computed, where it is
 * approximate (with its measured coverage), when an end was cut at the metric's bound, and how A − B's intervals
 * are made simultaneous over the values.
 */
import type { Estimate } from './estimate';
import type { SweepMetric } from './lab-sweep';
import { fmtLevel, fmtMetric } from './verdict-text';

/**
 * Coverage of the mean's 95% t-interval at 5 / 10 / 20 seeds, measured by simulation (tests/unit/sweep-claims.test.ts,
 * 4,000 draws each): normal seed-to-seed noise 95%; lognormal scores 82 / 84 / 86%; Beta(0.5, 10) 83 / 87 / 90%; one
 * run in five failing (a score of 0.5 instead of about 0.8) 67 / 89 / 92%.
 */
export const T_COVERAGE =
	'approximate: 95% when the seed-to-seed noise is normal, less for skewed or bounded scores (measured at 5 / 10 / 20 seeds: lognormal 82 / 84 / 86%, Beta(0.5, 10) 83 / 87 / 90%, one run in five failing 67 / 89 / 92%)';

/** A cell of the table or a heat map's hover: "0.71 [0.69, 0.73]", an end cut at the bound marked †. */
export function fmtEstimate(m: SweepMetric, e: Estimate): string {
	if (!e.n) return '–';
	if (e.center === Infinity) return `not reached by ${e.censored} of ${e.n}`;
	const end = (v: number) => (v === Infinity ? 'beyond' : fmtMetric(m, v));
	const c = fmtMetric(m, e.center);
	const ci = e.lo !== null && e.hi !== null ? ` [${end(e.lo)}, ${end(e.hi)}]${e.cut ? '†' : ''}` : '';
	return `${c}${ci}${e.censored ? ` (${e.censored} of ${e.n} not reached)` : ''}`;
}

function bounds(m: SweepMetric): string {
	if (!m.bounds) return '';
	const range = Number.isFinite(m.bounds[1]) ? `${m.bounds[0]}…${m.bounds[1]}` : `≥ ${m.bounds[0]}`;
	return `; an interval reaching past ${range}, the values the metric can take, is cut there and marked “cut at the bound” (†)`;
}

/** The note under a one-setting chart. */
export function noteOf(m: SweepMetric): string {
	if (m.kind === 'mean') return `Mean over seeds with its 95% t-interval, ${T_COVERAGE}${bounds(m)}; faint dots: each seed. ${m.note}`;
	if (m.kind === 'proportion')
		return `Share of seeds with its 95% Wilson interval (band; with few seeds and a share near 0 or 1 it covers less often: about 92% for 5% with 20 seeds). ${m.note}`;
	return `Median over seeds with its distribution-free 95% interval (order statistics; needs 6 seeds). ${m.note}`;
}

/** The note under a heat map. */
export function heatNote(m: SweepMetric): string {
	const what = m.kind === 'mean' ? 'mean' : m.kind === 'proportion' ? 'share' : 'median';
	const t = m.kind === 'mean' ? ` The t-interval is ${T_COVERAGE}${bounds(m)}.` : '';
	return `Each cell: the ${what} over seeds (its 95% interval on hover and in the table below); the arms share one colour scale.${t} ${m.note}`;
}

/** How A − B's intervals are made: simultaneous over `family` values or combinations (Bonferroni), at `level` each. */
export function pairedNote(family: number, level: number, where: 'values' | 'combinations'): string {
	return family > 1
		? `simultaneous 95% intervals over the ${family} ${where} (Bonferroni: each at ${fmtLevel(level)}), so that an interval excluding 0 somewhere is a false claim at most 5% of the time when A and B do not differ anywhere`
		: '95% interval';
}
