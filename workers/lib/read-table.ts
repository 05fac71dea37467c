/**
 * A user's file read in a worker as a stream (never whole) into a column store (column-store.ts) sharing
 * `dictionaries` with the other tables it will be compared or combined with; its summary (columns with their types,
 * missing values and distinct values) for the page. Problems are ImportErrors naming the row and column.
 */
import { readCsv, type TableProfile } from '$lib/data/table/csv';
import { ColumnStore, Dictionary, type StoredTable } from '$lib/data/table/column-store';
import { openText } from '$lib/data/table/text-stream';
import { checkpoint, type Ticket } from './run-control';

export const MAX_FILE_BYTES = 1024 ** 3;

export interface FileColumn {
	name: string;
	type: 'numeric' | 'categorical';
	present: number;
	missing: number;
	/** Distinct values, or null when there are more than the store keeps (a continuous number, an identifier). */
	distinct: number | null;
	/** The first VALUES_SHOWN distinct values in order of appearance (null when there are more than the store keeps). */
	values: string[] | null;
}

export const VALUES_SHOWN = 50;

export interface FileSummary {
	name: string;
	bytes: number;
	rows: number;
	delimiter: string;
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
				distinct: table.columns[j].dictionary.overflow ? null : table.columns[j].dictionary.values.length,
				values: table.columns[j].dictionary.overflow ? null : table.columns[j].dictionary.values.slice(0, VALUES_SHOWN)
			}))
		}
	};
}
