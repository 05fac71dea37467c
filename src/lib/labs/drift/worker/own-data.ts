/**
 * The user's files for the drift report: a reference file and, optionally, a current file (without one, a batch
 * column splits the single file), read by read-table.ts into column stores sharing one dictionary per column name,
 * so categories mean the same in both. A failed read leaves the files read before as they were.
 */
import { ImportError } from '$lib/data/table/text-stream';
import type { DriftResult } from '../types';

export { readTable, type FileColumn, type FileSummary } from '../../../engine/read-table';

export type Slot = 'reference' | 'current';

export interface ReadProgress {
	slot: Slot;
	rows: number;
	/** Share of the file's bytes read. */
	fraction: number;
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
