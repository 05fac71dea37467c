/**
 * What the Sweep panel draws for one metric, from its summaries (sweep/summary.ts): each arm's centre with its
 * interval against the swept setting, the paired difference A − B, and for a two-setting sweep one heat map per arm
 * (and one of A − B). Pure: the panel passes the metric with its points, the arms and the colours.
 */
import type { Band, Series } from '$lib/charts/LineChart.svelte';
import type { HeatCell } from '$lib/charts/HeatMap.svelte';
import type { SweepMetric } from './lab-sweep';
import { fmtEstimate } from './notes';
import type { PointSummary } from './summary';
import { fmtMetric } from './verdict-text';

/** One metric of a sweep, summarised at every value (or combination). */
export interface MetricSummary {
	metric: SweepMetric;
	points: PointSummary[];
}

export interface Chart {
	series: Series[];
	bands: Band[];
	yDomain?: [number, number];
	hlines: Array<{ value: number; label: string }>;
}

export interface HeatMapData {
	title: string;
	cells: HeatCell[];
	diverging: boolean;
	domain?: [number, number];
}

/** The largest finite value on a chart (seeds and interval ends). */
export function topOf(points: PointSummary[]): number {
	let top = -Infinity;
	for (const pt of points) {
		for (const xs of pt.seeds) for (const v of xs) if (Number.isFinite(v)) top = Math.max(top, v);
		for (const e of pt.arms) for (const v of [e.center, e.hi ?? NaN]) if (Number.isFinite(v)) top = Math.max(top, v);
	}
	return Number.isFinite(top) ? top : 1;
}

/** Pixels between the error bars of neighbouring arms at one value (a few pixels: each point still reads as its value). */
export const DODGE_PX = 7;
/** Pixels each seed's dot sits beside its arm's centre. */
const SEED_PX = { two: 6, many: 2.5 };

/**
 * Each arm's centre per value with its interval: a band for one or two arms, error bars for more (bands of five arms
 * pile into mud), dodged a few pixels apart on screen (`dx`), never in the setting's units, so that every point stays
 * at its value's tick. Times that never happened are drawn on a "not reached" line above every observed one.
 */
export function chartOf(s: MetricSummary, arms: Array<{ label: string }>, armColors: string[]): Chart {
	const series: Series[] = [];
	const bands: Band[] = [];
	const time = s.metric.kind === 'time';
	const censored = time && s.points.some((pt) => pt.arms.some((e) => e.censored > 0));
	const ceiling = topOf(s.points) * 1.12 || 1;
	const draw = (v: number | null) => (v === null ? NaN : v === Infinity ? ceiling : v);
	const many = arms.length > 2;
	const dodge = (a: number) => (many ? (a - (arms.length - 1) / 2) * DODGE_PX : 0);
	const what = s.metric.kind === 'mean' ? 'mean' : s.metric.kind === 'proportion' ? 'share' : 'median';
	arms.forEach((arm, a) => {
		const color = armColors[a % armColors.length];
		const x = s.points.map((pt) => pt.point);
		series.push({
			id: `center-${a}`,
			label: `${arm.label} (${what}, 95% CI)`,
			color,
			x,
			dx: dodge(a),
			y: s.points.map((pt) => (pt.arms[a].center === Infinity ? (time ? ceiling : NaN) : pt.arms[a].center)),
			dots: true,
			dash: a % 2 ? '5 3' : undefined
		});
		if (many) {
			s.points.forEach((pt, i) => {
				const e = pt.arms[a];
				if (e.lo === null || e.hi === null) return;
				series.push({ id: `bar-${a}-${i}`, label: '', color, x: [x[i], x[i]], dx: dodge(a), y: [draw(e.lo), draw(e.hi)], width: 1.5, hideLegend: true });
			});
		} else {
			bands.push({ id: `ci-${a}`, color, x, lo: s.points.map((pt) => draw(pt.arms[a].lo)), hi: s.points.map((pt) => draw(pt.arms[a].hi)) });
		}
		if (s.metric.kind === 'proportion') return;
		const sx: number[] = [];
		const sy: number[] = [];
		for (const pt of s.points) {
			for (const v of pt.seeds[a]) {
				if (Number.isNaN(v)) continue;
				sx.push(pt.point);
				sy.push(draw(v));
			}
		}
		const beside = (a % 2 ? 1 : -1) * (many ? SEED_PX.many : SEED_PX.two);
		series.push({
			id: `seeds-${a}`,
			label: 'each seed',
			color,
			x: sx,
			dx: dodge(a) + beside,
			y: sy,
			dots: true,
			line: false,
			opacity: 0.35,
			hideLegend: a > 0 || many
		});
	});
	const hlines = censored ? [{ value: ceiling, label: 'not reached within the budget' }] : [];
	const b = s.metric.bounds;
	const yDomain: [number, number] | undefined = time ? [0, ceiling * 1.06] : b && Number.isFinite(b[0]) && Number.isFinite(b[1]) ? b : undefined;
	return { series, bands, yDomain, hlines };
}

/** One heat map per arm (and one of A − B where the lab pairs two arms): each combination's centre and interval. */
export function heatOf(s: MetricSummary, arms: Array<{ label: string }>): HeatMapData[] {
	const maps = arms.map((arm, a) => ({
		title: arm.label,
		diverging: false,
		cells: s.points.map((pt) => {
			const e = pt.arms[a];
			return {
				value: e.n && Number.isFinite(e.center) ? e.center : null,
				text: !e.n ? '–' : e.center === Infinity ? 'not reached' : fmtMetric(s.metric, e.center),
				title: `${String(pt.value)}: ${fmtEstimate(s.metric, e)}`
			};
		})
	}));
	// The arms share one colour scale, so their maps compare.
	const all = maps.flatMap((mp) => mp.cells.map((c) => c.value)).filter((v): v is number => v !== null && Number.isFinite(v));
	const domain: [number, number] | undefined = all.length ? [Math.min(...all), Math.max(...all)] : undefined;
	const out: HeatMapData[] = maps.map((mp) => ({ ...mp, domain }));
	if (s.points.some((pt) => pt.paired))
		out.push({
			title: `A − B, paired by seed (heavy border: its ${s.points.length > 1 ? 'simultaneous ' : ''}95% interval excludes 0)`,
			diverging: true,
			cells: s.points.map((pt) => {
				const d = pt.paired?.difference;
				return {
					value: d && d.n ? d.mean : null,
					text: d && d.n ? fmtMetric(s.metric, d.mean) : '–',
					title:
						d && d.lo !== null && d.hi !== null
							? `${String(pt.value)}: A − B ${fmtMetric(s.metric, d.mean)} [${fmtMetric(s.metric, d.lo)}, ${fmtMetric(s.metric, d.hi)}]`
							: String(pt.value),
					mark: pt.paired?.better === 'A' || pt.paired?.better === 'B'
				};
			})
		});
	return out;
}

/** A − B per value (mean over seeds) with its interval as a band. */
export function diffOf(s: MetricSummary, color: string): { series: Series[]; bands: Band[] } {
	const x = s.points.map((pt) => pt.point);
	return {
		series: [
			{
				id: 'diff',
				label: 'A − B (mean over seeds, 95% CI)',
				color,
				x,
				y: s.points.map((pt) => pt.paired?.difference.mean ?? NaN),
				dots: true
			}
		],
		bands: [
			{
				id: 'diff-ci',
				color,
				x,
				lo: s.points.map((pt) => pt.paired?.difference.lo ?? NaN),
				hi: s.points.map((pt) => pt.paired?.difference.hi ?? NaN)
			}
		]
	};
}
