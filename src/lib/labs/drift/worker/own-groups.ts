/**
 * Rows of the user's tables grouped into samples for the drift report: the reference, the current data, its batches
 * (by a column's values or consecutive chunks), and the per-sample views of a column (sorted numbers, category counts,
 * missing shares).
 */
import type { StoredColumn, StoredTable } from '$lib/data/table/column-store';
import { ImportError } from '$lib/data/table/text-stream';

/** Without a batch column, the current file is cut into this many consecutive batches (at least MIN_CHUNK rows each). */
export const CHUNKS = 20;
export const MIN_CHUNK = 50;

/** Rows of a table making up one sample: all of them (null) or these indices. */
export interface Group {
	table: StoredTable;
	rows: Int32Array | null;
}

export const colOf = (t: StoredTable, name: string): StoredColumn | undefined => t.columns.find((c) => c.name === name);
export const codesOf = (c: StoredColumn): Int32Array | null => (c.dictionary.overflow ? null : c.codes);

export function groupSize(g: Group): number {
	return g.rows ? g.rows.length : g.table.rows;
}

/** Present values of a numeric column in a group, sorted. */
export function sortedValues(col: StoredColumn, g: Group): Float64Array {
	const x = col.numbers!;
	const out = new Float64Array(groupSize(g));
	let k = 0;
	if (g.rows) {
		for (const i of g.rows) if (!Number.isNaN(x[i])) out[k++] = x[i];
	} else for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
	const s = out.subarray(0, k);
	s.sort();
	return s;
}

export function codeCounts(col: StoredColumn, g: Group, size: number): { counts: Float64Array; present: number } {
	const codes = codesOf(col)!;
	const counts = new Float64Array(size);
	let present = 0;
	const add = (i: number) => {
		const c = codes[i];
		if (c >= 0) {
			counts[c]++;
			present++;
		}
	};
	if (g.rows) for (const i of g.rows) add(i);
	else for (let i = 0; i < codes.length; i++) add(i);
	return { counts, present };
}

/** Batches by the values of a column, in order of first appearance among `rows` (all rows when null). */
export function batchesBy(table: StoredTable, name: string, rows: Int32Array | null): { labels: string[]; rows: Int32Array[]; missing: number } {
	const col = colOf(table, name);
	if (!col) throw new ImportError(`There is no column “${name}” to split the data into batches.`, undefined, name);
	const codes = codesOf(col);
	if (!codes)
		throw new ImportError(
			`Column “${name}” has more than 1,000 distinct values: choose a column of batches or periods (a day, a week), not a timestamp or an identifier.`,
			undefined,
			name
		);
	const order = new Map<number, number>();
	const lists: number[][] = [];
	let missing = 0;
	const visit = (i: number) => {
		const c = codes[i];
		if (c < 0) {
			missing++;
			return;
		}
		let b = order.get(c);
		if (b === undefined) {
			order.set(c, (b = lists.length));
			lists.push([]);
		}
		lists[b].push(i);
	};
	if (rows) for (const i of rows) visit(i);
	else for (let i = 0; i < table.rows; i++) visit(i);
	return { labels: [...order.keys()].map((c) => col.dictionary.values[c]), rows: lists.map((l) => Int32Array.from(l)), missing };
}

export function chunks(rows: number): { labels: string[]; rows: Int32Array[] } {
	const k = Math.max(1, Math.min(CHUNKS, Math.floor(rows / MIN_CHUNK)));
	const out: Int32Array[] = [];
	const labels: string[] = [];
	for (let b = 0; b < k; b++) {
		const from = Math.floor((b * rows) / k);
		const to = Math.floor(((b + 1) * rows) / k);
		out.push(Int32Array.from({ length: to - from }, (_, i) => from + i));
		labels.push(`rows ${from + 2}–${to + 1}`);
	}
	return { labels, rows: out };
}

/** One sorted array from several (pairwise merges). */
export function mergeSorted(parts: Float64Array[]): Float64Array {
	if (parts.length === 0) return new Float64Array(0);
	let level = parts;
	while (level.length > 1) {
		const next: Float64Array[] = [];
		for (let i = 0; i < level.length; i += 2) {
			if (i + 1 === level.length) {
				next.push(level[i]);
				continue;
			}
			const a = level[i];
			const b = level[i + 1];
			const out = new Float64Array(a.length + b.length);
			let x = 0;
			let y = 0;
			let o = 0;
			while (x < a.length && y < b.length) out[o++] = a[x] <= b[y] ? a[x++] : b[y++];
			while (x < a.length) out[o++] = a[x++];
			while (y < b.length) out[o++] = b[y++];
			next.push(out);
		}
		level = next;
	}
	return level[0];
}

export function concatRows(parts: Int32Array[]): Int32Array {
	const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/** Share of a group's rows where the column is missing (a column kept in neither form: its share in the whole file). */
export function missingShare(col: StoredColumn, g: Group): number {
	const size = groupSize(g);
	const x = col.numbers;
	const c = codesOf(col);
	if (!x && !c) return col.missing / Math.max(1, g.table.rows);
	if (!size) return 0;
	const isMiss = x ? (i: number) => Number.isNaN(x[i]) : (i: number) => c![i] < 0;
	let miss = 0;
	if (g.rows) {
		for (const i of g.rows) if (isMiss(i)) miss++;
	} else for (let i = 0; i < size; i++) if (isMiss(i)) miss++;
	return miss / size;
}

/** The codes that occur in these columns (one pass over each). */
export function usedCodes(...cols: StoredColumn[]): Set<number> {
	const seen = new Set<number>();
	for (const col of cols) for (const c of codesOf(col)!) if (c >= 0) seen.add(c);
	return seen;
}
