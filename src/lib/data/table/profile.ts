/**
 * The records of a table, whatever file they came from (CSV/TSV text or Parquet), taken one batch at a time: the first
 * record is the header (checked: named, distinct, not numbers), every record has one value per column, values are
 * trimmed, and each column is profiled as it streams (numeric or categorical, missing values, range, distinct values).
 * Problems are ImportErrors naming the row and column.
 */
import { ImportError } from './text-stream';
import { isMissing, parseNumber, type NumberParser } from './numbers';

/** Distinct values kept per column (for categories), beyond which a column is "many values". */
export const DISTINCT_CAP = 100;

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

/** How the file was written: its kind, field delimiter (CSV) and decimal mark. */
export interface TableFormat {
	kind: 'csv' | 'parquet';
	/** The field delimiter of a text file ('' for Parquet). */
	delimiter: string;
	/** Numbers are written with decimal commas (`17,99`), read as 17.99. */
	decimalComma: boolean;
}

export interface TableProfile {
	delimiter: string;
	format: TableFormat;
	columns: ColumnProfile[];
	rows: number;
}

export interface ReadOptions {
	/** Called once with the column names and the file's format, before any row (throw to refuse the file). */
	onHeader?: (names: string[], format: TableFormat) => void;
	/** Called with each batch of records (after the header) and the row number of the first (the header is row 1). */
	onRows?: (rows: string[][], firstRow: number) => void | Promise<void>;
	/** Called after each piece, e.g. a cancellation checkpoint or progress report. */
	onPiece?: (rowsSoFar: number) => void | Promise<void>;
}

function newColumn(name: string): ColumnProfile {
	return { name, type: 'numeric', missing: 0, present: 0, min: Infinity, max: -Infinity, distinct: new Map(), more: false, firstText: null };
}

function profileValue(c: ColumnProfile, v: string, row: number, parse: NumberParser): void {
	if (isMissing(v)) {
		c.missing++;
		return;
	}
	c.present++;
	const x = parse(v);
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

/** A header is a first record whose fields are all present and none is a number. */
export function checkHeader(fields: string[]): string[] {
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

/** Takes the records of one table in order (header first) and profiles them; `profile()` at the end. */
export class RecordTaker {
	private header: string[] | null = null;
	private columns: ColumnProfile[] = [];
	private parse: NumberParser = parseNumber;
	/** Records taken so far, the header and blank lines included (the row number of the last one). */
	row = 0;
	/** Data records taken (not the header, not blank lines). */
	records = 0;

	constructor(
		private readonly options: ReadOptions,
		/** The format, known once the first piece of the file was seen; the delimiter names itself in messages. */
		private readonly format: () => TableFormat,
		parse: NumberParser = parseNumber
	) {
		this.parse = parse;
	}

	setParser(parse: NumberParser): void {
		this.parse = parse;
	}

	async take(data: string[][], final: boolean): Promise<void> {
		const batch: string[][] = [];
		const firstRow = this.row + (this.header ? 1 : 2);
		for (const rec of data) {
			// A blank line (one empty field) is skipped, wherever it is.
			if (rec.length === 1 && rec[0].trim() === '') {
				this.row++;
				continue;
			}
			this.row++;
			if (!this.header) {
				this.header = checkHeader(rec);
				this.columns = this.header.map(newColumn);
				this.options.onHeader?.(this.header, this.format());
				continue;
			}
			if (rec.length !== this.header.length) {
				const d = this.format().delimiter;
				throw new ImportError(
					`Row ${this.row} has ${rec.length} field${rec.length === 1 ? '' : 's'}; the header has ${this.header.length}. Every row needs one value per column (quote values that contain “${d === '\t' ? 'tab' : d}”).`,
					this.row
				);
			}
			for (let j = 0; j < rec.length; j++) {
				// Values are trimmed (a stray \r of mixed line endings, spaces after a delimiter).
				rec[j] = rec[j].trim();
				profileValue(this.columns[j], rec[j], this.row, this.parse);
			}
			batch.push(rec);
			this.records++;
		}
		if (batch.length && this.options.onRows) await this.options.onRows(batch, firstRow);
		if (final && !this.header) throw new ImportError('The file has no rows.');
	}

	profile(): TableProfile {
		if (this.records === 0) throw new ImportError('The file has a header but no data rows.');
		const format = this.format();
		return { delimiter: format.delimiter, format, columns: this.columns, rows: this.records };
	}
}
