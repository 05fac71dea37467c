/**
 * Streaming CSV/TSV reading with papaparse's parser: the delimiter (comma, tab, semicolon or pipe) and line endings
 * are guessed from the first piece, records are handed over in batches as they are parsed (quoted fields may span
 * pieces and lines), and only the unparsed tail of the current piece is held. The first record must be a header;
 * every record must have as many fields as it; each column is profiled as it streams (numeric or categorical,
 * missing values). Problems are ImportErrors naming the row and column.
 */
import Papa from 'papaparse';
import { ImportError } from './text-stream';

/** Values read as missing (compared lower-case, trimmed). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
/** Plain decimal numbers only: no hexadecimal, no thousands separators, no units. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** Distinct values kept per column (for categories), beyond which a column is "many values". */
export const DISTINCT_CAP = 100;

export function isMissing(v: string): boolean {
	// Fast path (most values): longer than any missing marker and not padded with spaces.
	if (v.length > 4 && v.charCodeAt(0) > 32 && v.charCodeAt(v.length - 1) > 32) return false;
	return MISSING.has(v.trim().toLowerCase());
}

/** The number in `v`, or NaN when it is not a plain decimal number. */
export function parseNumber(v: string): number {
	const t = v.trim();
	// Fast path: JavaScript's own number syntax is a superset of NUMBER; within the characters NUMBER uses
	// (digits, sign, point, exponent) the two agree, so a finite result made of only those is a plain number.
	const x = +t;
	if (t.length && x === x && x !== Infinity && x !== -Infinity) {
		let plain = true;
		for (let i = 0; i < t.length; i++) {
			const c = t.charCodeAt(i);
			// 0-9 . + - e E
			if (!((c >= 48 && c <= 57) || c === 46 || c === 43 || c === 45 || c === 101 || c === 69)) {
				plain = false;
				break;
			}
		}
		if (plain) return x;
	}
	return NUMBER.test(t) ? Number(t) : NaN;
}

export interface ColumnProfile {
	name: string;
	/** 'numeric': every present value is a number; 'categorical': otherwise. */
	type: 'numeric' | 'categorical';
	missing: number;
	present: number;
	/** Numeric columns: their range. */
	min: number;
	max: number;
	/** Distinct values seen (up to DISTINCT_CAP), with counts; `more` when there were more (counting then stops). */
	distinct: Map<string, number>;
	more: boolean;
	/** The first value that is not a number (row, value), for messages. */
	firstText: { row: number; value: string } | null;
}

export interface TableProfile {
	delimiter: string;
	columns: ColumnProfile[];
	rows: number;
}

function newColumn(name: string): ColumnProfile {
	return { name, type: 'numeric', missing: 0, present: 0, min: Infinity, max: -Infinity, distinct: new Map(), more: false, firstText: null };
}

function profileValue(c: ColumnProfile, v: string, row: number): void {
	if (isMissing(v)) {
		c.missing++;
		return;
	}
	c.present++;
	const x = parseNumber(v);
	if (Number.isNaN(x)) {
		c.type = 'categorical';
		c.firstText ??= { row, value: v };
	} else {
		if (x < c.min) c.min = x;
		if (x > c.max) c.max = x;
	}
	// Distinct values are counted up to DISTINCT_CAP; past it (`more`) the counts stop (a continuous column).
	if (c.more) return;
	const key = v.trim();
	const n = c.distinct.get(key);
	if (n !== undefined) c.distinct.set(key, n + 1);
	else if (c.distinct.size < DISTINCT_CAP) c.distinct.set(key, 1);
	else c.more = true;
}

interface ChunkParser {
	parse(
		input: string,
		baseIndex: number,
		ignoreLastRow: boolean
	): { data: string[][]; errors: Array<{ message: string; row?: number }>; meta: { cursor: number; delimiter: string } };
}

export interface ReadOptions {
	/** Called once with the column names, before any row (e.g. to decide the file's format; throw to refuse it). */
	onHeader?: (names: string[]) => void;
	/** Called with each batch of records (after the header) and the row number of the first (the header is row 1). */
	onRows?: (rows: string[][], firstRow: number) => void | Promise<void>;
	/** Called after each piece, e.g. a cancellation checkpoint or progress report. */
	onPiece?: (rowsSoFar: number) => void | Promise<void>;
}

/** A header is a first record whose fields are all present and none is a number. */
function checkHeader(fields: string[]): string[] {
	const names = fields.map((f) => f.trim());
	const numeric = names.findIndex((n) => n !== '' && !Number.isNaN(parseNumber(n)));
	if (numeric >= 0)
		throw new ImportError(
			`The first row has no column names: its field ${numeric + 1} is the number “${names[numeric]}”. Add a header row naming the columns.`,
			1
		);
	const empty = names.findIndex((n) => n === '');
	if (empty >= 0) throw new ImportError(`Column ${empty + 1} of the header row has no name.`, 1);
	const seen = new Set<string>();
	for (const n of names) {
		if (seen.has(n)) throw new ImportError(`Two columns are called “${n}”: column names must differ.`, 1, n);
		seen.add(n);
	}
	return names;
}

/** Read the whole stream; returns the table's profile. */
export async function readCsv(text: ReadableStream<string>, options: ReadOptions = {}): Promise<TableProfile> {
	// The parser is made once the first piece has shown the delimiter (guessed by papaparse on its first lines).
	let handle: ChunkParser | null = null;
	const parserFor = (sample: string): ChunkParser => {
		const guess = Papa.parse<string[]>(sample, { delimitersToGuess: [',', '\t', ';', '|'], skipEmptyLines: true, preview: 50 });
		delimiter = guess.meta.delimiter || ',';
		return new (Papa as unknown as { ParserHandle: new (c: object) => ChunkParser }).ParserHandle({ delimiter, skipEmptyLines: false });
	};
	let delimiter = ',';
	let partial = '';
	let base = 0;
	let header: string[] | null = null;
	let columns: ColumnProfile[] = [];
	let row = 0;
	const take = async (data: string[][], final: boolean) => {
		const batch: string[][] = [];
		const firstRow = row + (header ? 1 : 2);
		for (const rec of data) {
			// A blank line (one empty field) is skipped, wherever it is.
			if (rec.length === 1 && rec[0].trim() === '') {
				row++;
				continue;
			}
			row++;
			if (!header) {
				header = checkHeader(rec);
				columns = header.map(newColumn);
				options.onHeader?.(header);
				continue;
			}
			if (rec.length !== header.length)
				throw new ImportError(
					`Row ${row} has ${rec.length} field${rec.length === 1 ? '' : 's'}; the header has ${header.length}. Every row needs one value per column (quote values that contain “${delimiter === '\t' ? 'tab' : delimiter}”).`,
					row
				);
			for (let j = 0; j < rec.length; j++) {
				// Values are trimmed (a stray \r of mixed line endings, spaces after a delimiter).
				rec[j] = rec[j].trim();
				profileValue(columns[j], rec[j], row);
			}
			batch.push(rec);
		}
		if (batch.length && options.onRows) await options.onRows(batch, firstRow);
		if (final && !header) throw new ImportError('The file has no rows.');
	};
	const reader = text.getReader();
	try {
		for (;;) {
			let piece: ReadableStreamReadResult<string>;
			try {
				piece = await reader.read();
			} catch (e) {
				if (e instanceof ImportError) throw e;
				throw new ImportError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}.`);
			}
			if (piece.done) break;
			const input = partial + piece.value;
			handle ??= parserFor(input.slice(0, 65536));
			const res = handle.parse(input, base, true);
			quoteProblem(res.errors, row);
			partial = input.substring(res.meta.cursor - base);
			base = res.meta.cursor;
			await take(res.data, false);
			await options.onPiece?.(row);
		}
		handle ??= parserFor(partial);
		const res = handle.parse(partial, base, false);
		quoteProblem(res.errors, row);
		await take(res.data, true);
	} finally {
		reader.releaseLock();
	}
	if (row < 2) throw new ImportError('The file has a header but no data rows.');
	return { delimiter, columns, rows: row - 1 };
}

function quoteProblem(errors: Array<{ message: string; type?: string; row?: number }>, rowsBefore: number): void {
	const e = errors.find((x) => x.type === 'Quotes');
	if (e) throw new ImportError(`A quoted value is not closed (near row ${rowsBefore + (e.row ?? 0) + 1}): ${e.message}.`, rowsBefore + (e.row ?? 0) + 1);
}
