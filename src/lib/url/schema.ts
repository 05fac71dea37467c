/**
 * Typed URL parameters for lab settings. Each lab declares a schema; `parseParams` reads a query string into
 * validated values (clamping out-of-range numbers and replacing unknown options, with a message in words for
 * each), and `serializeParams` writes every setting back so a link reproduces the exact state.
 */
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

export type ParamSpec = NumberSpec | NullableNumberSpec | EnumSpec<string> | BoolSpec;
export type Schema = Record<string, ParamSpec>;

type ValueOf<S> = S extends NullableNumberSpec
	? number | null
	: S extends NumberSpec
		? number
		: S extends EnumSpec<infer T>
			? T
			: S extends BoolSpec
				? boolean
				: never;

export type Values<S extends Schema> = { -readonly [K in keyof S]: ValueOf<S[K]> };

export const param = {
	number: (def: number, min: number, max: number): NumberSpec => ({ kind: 'number', default: def, min, max }),
	int: (def: number, min: number, max: number): NumberSpec => ({ kind: 'number', default: def, min, max, integer: true }),
	nullableNumber: (def: number | null, min: number, max: number): NullableNumberSpec => ({ kind: 'number', default: def, min, max, nullable: true }),
	enum: <T extends string>(def: T, options: readonly T[]): EnumSpec<T> => ({ kind: 'enum', default: def, options }),
	bool: (def: boolean): BoolSpec => ({ kind: 'bool', default: def })
};

export function defaults<S extends Schema>(schema: S): Values<S> {
	const out: Record<string, unknown> = {};
	for (const [k, spec] of Object.entries(schema)) out[k] = spec.default;
	return out as Values<S>;
}

function fmt(x: number): string {
	return String(Number(x.toPrecision(6)));
}

/** Parse one raw value; returns the value and, when it had to be changed, a message saying how. */
export function parseValue(key: string, spec: ParamSpec, raw: string): { value: unknown; issue: string | null } {
	if (spec.kind === 'bool') {
		if (raw === '1' || raw === 'true') return { value: true, issue: null };
		if (raw === '0' || raw === 'false') return { value: false, issue: null };
		return { value: spec.default, issue: `${key}=${raw} is not 0 or 1; using ${spec.default ? 1 : 0}.` };
	}
	if (spec.kind === 'enum') {
		if (spec.options.includes(raw)) return { value: raw, issue: null };
		return { value: spec.default, issue: `${key}=${raw} is not one of ${spec.options.join(', ')}; using ${spec.default}.` };
	}
	if (spec.nullable && raw === 'none') return { value: null, issue: null };
	const x = raw.trim() === '' ? NaN : Number(raw);
	if (!Number.isFinite(x)) {
		const def = spec.default === null ? 'none' : fmt(spec.default);
		return { value: spec.default, issue: `${key}=${raw} is not a number; using ${def}.` };
	}
	let v = spec.integer ? Math.round(x) : x;
	let issue: string | null = null;
	if (v < spec.min) {
		issue = `${key}=${raw} is below the minimum ${fmt(spec.min)}; using ${fmt(spec.min)}.`;
		v = spec.min;
	} else if (v > spec.max) {
		issue = `${key}=${raw} is above the maximum ${fmt(spec.max)}; using ${fmt(spec.max)}.`;
		v = spec.max;
	} else if (spec.integer && v !== x) {
		issue = `${key}=${raw} must be a whole number; using ${v}.`;
	}
	return { value: v, issue };
}

export function parseParams<S extends Schema>(schema: S, search: URLSearchParams): { values: Values<S>; issues: string[] } {
	const values: Record<string, unknown> = {};
	const issues: string[] = [];
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
	if (spec.kind === 'enum') return String(value);
	if (value === null) return 'none';
	return fmt(value as number);
}

/**
 * Every schema key in schema order, then any other parameters already in `keep` (e.g. presenter mode),
 * so lab state never drops settings that belong to the page.
 */
export function serializeParams<S extends Schema>(schema: S, values: Values<S>, keep?: URLSearchParams): string {
	const out = new URLSearchParams();
	for (const [key, spec] of Object.entries(schema)) out.set(key, formatValue(spec, (values as Record<string, unknown>)[key]));
	if (keep) for (const [k, v] of keep) if (!(k in schema)) out.set(k, v);
	return out.toString();
}
