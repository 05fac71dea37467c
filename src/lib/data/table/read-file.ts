/**
 * A user's file, whatever its kind — CSV/TSV text (gzip too) or Parquet — read record by record through ReadOptions
 * (profile.ts): the one entry point of every lab's import. Parquet's reader is loaded only when a Parquet file arrives.
 */
import { readCsv } from './csv';
import { isParquet, readParquet } from './parquet';
import { openText, DEFAULT_MAX_BYTES } from './text-stream';
import type { ReadOptions, TableProfile } from './profile';

/** `onBytes`: bytes of the file read so far (before decompression), for progress as a share of file.size. */
export async function readFile(file: Blob, options: ReadOptions, maxBytes = DEFAULT_MAX_BYTES, onBytes?: (read: number) => void): Promise<TableProfile> {
	if (await isParquet(file)) return readParquet(file, options, maxBytes, onBytes);
	return readCsv(await openText(file, maxBytes, onBytes), options);
}

/** A boolean cell as a 0/1 count: 'true'/'false' (as Parquet booleans and many exports write them), else NaN. */
export function booleanValue(v: string): number {
	const t = v.trim().toLowerCase();
	return t === 'true' ? 1 : t === 'false' ? 0 : NaN;
}
