/**
 * Feature scalers, fitted on training rows only and then applied to any rows.
 *
 * - none: identity.
 * - minmax: (x − min)/(max − min).
 * - standard: (x − mean)/sd with the population standard deviation (ddof = 0), as sklearn's StandardScaler.
 * - robust: (x − median)/IQR with IQR = Q3 − Q1 from numpy's linear quantiles, as sklearn's RobustScaler.
 *   A column that varies but has IQR = 0 (mostly one value) is only centred (scale 1), as sklearn does.
 * - log: log1p(x), stateless; x ≤ −1 is an error (log1p is undefined there).
 * A column that is constant in the training rows carries no information and maps to 0 under minmax, standard and
 * robust, for every row transformed: never NaN.
 */
import { quantileSorted, sortedCopy } from '../stats/quantile';
import { assertFiniteNumber } from '../stats/validate';

export type ScalerKind = 'none' | 'minmax' | 'standard' | 'robust' | 'log';
export const SCALER_KINDS: ScalerKind[] = ['none', 'minmax', 'standard', 'robust', 'log'];

export interface ScalerParams {
	/** Per column: subtract center, divide by scale. Constant columns have scale 0 and map to 0. */
	center: number[];
	scale: number[];
}

export interface Scaler {
	kind: ScalerKind;
	params: ScalerParams;
	transform(rows: number[][]): number[][];
}

function checkRows(rows: number[][], name: string, width?: number): number {
	if (!Array.isArray(rows) || rows.length === 0) throw new RangeError(`${name} is empty: at least one row is needed.`);
	const w = width ?? rows[0]?.length;
	if (!w) throw new RangeError(`${name} has rows with no columns.`);
	rows.forEach((r, i) => {
		if (!Array.isArray(r) || r.length !== w) throw new RangeError(`${name}[${i}] has ${r?.length ?? 0} columns; expected ${w}.`);
		r.forEach((v, j) => assertFiniteNumber(`${name}[${i}][${j}]`, v));
	});
	return w;
}

function column(rows: number[][], j: number): Float64Array {
	return Float64Array.from(rows, (r) => r[j]);
}

function fitColumn(kind: ScalerKind, values: Float64Array): { center: number; scale: number } {
	const n = values.length;
	let lo = Infinity;
	let hi = -Infinity;
	let sum = 0;
	for (const v of values) {
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
		sum += v;
	}
	if (kind === 'none' || kind === 'log') return { center: 0, scale: 1 };
	if (lo === hi) return { center: lo, scale: 0 };
	if (kind === 'minmax') return { center: lo, scale: hi - lo };
	if (kind === 'standard') {
		const m = sum / n;
		let ss = 0;
		for (const v of values) ss += (v - m) * (v - m);
		return { center: m, scale: Math.sqrt(ss / n) };
	}
	const s = sortedCopy(values);
	const iqr = quantileSorted(s, 0.75) - quantileSorted(s, 0.25);
	return { center: quantileSorted(s, 0.5), scale: iqr > 0 ? iqr : 1 };
}

export function fitScaler(kind: ScalerKind, rows: number[][]): Scaler {
	if (!SCALER_KINDS.includes(kind)) throw new RangeError(`Unknown scaler '${kind}': use one of ${SCALER_KINDS.join(', ')}.`);
	const width = checkRows(rows, 'rows');
	if (kind === 'log') checkLogDomain(rows, 'rows');
	const fitted = Array.from({ length: width }, (_, j) => fitColumn(kind, column(rows, j)));
	const params: ScalerParams = { center: fitted.map((f) => f.center), scale: fitted.map((f) => f.scale) };
	return {
		kind,
		params,
		transform(input: number[][]): number[][] {
			checkRows(input, 'rows to transform', width);
			if (kind === 'none') return input.map((r) => r.slice());
			if (kind === 'log') {
				checkLogDomain(input, 'rows to transform');
				return input.map((r) => r.map((v) => Math.log1p(v)));
			}
			return input.map((r) => r.map((v, j) => (params.scale[j] === 0 ? 0 : (v - params.center[j]) / params.scale[j])));
		}
	};
}

function checkLogDomain(rows: number[][], name: string): void {
	rows.forEach((r, i) =>
		r.forEach((v, j) => {
			if (v <= -1) throw new RangeError(`${name}[${i}][${j}] = ${v}: the log scaler needs values above −1 (log1p is undefined there).`);
		})
	);
}
