/**
 * What a lab tells the sweep machinery: the settings a sweep may vary, the arms every run compares, the metrics with
 * how each is summarised, presets, and how a planned run becomes the lab worker's request. One generic planner,
 * URL checks, pool and panel serve every lab from this description.
 */
import { decodeSweep, planSweep, sweepProblem, type SweepRun } from './plan';
import type { Schema } from '$lib/url/schema';
import type { MetricKind } from './estimate';
import type { SweepLabId } from '$lib/engine/lab-apis';

export interface SweepMetric {
	id: string;
	label: string;
	/** For axes and table headers. */
	short: string;
	kind: MetricKind;
	/** The metric's range (intervals are cut to it). */
	bounds?: [number, number];
	/** What a chart's note says about this metric (how it is computed, what censoring means). */
	note: string;
	/** Whether a higher value is better (default: higher; lower for times). */
	better?: 'higher' | 'lower';
	/** Unit of a time, singular ('step', 'batch'). */
	unit?: string;
	/** A relative quantity written as a percentage (e.g. a lift). */
	percent?: boolean;
}

export interface SweepPreset<P> {
	id: string;
	label: string;
	/** Lab settings the preset sets first. */
	settings: Partial<P>;
	sweep: string;
	metrics: string;
}

/** Every lab's URL settings carry the sweep definition and the metrics shown. */
export interface SweepParams {
	seed: number;
	sweep: string;
	metrics: string;
}

/**
 * What the URL checks read of a lab's sweep: the settings it may vary, its metrics, and the lab's URL schema. A lab's
 * params module checks its `sweep` and `metrics` parameters with these alone (its sweep-axes.ts and its own schema):
 * the whole description (its sweep.ts) builds on the params module.
 */
export interface SweepAxes {
	/** A function: the schema's own checks read these axes. */
	schema: () => Schema;
	sweepable: ReadonlyArray<{ key: string; label: string }>;
	metrics: readonly SweepMetric[];
}

export interface LabSweep<P extends SweepParams, Req> {
	lab: SweepLabId;
	/** The lab's URL schema (a function: the schema's own checks read this description's axes). */
	schema: () => Schema;
	sweepable: ReadonlyArray<{ key: keyof P & string; label: string }>;
	metrics: SweepMetric[];
	defaultMetrics: string[];
	presets: Array<SweepPreset<P>>;
	/** A first suggestion for the form. */
	defaultSweep: string;
	/** The arms each run reports, in order (their labels and a short tag for the CSV); `swept`: the swept settings. */
	arms: (p: P, swept: string[]) => Array<{ label: string; tag: string }>;
	/** The worker's request for one run (the lab's settings with the swept value and the replicate's seed). */
	request: (p: P, id: number) => Req;
	/** The run's work in the unit of the lab's measured speed (e.g. training samples), for the time estimate. */
	cost: (p: P) => number;
	/**
	 * How many times faster a sweep works through `cost` than the lab's own run, per worker (many models trained at
	 * once, no drawing): measured with `npm run bench -- --only=estimates`; default 1. See sweep/time-estimate.ts.
	 */
	sweepSpeedup?: number;
	/** Work that runs with the same key share (done once per key in a worker, e.g. a reference fit per data set). */
	shared?: { key: (p: P) => string; cost: (p: P) => number };
	/** Settings that change nothing a run computes (view-only ones), left out when telling whether results are stale. */
	viewOnly: Array<keyof P & string>;
	/** A value as the page writes it (e.g. an option's label). */
	valueLabel?: (key: string, v: number | string) => string;
	/** A sentence when the sweep as set cannot show anything (e.g. γ without a focal model), or null. */
	unused?: (p: P, key: string) => string | null;
	/** Sentence about what an arm difference means, where the lab compares two arms (A − B). */
	pairedLabel?: string;
}

export interface PlannedSweep<Req> {
	text: string;
	key: string;
	values: Array<number | string>;
	/** A two-setting sweep's second setting and its values (null for one setting). */
	key2: string | null;
	values2: Array<number | string> | null;
	runs: SweepRun[];
	requests: Req[];
	cost: number;
	/** The settings the sweep ran with, but for the swept one (to tell when results have gone stale). */
	basis: string;
	arms: Array<{ label: string; tag: string }>;
}

/** The `sweep` URL parameter's check: the definition against the lab's settings. */
export function checkSweepFor(spec: SweepAxes, text: string): string | null {
	const body = text.slice(0, Math.max(0, text.lastIndexOf('/')));
	for (const axis of body.split('*')) {
		const key = axis.split(':')[0];
		if (!spec.sweepable.some((s) => s.key === key))
			return `“${key.slice(0, 20)}” is not a setting the sweep can vary (${spec.sweepable.map((s) => s.key).join(', ')})`;
	}
	return sweepProblem(spec.schema(), text);
}

/** The `metrics` URL parameter's check. */
export function checkMetricsFor(spec: SweepAxes, text: string): string | null {
	const ids = spec.metrics.map((m) => m.id);
	const bad = text.split(',').find((id) => !ids.includes(id));
	return bad !== undefined ? `“${bad.slice(0, 20)}” is not a metric (${ids.join(', ')})` : null;
}

export function parseMetricsFor<P extends SweepParams, Req>(spec: LabSweep<P, Req>, text: string): string[] {
	const ids = spec.metrics.map((m) => m.id);
	const chosen = text.split(',').filter((id) => ids.includes(id));
	return chosen.length ? ids.filter((id) => chosen.includes(id)) : spec.defaultMetrics;
}

/** The lab's settings a sweep result depends on, without the swept one, as a comparable string. */
export function sweepBasisFor<P extends SweepParams, Req>(spec: LabSweep<P, Req>, p: P, key: string, key2: string | null = null): string {
	const rest: Record<string, unknown> = { ...p, sweep: null, metrics: null, [key]: null };
	if (key2) rest[key2] = null;
	for (const k of spec.viewOnly) rest[k] = null;
	return JSON.stringify(rest);
}

/** Every run of the sweep `p.sweep` over the lab's current settings; throws an Error saying what is wrong. */
export function planLabSweep<P extends SweepParams, Req>(spec: LabSweep<P, Req>, p: P): PlannedSweep<Req> {
	const problem = checkSweepFor(spec, p.sweep);
	if (problem) throw new Error(`The sweep ${p.sweep}: ${problem}.`);
	const def = decodeSweep(p.sweep);
	const key = def.axis.key;
	const key2 = def.axis2?.key ?? null;
	const { values, values2, runs } = planSweep(spec.schema(), def, p.seed);
	let cost = 0;
	const shared = new Set<string>();
	const requests = runs.map((r, id) => {
		const params = { ...p, [key]: r.value, ...(key2 ? { [key2]: r.value2 } : {}), seed: r.seed } as P;
		cost += spec.cost(params);
		const k = spec.shared?.key(params);
		if (k !== undefined && !shared.has(k)) {
			shared.add(k);
			cost += spec.shared!.cost(params);
		}
		return spec.request(params, id);
	});
	return {
		text: p.sweep,
		key,
		values,
		key2,
		values2,
		runs,
		requests,
		cost,
		basis: sweepBasisFor(spec, p, key, key2),
		arms: spec.arms(p, key2 ? [key, key2] : [key])
	};
}
