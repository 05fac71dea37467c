/**
 * A table kept column by column as it streams in, without its text: each column as numbers (NaN where a value is
 * missing; dropped at the first value that is not a number) and as category codes (−1 where missing; dropped once
 * the column has more than CODE_CAP distinct values, e.g. a continuous number or an identifier). A column is kept in
 * one of the two forms in the end, so memory is ≈ 8 bytes per numeric value (12 while a numeric column still has few
 * distinct values) — 1,000,000 rows × 20 numbers ≈ 160 MB, against ≈ 150 MB of text never held.
 * A column whose values are all dates or timestamps (dates.ts) is also kept as milliseconds.
 * Two tables that are compared (a reference and a current file) share one dictionary per column name, so a code
 * means the same value in both.
 */
import { isMissing, numberParser, type NumberParser } from './numbers';
import { DateColumn, type DateFormat } from './dates';

/** Distinct values a column may have and still be read as categories (a batch column, a label, a category). */
export const CODE_CAP = 1000;

class GrowF64 {
	buf = new Float64Array(1024);
	length = 0;
	push(v: number): void {
		if (this.length === this.buf.length) {
			const next = new Float64Array(this.buf.length * 2);
			next.set(this.buf);
			this.buf = next;
		}
		this.buf[this.length++] = v;
	}
	/** The values; the buffer itself when it is at least 3/4 full (no second copy at the peak of memory). */
	done(): Float64Array {
		return this.length * 4 >= this.buf.length * 3 ? this.buf.subarray(0, this.length) : this.buf.slice(0, this.length);
	}
}

class GrowI32 {
	buf = new Int32Array(1024);
	length = 0;
	push(v: number): void {
		if (this.length === this.buf.length) {
			const next = new Int32Array(this.buf.length * 2);
			next.set(this.buf);
			this.buf = next;
		}
		this.buf[this.length++] = v;
	}
	done(): Int32Array {
		return this.length * 4 >= this.buf.length * 3 ? this.buf.subarray(0, this.length) : this.buf.slice(0, this.length);
	}
}

/** Values of one column name, shared by the tables that are compared: value → code, and code → value. */
export class Dictionary {
	readonly codes = new Map<string, number>();
	readonly values: string[] = [];
	/** More than CODE_CAP distinct values were seen (in any of the tables): codes are not kept. */
	overflow = false;
	code(v: string): number {
		let c = this.codes.get(v);
		if (c === undefined) {
			if (this.values.length >= CODE_CAP) {
				this.overflow = true;
				return -1;
			}
			c = this.values.length;
			this.codes.set(v, c);
			this.values.push(v);
		}
		return c;
	}
}

export interface StoredColumn {
	name: string;
	/** Numbers, NaN where missing; null when some value is not a number. */
	numbers: Float64Array | null;
	/** Codes into `dictionary`, −1 where missing; null when the column has more than CODE_CAP distinct values. */
	codes: Int32Array | null;
	dictionary: Dictionary;
	missing: number;
	/** Dates and timestamps as milliseconds (NaN where missing), when every present value is one; else null. */
	dates: StoredDates | null;
}

export interface StoredDates {
	values: Float64Array;
	/** The other reading of day and month when the file did not show which is which (format.assumed), else null. */
	other: Float64Array | null;
	format: DateFormat;
}

export interface StoredTable {
	columns: StoredColumn[];
	rows: number;
}

export class ColumnStore {
	private numbers: Array<GrowF64 | null> = [];
	private codes: Array<GrowI32 | null> = [];
	private dicts: Dictionary[] = [];
	private missing: number[] = [];
	private names: string[] = [];
	/** Per column: its dates while every present value is one (undefined until its first present value, null once not). */
	private dates: Array<DateColumn | null | undefined> = [];
	private parse: NumberParser = numberParser(false);
	private decimalComma = false;
	rows = 0;

	/** `shared`: dictionaries by column name from a table this one will be compared with. */
	constructor(private readonly shared: Map<string, Dictionary> = new Map()) {}

	/** The column names; `format.decimalComma` when numbers are written `17,99`. */
	header(names: string[], format: { decimalComma?: boolean } = {}): void {
		this.decimalComma = !!format.decimalComma;
		this.parse = numberParser(this.decimalComma);
		this.names = names;
		this.dates = names.map(() => undefined);
		this.numbers = names.map(() => new GrowF64());
		this.codes = names.map(() => new GrowI32());
		this.missing = names.map(() => 0);
		this.dicts = names.map((n) => {
			let d = this.shared.get(n);
			if (!d) this.shared.set(n, (d = new Dictionary()));
			return d;
		});
	}

	push(rows: string[][]): void {
		const cols = this.names.length;
		for (const r of rows) {
			for (let j = 0; j < cols; j++) {
				const v = r[j];
				const num = this.numbers[j];
				const codes = this.codes[j];
				const date = this.dates[j];
				if (isMissing(v)) {
					this.missing[j]++;
					num?.push(NaN);
					codes?.push(-1);
					date?.missing();
					continue;
				}
				let x = NaN;
				if (num) {
					x = this.parse(v);
					if (Number.isNaN(x)) this.numbers[j] = null;
					else num.push(x);
				}
				if (date === undefined) this.dates[j] = Number.isNaN(x) ? this.startDates(v) : null;
				else if (date && !date.push(v)) this.dates[j] = null;
				if (codes) {
					const d = this.dicts[j];
					const c = d.overflow ? -1 : d.code(v);
					if (d.overflow) this.codes[j] = null;
					else codes.push(c);
				}
			}
			this.rows++;
		}
	}

	/** Dates for a column from its first present value `v` (the rows before it were missing), or null if not a date. */
	private startDates(v: string): DateColumn | null {
		const d = new DateColumn();
		for (let i = 0; i < this.rows; i++) d.missing();
		return d.push(v) ? d : null;
	}

	finish(): StoredTable {
		return {
			rows: this.rows,
			columns: this.names.map((name, j) => ({
				name,
				numbers: this.numbers[j]?.done() ?? null,
				codes: this.dicts[j].overflow ? null : (this.codes[j]?.done() ?? null),
				dictionary: this.dicts[j],
				missing: this.missing[j],
				dates: this.dates[j]?.finish(this.decimalComma ? 'dmy' : 'mdy') ?? null
			}))
		};
	}
}
