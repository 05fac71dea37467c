/**
 * A user's file read in a worker as a stream (never whole) into a column store (column-store.ts) sharing
 * `dictionaries` with the other tables it will be compared or combined with; its summary (columns with their types,
 * missing values and distinct values) for the page. Problems are ImportErrors naming the row and column.
 */
import type { ReadOptions, TableFormat, TableProfile } from '$lib/data/table/csv';
import type { DateFormat } from '$lib/data/table/dates';
import { ColumnStore, Dictionary, type StoredTable } from '$lib/data/table/column-store';
import { readFile } from '$lib/data/table/read-file';
import { checkpoint, type Ticket } from './run-control';

export const MAX_FILE_BYTES = 1024 ** 3;

export interface FileColumn {
	name: string;
	/** 'date': every present value is a date or timestamp (also offered as categories when it has few values). */
	type: 'numeric' | 'categorical' | 'date';
	/** Filled cells (not missing). */
	present: number;
	missing: number;
	/** Distinct values, or null when there are more than the store keeps (a continuous number, an identifier). */
	distinct: number | null;
	/** The first VALUES_SHOWN distinct values in order of appearance (null when there are more than the store keeps). */
	values: string[] | null;
	/** Date columns: how they were read, and their first and last moment (ms since 1970, UTC arithmetic). */
	date?: DateFormat & { min: number; max: number };
}

export const VALUES_SHOWN = 50;

export interface FileSummary {
	name: string;
	bytes: number;
	rows: number;
	delimiter: string;
	/** The file's kind, delimiter and decimal mark (decimal commas are said on the file card). */
	format: TableFormat;
	columns: FileColumn[];
}

/** Read one file into a column store sharing `dictionaries`. */
export async function readTable(
	file: Blob,
	dictionaries: Map<string, Dictionary>,
	ticket: Ticket,
	onProgress?: (rows: number, fraction: number) => void
): Promise<{ table: StoredTable; summary: FileSummary }> {
	let bytes = 0;
	const store = new ColumnStore(dictionaries);
	const options: ReadOptions = {
		onHeader: (names, format) => store.header(names, format),
		onRows: (rows) => store.push(rows),
		onPiece: async (rows) => {
			onProgress?.(rows, file.size ? Math.min(1, bytes / file.size) : 0);
			await checkpoint(ticket);
		}
	};
	const profile: TableProfile = await readFile(file, options, MAX_FILE_BYTES, (read) => (bytes = read));
	const table = store.finish();
	return {
		table,
		summary: {
			name: (file as File).name ?? 'data.csv',
			bytes: file.size,
			rows: table.rows,
			delimiter: profile.delimiter,
			format: profile.format,
			columns: profile.columns.map((c, j) => {
				const stored = table.columns[j];
				const dates = c.type === 'categorical' && stored.dates && stored.dates.values.length === table.rows ? stored.dates : null;
				return {
					name: c.name,
					type: dates ? 'date' : c.type,
					present: c.present,
					missing: c.missing,
					distinct: stored.dictionary.overflow ? null : stored.dictionary.values.length,
					values: stored.dictionary.overflow ? null : stored.dictionary.values.slice(0, VALUES_SHOWN),
					...(dates ? { date: { ...dates.format, ...range(dates.values) } } : {})
				};
			})
		}
	};
}

function range(values: Float64Array): { min: number; max: number } {
	let min = Infinity;
	let max = -Infinity;
	for (const v of values)
		if (v === v) {
			if (v < min) min = v;
			if (v > max) max = v;
		}
	return { min, max };
}
