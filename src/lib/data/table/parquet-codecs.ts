/**
 * Decompressors for Parquet pages written with gzip, zstd or LZ4 (Snappy is built into hyparquet): loaded by
 * parquet.ts only when a file's footer names one of them, so they are a small chunk of their own. They come from
 * hyparquet-compressors (gzip, LZ4) and fzstd (zstd), the modules that package's own `compressors` object uses; that
 * object is not imported because it also brings Brotli (with its 80 KB dictionary) and a WebAssembly Snappy.
 */
import type { Compressors } from 'hyparquet';
import { gunzip } from 'hyparquet-compressors/src/gzip.js';
import { decompressLz4, decompressLz4Raw } from 'hyparquet-compressors/src/lz4.js';
import { decompress as zstd } from 'fzstd';

export const compressors: Compressors = {
	GZIP: (input, length) => gunzip(input, new Uint8Array(length)),
	ZSTD: (input) => zstd(input),
	LZ4: decompressLz4,
	LZ4_RAW: decompressLz4Raw
};
