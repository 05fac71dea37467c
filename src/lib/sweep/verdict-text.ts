/**
 * How the computed sentences under a sweep's charts write a metric, an estimate, a p-value and a level.
 */
import { fmtNum, fmtPct } from '$lib/format';
import type { Estimate, MetricKind } from './estimate';

export interface VerdictMetric {
	label: string;
	kind: MetricKind;
	/** Whether a higher value is better (default: higher, but lower for times). */
	better?: 'higher' | 'lower';
	/** Unit of a time, singular ('step', 'batch'). */
	unit?: string;
	/** A relative quantity written as a percentage (e.g. a lift). */
	percent?: boolean;
}

/** The family-wise error rate every claim of a sentence is held to. */
export const ALPHA = 0.05;

/** 'step' → 'steps', 'batch' → 'batches'. */
export function pluralOf(unit: string): string {
	return /(s|x|ch|sh)$/.test(unit) ? `${unit}es` : `${unit}s`;
}

export function lowerIsBetter(m: VerdictMetric): boolean {
	return (m.better ?? (m.kind === 'time' ? 'lower' : 'higher')) === 'lower';
}

export function fmtMetric(m: VerdictMetric, v: number | null): string {
	if (v === null) return '–';
	if (v === Infinity) return 'beyond the budget';
	if (m.kind === 'proportion') return fmtPct(v, 0);
	if (m.percent) return fmtPct(v, 1);
	// Small differences (an accuracy lost) in plain decimals, not 9.70e-4.
	return Math.abs(v) < 1e-3 ? String(Number(v.toFixed(4))) : fmtNum(v, 3);
}

/** "p = 0.031", "p < 0.001". */
export function fmtP(p: number): string {
	if (Number.isNaN(p)) return 'no p-value';
	return p < 0.001 ? 'p < 0.001' : `p = ${String(Number(p.toPrecision(2)))}`;
}

/** A level as a percentage with up to two decimals: 0.99 → "99%", 0.9995 → "99.95%". */
export function fmtLevel(level: number): string {
	return `${Number((100 * level).toFixed(2))}%`;
}

/** An estimate with its interval: "0.712, 95% CI 0.69 to 0.73", "40% (4 of 10), …", "median 42 steps, …". */
export function describe(m: VerdictMetric, e: Estimate): string {
	const unit = m.kind === 'time' && m.unit ? ` ${e.center === 1 ? m.unit : pluralOf(m.unit)}` : '';
	if (m.kind === 'time' && e.center === Infinity) return `not reached by half or more of ${e.n} seeds`;
	const center =
		m.kind === 'proportion'
			? `${fmtPct(e.center, 0)} (${Math.round(e.center * e.n)} of ${e.n})`
			: `${m.kind === 'time' ? 'median ' : ''}${fmtMetric(m, e.center)}${unit}`;
	const ci = e.lo !== null && e.hi !== null ? `, 95% CI ${fmtMetric(m, e.lo)} to ${fmtMetric(m, e.hi)}${e.cut ? ' (cut at the bound)' : ''}` : '';
	const cens = m.kind === 'time' && e.censored ? `, ${e.censored} of ${e.n} not reached` : '';
	return `${center}${ci}${cens}`;
}
