/**
 * Streaming CSV/TSV reading with papaparse's parser: the delimiter (comma, tab, semicolon or pipe) and line endings
 * are guessed from the first piece, as is the decimal mark (numbers like `17,99` in a `;`-separated file are read as
 * 17.99 — numbers.ts); records are handed over in batches as they are parsed (quoted fields may span pieces and
 * lines), and only the unparsed tail of the current piece is held. A file whose columns are separated by spaces is
 * refused in words. Records are checked and profiled by profile.ts.
 */
import Papa from 'papaparse';
import { ImportError } from './text-stream';
import { detectDecimalComma, numberParser } from './numbers';
import { RecordTaker, type ReadOptions, type TableFormat, type TableProfile } from './profile';

export { isMissing, parseNumber, parseDecimalComma } from './numbers';
export { DISTINCT_CAP, type ColumnProfile, type ReadOptions, type TableFormat, type TableProfile } from './profile';

interface ChunkParser {
	parse(
		input: string,
		baseIndex: number,
		ignoreLastRow: boolean
	): { data: string[][]; errors: Array<{ message: string; row?: number }>; meta: { cursor: number; delimiter: string } };
}

const DELIMITERS = [',', '\t', ';', '|'];

/**
 * Whether the first lines look separated by runs of spaces rather than by a delimiter this reader knows: no known
 * delimiter on the header line, and every one of the first lines splits on spaces (outside quotes) into the same number (≥ 2) of fields.
 */
function spaceSeparated(sample: string): boolean {
	const lines = sample
		.split(/\r?\n/)
		.slice(0, 20)
		.filter((l) => l.trim() !== '');
	if (lines.length < 2 || DELIMITERS.some((d) => lines[0].includes(d))) return false;
	// Fields between spaces, a quoted value (which may hold spaces) counting as one.
	const fields = (l: string) => l.match(/"[^"]*"|\S+/g)?.length ?? 0;
	const n = fields(lines[0]);
	return n >= 2 && lines.every((l) => fields(l) === n);
}

/** Read the whole stream; returns the table's profile. */
export async function readCsv(text: ReadableStream<string>, options: ReadOptions = {}): Promise<TableProfile> {
	// The parser is made once the first piece has shown the delimiter (guessed by papaparse on its first lines).
	let handle: ChunkParser | null = null;
	const format: TableFormat = { kind: 'csv', delimiter: ',', decimalComma: false };
	const taker = new RecordTaker(options, () => format);
	const parserFor = (sample: string): ChunkParser => {
		const guess = Papa.parse<string[]>(sample, { delimitersToGuess: DELIMITERS, skipEmptyLines: true, preview: 50 });
		format.delimiter = guess.meta.delimiter || ',';
		if (spaceSeparated(sample))
			throw new ImportError(
				'The columns of this file seem to be separated by spaces, which cannot tell a space inside a value from one between values. Save it with commas, tabs, semicolons or pipes between the values (a CSV or TSV file).',
				1
			);
		format.decimalComma = detectDecimalComma(guess.data.slice(1), format.delimiter);
		taker.setParser(numberParser(format.decimalComma));
		return new (Papa as unknown as { ParserHandle: new (c: object) => ChunkParser }).ParserHandle({ delimiter: format.delimiter, skipEmptyLines: false });
	};
	let partial = '';
	let base = 0;
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
			quoteProblem(res.errors, taker.row);
			partial = input.substring(res.meta.cursor - base);
			base = res.meta.cursor;
			await taker.take(res.data, false);
			await options.onPiece?.(taker.row);
		}
		handle ??= parserFor(partial);
		const res = handle.parse(partial, base, false);
		quoteProblem(res.errors, taker.row);
		await taker.take(res.data, true);
	} finally {
		reader.releaseLock();
	}
	return taker.profile();
}

function quoteProblem(errors: Array<{ message: string; type?: string; row?: number }>, rowsBefore: number): void {
	const e = errors.find((x) => x.type === 'Quotes');
	if (e) throw new ImportError(`A quoted value is not closed (near row ${rowsBefore + (e.row ?? 0) + 1}): ${e.message}.`, rowsBefore + (e.row ?? 0) + 1);
}
