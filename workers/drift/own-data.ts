/**
 * The user's files for the drift report, read in this worker as streams (never whole) into column stores: a
 * reference file and, optionally, a current file (without one, a batch column splits the single file). Both share one
 * dictionary per column name, so categories mean the same in both. Problems are ImportErrors naming the file, row and
 * column; a failed read leaves the files read before as they were.
 */
import { readCsv, type TableProfile } from '$lib/data/table/csv';
import { ColumnStore, Dictionary, type StoredTable } from '$lib/data/table/column-store';
import { ImportError, openText } from '$lib/data/table/text-stream';
import { checkpoint, type Ticket } from '../lib/run-control';
import type { DriftResult } from '../drift.types';

export const MAX_FILE_BYTES = 1024 ** 3;

export interface FileColumn {
	name: string;
	type: 'numeric' | 'categorical';
	present: number;
	missing: number;
	/** Distinct values, or null when there are more than the store keeps (a continuous number, an identifier). */
	distinct: number | null;
}

export interface FileSummary {
	name: string;
	bytes: number;
	rows: number;
	delimiter: string;
	columns: FileColumn[];
}

export type Slot = 'reference' | 'current';

export interface ReadProgress {
	slot: Slot;
	rows: number;
	/** Share of the file's bytes read. */
	fraction: number;
}

/** Read one file into a column store sharing `dictionaries`. */
export async function readTable(
	file: Blob,
	dictionaries: Map<string, Dictionary>,
	ticket: Ticket,
	onProgress?: (rows: number, fraction: number) => void
): Promise<{ table: StoredTable; summary: FileSummary }> {
	let bytes = 0;
	const text = await openText(file, MAX_FILE_BYTES, (read) => (bytes = read));
	const store = new ColumnStore(dictionaries);
	const profile: TableProfile = await readCsv(text, {
		onHeader: (names) => store.header(names),
		onRows: (rows) => store.push(rows),
		onPiece: async (rows) => {
			onProgress?.(rows, file.size ? Math.min(1, bytes / file.size) : 0);
			await checkpoint(ticket);
		}
	});
	const table = store.finish();
	return {
		table,
		summary: {
			name: (file as File).name ?? 'data.csv',
			bytes: file.size,
			rows: table.rows,
			delimiter: profile.delimiter,
			columns: profile.columns.map((c, j) => ({
				name: c.name,
				type: c.type,
				present: c.present,
				missing: c.missing,
				distinct: table.columns[j].dictionary.overflow ? null : table.columns[j].dictionary.values.length
			}))
		}
	};
}

/** Prefix an import problem with the file it is in (two files can be loaded). */
export function inFile(e: unknown, slot: Slot): unknown {
	if (e instanceof ImportError) return new ImportError(`${slot === 'reference' ? 'Reference file' : 'Current file'}: ${e.message}`, e.row, e.column);
	return e;
}

/** The lab's simulated stream in the format the import reads: batch, x1, x2, label (one row per example). */
export function streamCsv(result: Pick<DriftResult, 'x' | 'y'>): string {
	const lines = ['batch,x1,x2,label'];
	result.x.forEach((x, t) => {
		const y = result.y[t];
		for (let i = 0; i < y.length; i++) lines.push(`${t},${x[2 * i]},${x[2 * i + 1]},${y[i]}`);
	});
	return lines.join('\n') + '\n';
}
