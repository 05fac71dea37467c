/**
 * Parquet files, read in the worker with hyparquet (pure JavaScript, loaded by a dynamic import of hyparquet-lib.ts the
 * first time a Parquet file arrives, so it is a chunk of its own that no page runs before): the footer's schema first, then the
 * rows one row group at a time — only that group's bytes are read from the file — handed to profile.ts's RecordTaker
 * as string records of a few thousand rows, exactly as a CSV file's records are, so the column store and every check
 * and message are the same for both kinds of file.
 *
 * Values as text: numbers in their shortest round-trip form (`String(x)`; FLOAT columns in the shortest form that
 * reads back to the same 32-bit float, as a CSV export writes them), 64-bit integers as their decimal digits, a float
 * NaN and every null as '' (missing), booleans `true`/`false`, strings as they are, DATE as `YYYY-MM-DD`, timestamps
 * (TIMESTAMP millis/micros/nanos, INT96) as `YYYY-MM-DDTHH:MM:SS.sss` with a `Z` when the file says they are UTC
 * instants, so dates.ts reads both as dates; DECIMAL as its number; TIME as `HH:MM:SS.sss`. A byte array without a
 * string annotation is read as text when it is valid UTF-8 text (many writers leave the annotation out) and refused
 * otherwise; lists, maps, structs, variants, geometries, intervals and fixed-length binary are refused in words naming
 * the column. Pages compressed with Snappy (built into hyparquet) or not at all need nothing more; gzip, zstd and LZ4
 * load parquet-codecs.ts (another small chunk) when the footer names them; Brotli and LZO are refused.
 */
import type { ColumnData, CompressionCodec, Compressors, FileMetaData, ParquetParsers, SchemaElement, SchemaTree } from 'hyparquet';
import { fmtBytes } from '$lib/format';
import { RecordTaker, type ReadOptions, type TableFormat, type TableProfile } from './profile';
import { parseNumber } from './numbers';
import { DEFAULT_MAX_BYTES, ImportError } from './text-stream';

export const PARQUET_FORMAT: TableFormat = { kind: 'parquet', delimiter: '', decimalComma: false };

/** Rows handed to the RecordTaker at a time (and between two `onPiece` calls). */
export const SLICE_ROWS = 4096;

const MAGIC = [0x50, 0x41, 0x52, 0x31]; // "PAR1"

/** Whether `file` is to be read as Parquet: it starts with `PAR1`, or it is named `….parquet` (checked when read). */
export async function isParquet(file: Blob): Promise<boolean> {
	if (/\.(parquet|parq|pq)$/i.test((file as File).name ?? '')) return true;
	const head = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	return head.length === 4 && MAGIC.every((b, i) => head[i] === b);
}

/** How one column's values become text. */
type Kind = 'value' | 'float32' | 'date' | 'timestamp' | 'timestamp-local' | 'time-ms' | 'time-us' | 'time-ns' | 'bytes';

const q = (name: string) => `Column “${name}”`;

function refuse(name: string, holds: string, fix: string): never {
	throw new ImportError(`${q(name)} holds ${holds}, which this lab cannot read: ${fix}`, undefined, name);
}

/** The kind of a top-level column, or an ImportError in words when the labs cannot use it. */
function columnKind(node: SchemaTree): Kind {
	const e: SchemaElement = node.element;
	const name = e.name;
	const logical = e.logical_type?.type;
	const converted = e.converted_type;
	const flatten = 'flatten it to one value per cell.';
	if (logical === 'LIST' || converted === 'LIST' || e.repetition_type === 'REPEATED')
		refuse(name, `lists (a Parquet ${logical === 'LIST' || converted === 'LIST' ? 'LIST' : 'repeated field'})`, flatten);
	if (logical === 'MAP' || converted === 'MAP' || converted === 'MAP_KEY_VALUE') refuse(name, 'maps (a Parquet MAP)', flatten);
	if (logical === 'VARIANT') refuse(name, 'semi-structured values (a Parquet VARIANT)', flatten);
	if (node.children.length) refuse(name, 'structs (a Parquet group of fields)', 'give each field a column of its own.');
	if (logical === 'GEOMETRY' || logical === 'GEOGRAPHY') refuse(name, 'geometries (GeoParquet)', 'keep their coordinates as number columns.');
	if (converted === 'INTERVAL' || logical === 'INTERVAL') refuse(name, 'intervals (a Parquet INTERVAL)', 'write them as a number of days or seconds.');
	if (converted === 'BSON' || logical === 'BSON') refuse(name, 'BSON documents', flatten);
	if (converted === 'DATE' || logical === 'DATE') return 'date';
	if (e.type === 'INT96') return 'timestamp-local';
	// The logical type says whether a timestamp is a UTC instant; the older converted types always were.
	if (e.logical_type?.type === 'TIMESTAMP') return e.logical_type.isAdjustedToUTC ? 'timestamp' : 'timestamp-local';
	if (converted === 'TIMESTAMP_MILLIS' || converted === 'TIMESTAMP_MICROS') return 'timestamp';
	if (e.logical_type?.type === 'TIME') return e.logical_type.unit === 'MILLIS' ? 'time-ms' : e.logical_type.unit === 'MICROS' ? 'time-us' : 'time-ns';
	if (converted === 'TIME_MILLIS') return 'time-ms';
	if (converted === 'TIME_MICROS') return 'time-us';
	if (e.type === 'FLOAT') return 'float32';
	if (converted === 'DECIMAL' || logical === 'DECIMAL' || logical === 'FLOAT16' || logical === 'UUID') return 'value';
	if (e.type === 'FIXED_LEN_BYTE_ARRAY')
		refuse(name, `raw binary values (a Parquet FIXED_LEN_BYTE_ARRAY of ${e.type_length} bytes)`, 'write them as text or numbers.');
	if (e.type === 'BYTE_ARRAY' && converted !== 'UTF8' && converted !== 'JSON' && logical !== 'STRING' && logical !== 'JSON') return 'bytes';
	return 'value';
}

/** The shortest decimal that reads back to the same 32-bit float (as a CSV export of a float32 column writes it). */
function float32Text(x: number): string {
	if (x !== x) return '';
	for (let p = 1; p < 9; p++) {
		const y = Number(x.toPrecision(p));
		if (Math.fround(y) === x) return String(y);
	}
	return String(x);
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Text of an unannotated byte array, or null when it is not text (invalid UTF-8, or control bytes). */
function bytesText(b: Uint8Array): string | null {
	for (const c of b) if (c < 32 && c !== 9 && c !== 10 && c !== 13) return null;
	try {
		return utf8.decode(b);
	} catch {
		return null;
	}
}

/** A moment as ISO 8601 (`Z` when `utc`); beyond what Date holds, the raw count with its unit (read as text). */
function isoTime(ms: number, utc: boolean, raw: () => string): string {
	const d = new Date(ms);
	if (Number.isNaN(d.getTime())) return raw();
	const s = d.toISOString();
	return utc ? s : s.slice(0, -1);
}

function timeOfDay(ms: number): string {
	const d = new Date(((ms % 86_400_000) + 86_400_000) % 86_400_000);
	const s = d.toISOString().slice(11, 23);
	return s.endsWith('.000') ? s.slice(0, 8) : s;
}

/** Floor division of a bigint (rounds towards −∞, so a moment before 1970 keeps its millisecond). */
const floorDiv = (a: bigint, b: bigint) => (a >= 0n ? a / b : -((-a + b - 1n) / b));

/**
 * Parsers handed to hyparquet: dates and timestamps stay numbers of milliseconds (a Moment), made text per column
 * (UTC or not); JSON stays its text.
 */
class Moment {
	constructor(
		readonly ms: number,
		readonly raw: string
	) {}
}
const decoder = new TextDecoder();
const PARSERS: Partial<ParquetParsers> = {
	timestampFromMilliseconds: (v: bigint) => new Moment(Number(v), `${v} ms`),
	timestampFromMicroseconds: (v: bigint) => new Moment(Number(floorDiv(v, 1000n)), `${v} µs`),
	timestampFromNanoseconds: (v: bigint) => new Moment(Number(floorDiv(v, 1_000_000n)), `${v} ns`),
	dateFromDays: (days: number) => new Moment(days * 86_400_000, `day ${days}`),
	jsonFromBytes: (b: Uint8Array) => b && decoder.decode(b)
};

/** One value as the text a CSV file would hold; `column` names it in a refusal. */
function text(v: unknown, kind: Kind, column: string): string {
	if (v === null || v === undefined) return '';
	switch (kind) {
		case 'value':
			break;
		case 'float32':
			return float32Text(v as number);
		case 'date':
		case 'timestamp':
		case 'timestamp-local': {
			const m = v instanceof Moment ? v : new Moment(v instanceof Date ? v.getTime() : Number(v), String(v));
			if (kind === 'date') {
				const s = isoTime(m.ms, true, () => m.raw);
				return s.endsWith('T00:00:00.000Z') ? s.slice(0, -14) : s;
			}
			return isoTime(m.ms, kind === 'timestamp', () => m.raw);
		}
		case 'time-ms':
			return timeOfDay(Number(v));
		case 'time-us':
			return timeOfDay(Number(floorDiv(BigInt(v as bigint), 1000n)));
		case 'time-ns':
			return timeOfDay(Number(floorDiv(BigInt(v as bigint), 1_000_000n)));
		case 'bytes': {
			if (typeof v === 'string') return v;
			const s = v instanceof Uint8Array ? bytesText(v) : null;
			if (s === null) refuse(column, 'binary data (a Parquet BYTE_ARRAY without a string annotation, and not text)', 'write it as text or numbers.');
			return s;
		}
	}
	switch (typeof v) {
		case 'string':
			return v;
		case 'number':
			return v === v ? String(v) : '';
		case 'bigint':
			return v.toString();
		case 'boolean':
			return v ? 'true' : 'false';
	}
	if (v instanceof Moment) return isoTime(v.ms, true, () => v.raw);
	if (v instanceof Date) return isoTime(v.getTime(), true, () => String(v));
	return refuse(column, 'values that are not single numbers, text or dates', 'flatten it to one value per cell.');
}

const CODEC_NAMES: Partial<Record<CompressionCodec, string>> = { BROTLI: 'Brotli', LZO: 'LZO' };
const NEEDS_CODECS = new Set<CompressionCodec>(['GZIP', 'ZSTD', 'LZ4', 'LZ4_RAW']);

type Hyparquet = typeof import('./hyparquet-lib');

/**
 * A chunk of the reader, loaded on first use and kept; a failure (offline, and never loaded before) in words, and tried
 * again the next time.
 */
function lazy<T>(start: () => Promise<T>): () => Promise<T> {
	let loading: Promise<T> | null = null;
	return async () => {
		try {
			return await (loading ??= start());
		} catch (e) {
			loading = null;
			throw new ImportError(
				`The Parquet reader could not be loaded (${e instanceof Error ? e.message : String(e)}): it is fetched the first time a Parquet file is read, so connect once, or save the file as CSV.`
			);
		}
	};
}
const hyparquet = lazy(() => import('./hyparquet-lib'));
const codecs = lazy(() => import('./parquet-codecs').then((m) => m.compressors));

function notParquet(detail: string): ImportError {
	return new ImportError(`This is not a valid Parquet file (${detail}): it may be damaged or cut short. Save it again, or save it as CSV.`);
}

/**
 * Read a Parquet file through a RecordTaker (as readCsv reads text); returns the table's profile. `maxBytes` bounds the
 * file and its uncompressed data; `onBytes` reports the bytes of the file read so far (row groups done), for progress.
 */
export async function readParquet(
	file: Blob,
	options: ReadOptions = {},
	maxBytes = DEFAULT_MAX_BYTES,
	onBytes?: (read: number) => void
): Promise<TableProfile> {
	if (file.size === 0) throw new ImportError('The file is empty.');
	if (file.size > maxBytes) throw new ImportError(`The file is ${fmtBytes(file.size)}; this lab reads files up to ${fmtBytes(maxBytes)}.`);
	const ends = new Uint8Array(await file.slice(0, 4).arrayBuffer());
	const tail = new Uint8Array(await file.slice(Math.max(0, file.size - 4)).arrayBuffer());
	const isMagic = (b: Uint8Array) => b.length === 4 && MAGIC.every((m, i) => b[i] === m);
	if (!isMagic(ends)) throw notParquet('it does not start with “PAR1”');
	if (file.size < 12) throw notParquet('it is too short to hold a footer');
	if (String.fromCharCode(...tail) === 'PARE') throw new ImportError('This Parquet file is encrypted, which this lab cannot read: save it without encryption.');
	if (!isMagic(tail)) throw notParquet('it does not end with “PAR1”');

	const hp = await hyparquet();
	const buffer = { byteLength: file.size, slice: (start: number, end?: number) => file.slice(start, end).arrayBuffer() };
	let metadata: FileMetaData;
	let schema: SchemaTree;
	try {
		metadata = await hp.parquetMetadataAsync(buffer, { geoparquet: false });
		schema = hp.parquetSchema(metadata);
	} catch (e) {
		throw notParquet(`its footer cannot be read: ${e instanceof Error ? e.message : String(e)}`);
	}
	const columns = schema.children;
	if (columns.length === 0) throw new ImportError('The Parquet file has no columns.');
	const names = columns.map((c) => c.element.name);
	const numeric = names.findIndex((n) => n.trim() !== '' && !Number.isNaN(parseNumber(n)));
	if (numeric >= 0)
		throw new ImportError(
			`Column ${numeric + 1} of this Parquet file is named “${names[numeric]}”, a number, which this lab cannot tell from data: give the columns names.`,
			undefined,
			names[numeric]
		);
	const kinds = columns.map(columnKind);

	// Compression: what the footer names, per column chunk.
	let compressors: Compressors | undefined;
	for (const group of metadata.row_groups)
		for (const chunk of group.columns) {
			const codec = chunk.meta_data?.codec;
			if (!codec) continue;
			const unreadable = CODEC_NAMES[codec];
			if (unreadable) {
				const column = chunk.meta_data!.path_in_schema[0];
				throw new ImportError(
					`This Parquet file is compressed with ${unreadable} (column “${column}”), which this lab cannot read: save it with Snappy, zstd, gzip or no compression.`,
					undefined,
					column
				);
			}
			if (NEEDS_CODECS.has(codec)) compressors ??= await codecs();
		}
	const uncompressed = metadata.row_groups.reduce((s, g) => s + Number(g.total_byte_size), 0);
	if (uncompressed > maxBytes)
		throw new ImportError(`The file holds ${fmtBytes(uncompressed)} of data once uncompressed; this lab reads files up to ${fmtBytes(maxBytes)}.`);

	const taker = new RecordTaker(options, () => PARQUET_FORMAT);
	await taker.take([names], false);
	let groupStart = 0;
	let bytesBefore = 0;
	for (const group of metadata.row_groups) {
		const rows = Number(group.num_rows);
		const groupBytes = group.columns.reduce((s, c) => s + Number(c.meta_data?.total_compressed_size ?? 0), 0);
		if (rows > 0) {
			const data = await readGroup(hp, buffer, metadata, compressors, names, groupStart, rows);
			for (let a = 0; a < rows; a += SLICE_ROWS) {
				const b = Math.min(rows, a + SLICE_ROWS);
				const records: string[][] = Array.from({ length: b - a }, () => new Array<string>(names.length));
				for (let j = 0; j < names.length; j++) fill(records, j, data[j], a, b, kinds[j], names[j]);
				// The RecordTaker skips a record of one empty field as a blank line of text: in a one-column file, a
				// missing value is written `null` (read as missing all the same), so its row still counts.
				if (names.length === 1) for (const r of records) if (r[0] === '') r[0] = 'null';
				await taker.take(records, false);
				onBytes?.(Math.min(file.size, Math.round(bytesBefore + (groupBytes * b) / rows)));
				await options.onPiece?.(taker.row);
			}
		}
		groupStart += rows;
		bytesBefore += groupBytes;
	}
	await taker.take([], true);
	return taker.profile();
}

type Part = { start: number; values: ArrayLike<unknown> };

/** One row group's columns (each as the runs hyparquet decoded, by row within the group). */
async function readGroup(
	hp: Hyparquet,
	file: { byteLength: number; slice(start: number, end?: number): Promise<ArrayBuffer> },
	metadata: FileMetaData,
	compressors: Compressors | undefined,
	names: string[],
	groupStart: number,
	rows: number
): Promise<Part[][]> {
	const parts = new Map<string, Part[]>(names.map((n) => [n, []]));
	try {
		await hp.parquetRead({
			file,
			metadata,
			rowStart: groupStart,
			rowEnd: groupStart + rows,
			compressors,
			parsers: PARSERS,
			utf8: false,
			geoparquet: false,
			onChunk: (c: ColumnData) => parts.get(c.columnName)?.push({ start: c.rowStart - groupStart, values: c.columnData })
		});
	} catch (e) {
		if (e instanceof ImportError) throw e;
		throw new ImportError(`The Parquet file could not be read (rows ${groupStart + 1}–${groupStart + rows}): ${e instanceof Error ? e.message : String(e)}.`);
	}
	return names.map((n) => {
		const list = parts.get(n)!.sort((x, y) => x.start - y.start);
		const covered = list.reduce((s, p) => s + p.values.length, 0);
		if (covered < rows)
			throw new ImportError(
				`The Parquet file could not be read: column “${n}” has ${covered} of the ${rows} values of rows ${groupStart + 1}–${groupStart + rows}.`
			);
		return list;
	});
}

/** Column `j` of rows [a, b) of the group, as text, into `records` (row a is records[0]). */
function fill(records: string[][], j: number, parts: Part[], a: number, b: number, kind: Kind, name: string): void {
	let p = 0;
	for (let r = a; r < b; r++) {
		while (r >= parts[p].start + parts[p].values.length) p++;
		records[r - a][j] = text(parts[p].values[r - parts[p].start], kind, name);
	}
}
