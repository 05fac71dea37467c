/**
 * Sweeps: one of a lab's settings over several values, each value trained with several seeds. A sweep's definition
 * is text, so that it lives in the URL (`sweep=…`) and a link replays it:
 *
 *   gamma:0,0.5,1,2,5/10          the set {0, 0.5, 1, 2, 5}, 10 seeds
 *   ratio:1..1000:7:log/5         7 log-spaced values from 1 to 1000, 5 seeds
 *   lr:0.001..0.1:5:lin/3         5 evenly spaced values
 *   compare:bce,weighted/10       values of a choice (an enum setting)
 *   gamma:0,2*ratio:10,100/5      two settings: every combination (a heat map), 5 seeds
 *
 * Values are checked against the lab's URL schema (its ranges and options); every problem is said in words.
 * Numbers are written in JavaScript's shortest round-trip form, so a definition parses back to the same values.
 */
import { mixSeed } from '$lib/data/rng';
import type { ParamSpec, Schema } from '$lib/url/schema';

export const MAX_SEEDS = 50;
export const MAX_VALUES = 25;
/** Combinations of a two-setting sweep. */
export const MAX_CELLS = 100;

export type SweepAxis =
	{ key: string; kind: 'range'; from: number; to: number; n: number; scale: 'lin' | 'log' } | { key: string; kind: 'set'; values: string[] };

export interface SweepDef {
	axis: SweepAxis;
	/** A second setting: every combination with the first is run (a heat map). */
	axis2?: SweepAxis;
	seeds: number;
}

/** One training run of a sweep: the swept setting's value, the seed's index and the seed it derives. */
export interface SweepRun {
	/** Index of the value (the point on the chart). */
	point: number;
	value: number | string;
	/** Two-setting sweeps: the second setting's value (the point indexes the combination: i × n₂ + j). */
	value2?: number | string;
	replicate: number;
	seed: number;
}

export class SweepError extends Error {}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function num(raw: string, what: string): number {
	if (!NUMBER.test(raw)) throw new SweepError(`${what} “${raw.slice(0, 20)}” is not a number`);
	return Number(raw);
}

/** Parse a definition (see the module comment); throws SweepError saying what is wrong. */
export function decodeSweep(text: string): SweepDef {
	const slash = text.lastIndexOf('/');
	if (slash < 0) throw new SweepError('a sweep is written setting:values/seeds, e.g. gamma:0,1,2/10');
	const seeds = num(text.slice(slash + 1), 'the number of seeds');
	if (!Number.isInteger(seeds) || seeds < 1 || seeds > MAX_SEEDS) throw new SweepError(`the number of seeds must be a whole number from 1 to ${MAX_SEEDS}`);
	const parts = text.slice(0, slash).split('*');
	if (parts.length > 2) throw new SweepError('a sweep varies one or two settings (setting:values*setting:values/seeds)');
	const [axis, axis2] = parts.map(decodeAxis);
	if (axis2 && axis2.key === axis.key) throw new SweepError(`the two settings of a sweep must differ (both are ${axis.key})`);
	return axis2 ? { axis, axis2, seeds } : { axis, seeds };
}

function decodeAxis(body: string): SweepAxis {
	const colon = body.indexOf(':');
	if (colon < 1) throw new SweepError('name the setting to sweep before a colon, e.g. gamma:0,1,2/10');
	const key = body.slice(0, colon);
	const rest = body.slice(colon + 1);
	if (rest.includes('..')) {
		const [span, nRaw, scale] = rest.split(':');
		const [fromRaw, toRaw] = span.split('..');
		const from = num(fromRaw, 'the start');
		const to = num(toRaw ?? '', 'the end');
		const n = num(nRaw ?? '', 'the number of values');
		if (!Number.isInteger(n) || n < 2 || n > MAX_VALUES) throw new SweepError(`a range needs 2 to ${MAX_VALUES} values`);
		if (scale !== 'lin' && scale !== 'log') throw new SweepError('a range is spaced lin or log, e.g. ratio:1..1000:7:log/5');
		return { key, kind: 'range', from, to, n, scale };
	}
	const values = rest.split(',').filter((v) => v !== '');
	if (values.length === 0) throw new SweepError('list at least one value');
	if (values.length > MAX_VALUES) throw new SweepError(`at most ${MAX_VALUES} values`);
	return { key, kind: 'set', values };
}

function encodeAxis(a: SweepAxis): string {
	const values = a.kind === 'range' ? `${String(a.from)}..${String(a.to)}:${a.n}:${a.scale}` : a.values.join(',');
	return `${a.key}:${values}`;
}

export function encodeSweep(def: SweepDef): string {
	return `${[def.axis, ...(def.axis2 ? [def.axis2] : [])].map(encodeAxis).join('*')}/${def.seeds}`;
}

/** The swept values, checked against the lab's schema (range, whole numbers, options); throws SweepError. */
export function axisValues(schema: Schema, axis: SweepAxis, label = axis.key): Array<number | string> {
	const spec: ParamSpec | undefined = schema[axis.key];
	if (!spec || spec.kind === 'bool' || spec.kind === 'text') throw new SweepError(`“${axis.key}” is not a setting this lab can sweep`);
	if (spec.kind === 'enum') {
		if (axis.kind !== 'set') throw new SweepError(`${label} is a choice: list its values (${spec.options.join(', ')})`);
		const bad = axis.values.find((v) => !spec.options.includes(v));
		if (bad !== undefined) throw new SweepError(`${label} has no option “${bad.slice(0, 20)}” (options: ${spec.options.join(', ')})`);
		return dedupe(axis.values);
	}
	let values: number[];
	if (axis.kind === 'set') values = axis.values.map((v) => num(v, `the ${label} value`));
	else {
		const { from, to, n, scale } = axis;
		if (scale === 'log' && !(from > 0 && to > 0)) throw new SweepError(`a log range needs positive ends (${label} from ${from} to ${to})`);
		values = Array.from({ length: n }, (_, i) => {
			const t = i / (n - 1);
			const v = scale === 'log' ? Math.exp(Math.log(from) + t * (Math.log(to) - Math.log(from))) : from + t * (to - from);
			return i === 0 ? from : i === n - 1 ? to : Number(v.toPrecision(3));
		});
	}
	if (spec.integer) values = values.map((v) => Math.round(v));
	const out = dedupe(values);
	for (const v of out) {
		if (!Number.isFinite(v) || v < spec.min || v > spec.max) throw new SweepError(`${label} must be between ${spec.min} and ${spec.max} (got ${v})`);
	}
	return out;
}

function dedupe<T>(xs: T[]): T[] {
	return [...new Set(xs)];
}

/**
 * Every run of a sweep: each value with seeds derived from the lab's seed and the replicate's index (integer-safe
 * mixing, so a replicate's seed does not depend on the values swept and a link replays the same runs).
 */
export function planSweep(
	schema: Schema,
	def: SweepDef,
	baseSeed: number
): { values: Array<number | string>; values2: Array<number | string> | null; runs: SweepRun[] } {
	const values = axisValues(schema, def.axis);
	const values2 = def.axis2 ? axisValues(schema, def.axis2) : null;
	if (values2 && values.length * values2.length > MAX_CELLS)
		throw new SweepError(`${values.length} × ${values2.length} combinations is more than ${MAX_CELLS}: use fewer values`);
	const runs: SweepRun[] = [];
	for (let r = 0; r < def.seeds; r++) {
		const seed = mixSeed(baseSeed, r);
		values.forEach((value, i) => {
			if (!values2) runs.push({ point: i, value, replicate: r, seed });
			else values2.forEach((value2, j) => runs.push({ point: i * values2.length + j, value, value2, replicate: r, seed }));
		});
	}
	return { values, values2, runs };
}

/** What is wrong with a definition for this schema, or null (for the URL parameter's check). */
export function sweepProblem(schema: Schema, text: string): string | null {
	try {
		planSweep(schema, decodeSweep(text), 0);
		return null;
	} catch (e) {
		if (e instanceof SweepError) return e.message;
		throw e;
	}
}
