/**
 * Typed URL parameters for lab settings. Each lab declares a schema; `parseParams` reads a query string into
 * validated values (clamping out-of-range numbers and replacing unknown options, with a message in words for
 * each), and `serializeParams` writes every setting back so a link reproduces the exact state: integers are
 * written exactly and other numbers in JavaScript's shortest round-trip form, so they parse back to the same
 * value. Numbers are read strictly (plain decimal notation only: no hexadecimal, no spaces, no values that
 * underflow to 0); parameters outside the schema are dropped, except the page-level ones in PAGE_PARAMS.
 */

/** Parameters that belong to the page rather than a lab (presenter mode, embedding, a lesson and its step), kept when a lab writes its URL. */
export const PAGE_PARAMS = ['present', 'embed', 'lesson', 'step'] as const;

/** Longest raw value echoed in a message; longer ones are cut with an ellipsis. */
const ECHO_MAX = 40;
export interface NumberSpec {
	kind: 'number';
	default: number;
	min: number;
	max: number;
	integer?: boolean;
	/** Allow the literal value `null` (written as "none"), e.g. an optional focal α. */
	nullable?: false;
}

export interface NullableNumberSpec {
	kind: 'number';
	default: number | null;
	min: number;
	max: number;
	integer?: boolean;
	nullable: true;
}

export interface EnumSpec<T extends string = string> {
	kind: 'enum';
	default: T;
	options: readonly T[];
}

export interface BoolSpec {
	kind: 'bool';
	default: boolean;
}

/** Free text with its own grammar (e.g. a sweep definition): `check` returns what is wrong with a value, or null. */
export interface TextSpec {
	kind: 'text';
	default: string;
	maxLength: number;
	check: (raw: string) => string | null;
}

export type ParamSpec = NumberSpec | NullableNumberSpec | EnumSpec<string> | BoolSpec | TextSpec;
export type Schema = Record<string, ParamSpec>;

type ValueOf<S> = S extends NullableNumberSpec
	? number | null
	: S extends NumberSpec
		? number
		: S extends EnumSpec<infer T>
			? T
			: S extends BoolSpec
				? boolean
				: S extends TextSpec
					? string
					: never;

export type Values<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export const param = {
	number: (def: number, min: number, max: number): NumberSpec => ({ kind: 'number', default: def, min, max }),
	int: (def: number, min: number, max: number): NumberSpec => ({ kind: 'number', default: def, min, max, integer: true }),
	nullableNumber: (def: number | null, min: number, max: number): NullableNumberSpec => ({ kind: 'number', default: def, min, max, nullable: true }),
	enum: <T extends string>(def: T, options: readonly T[]): EnumSpec<T> => ({ kind: 'enum', default: def, options }),
	bool: (def: boolean): BoolSpec => ({ kind: 'bool', default: def }),
	text: (def: string, maxLength: number, check: (raw: string) => string | null): TextSpec => ({ kind: 'text', default: def, maxLength, check })
};

/** A number setting's range, for a slider or field: `<Slider {...range(schema.ratio)} … />`. */
export function range(spec: NumberSpec | NullableNumberSpec): { min: number; max: number } {
	return { min: spec.min, max: spec.max };
}

export function defaults<S extends Schema>(schema: S): Values<S> {
	const out: Record<string, unknown> = {};
	for (const [k, spec] of Object.entries(schema)) out[k] = spec.default;
	return out as Values<S>;
}

/** A number as written to the URL and in messages: exact for integers, shortest round-trip form otherwise. */
function fmt(x: number): string {
	return String(x);
}

/** A raw URL value as echoed in a message: cut to ECHO_MAX characters. */
export function echo(raw: string): string {
	return raw.length > ECHO_MAX ? `${raw.slice(0, ECHO_MAX)}… (${raw.length} characters)` : raw;
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Strict decimal parsing: NaN for anything but plain decimal notation, and for values that underflow to 0. */
export function parseDecimal(raw: string): number {
	if (!DECIMAL.test(raw)) return NaN;
	const x = Number(raw);
	if (x === 0 && /[1-9]/.test(raw.replace(/[eE].*$/, ''))) return NaN;
	return x;
}

/** Parse one raw value; returns the value and, when it had to be changed, a message saying how. */
export function parseValue(key: string, spec: ParamSpec, raw: string): { value: unknown; issue: string | null } {
	const shown = echo(raw);
	if (spec.kind === 'bool') {
		if (raw === '1' || raw === 'true') return { value: true, issue: null };
		if (raw === '0' || raw === 'false') return { value: false, issue: null };
		return { value: spec.default, issue: `${key}=${shown} is not 0 or 1; using ${spec.default ? 1 : 0}.` };
	}
	if (spec.kind === 'text') {
		if (raw.length > spec.maxLength) return { value: spec.default, issue: `${key} is longer than ${spec.maxLength} characters; ignored.` };
		const problem = raw === spec.default ? null : spec.check(raw);
		return problem ? { value: spec.default, issue: `${key}=${shown}: ${problem}; ignored.` } : { value: raw, issue: null };
	}
	if (spec.kind === 'enum') {
		if (spec.options.includes(raw)) return { value: raw, issue: null };
		return { value: spec.default, issue: `${key}=${shown} is not one of ${spec.options.join(', ')}; using ${spec.default}.` };
	}
	if (spec.nullable && raw === 'none') return { value: null, issue: null };
	const x = parseDecimal(raw);
	if (!Number.isFinite(x)) {
		const def = spec.default === null ? 'none' : fmt(spec.default);
		const what = DECIMAL.test(raw) ? 'is too large or too small to use' : 'is not a number (plain decimal notation)';
		return { value: spec.default, issue: `${key}=${shown} ${what}; using ${def}.` };
	}
	let v = spec.integer ? Math.round(x) : x;
	let issue: string | null = null;
	if (v < spec.min) {
		issue = `${key}=${shown} is below the minimum ${fmt(spec.min)}; using ${fmt(spec.min)}.`;
		v = spec.min;
	} else if (v > spec.max) {
		issue = `${key}=${shown} is above the maximum ${fmt(spec.max)}; using ${fmt(spec.max)}.`;
		v = spec.max;
	} else if (spec.integer && v !== x) {
		issue = `${key}=${shown} must be a whole number; using ${v}.`;
	}
	return { value: v, issue };
}

export function parseParams<S extends Schema>(schema: S, search: URLSearchParams): { values: Values<S>; issues: string[] } {
	const values: Record<string, unknown> = {};
	const issues: string[] = [];
	const unknown = [...new Set([...search.keys()])].filter((k) => !(k in schema) && !(PAGE_PARAMS as readonly string[]).includes(k));
	if (unknown.length)
		issues.push(
			`Ignored ${unknown.length === 1 ? 'a setting' : 'settings'} this lab does not have: ${unknown.slice(0, 5).map(echo).join(', ')}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ''}.`
		);
	for (const [key, spec] of Object.entries(schema)) {
		const raw = search.get(key);
		if (raw === null) {
			values[key] = spec.default;
			continue;
		}
		const { value, issue } = parseValue(key, spec, raw);
		values[key] = value;
		if (issue) issues.push(issue);
	}
	return { values: values as Values<S>, issues };
}

export function formatValue(spec: ParamSpec, value: unknown): string {
	if (spec.kind === 'bool') return value ? '1' : '0';
	if (spec.kind === 'enum' || spec.kind === 'text') return String(value);
	if (value === null) return 'none';
	return fmt(value as number);
}

/**
 * Every schema key in schema order, then the page-level parameters (PAGE_PARAMS, e.g. presenter mode) found in
 * `keep`; anything else is dropped.
 */
export function serializeParams<S extends Schema>(schema: S, values: Values<S>, keep?: URLSearchParams): string {
	const out = new URLSearchParams();
	for (const [key, spec] of Object.entries(schema)) {
		const value = (values as Record<string, unknown>)[key];
		// Empty text (no sweep defined) is left out: it reads back as the same default.
		if (spec.kind === 'text' && value === spec.default && value === '') continue;
		out.set(key, formatValue(spec, value));
	}
	if (keep) for (const k of PAGE_PARAMS) if (!(k in schema) && keep.has(k)) out.set(k, keep.get(k)!);
	return out.toString();
}
