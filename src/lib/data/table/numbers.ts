/**
 * Numbers as files write them: plain decimals with a point (`1.5`, `-2e-3`), or, in files written with decimal commas
 * (`17,99`, `1.234,5` — Excel and most exports in continental Europe, Latin America and Russia, which then separate
 * fields with `;`), decimals with a comma and points grouping thousands. A file is one or the other, decided from its
 * first piece (`detectDecimalComma`); missing markers are the same in both.
 */

/** Values read as missing (compared lower-case, trimmed). */
const MISSING = new Set(['', 'na', 'n/a', 'nan', 'null', 'none']);
/** Plain decimal numbers only: no hexadecimal, no thousands separators, no units. */
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A decimal comma number: `17,99`, `-0,5`, `1,5e3`, or with points grouping thousands `1.234.567,89`. */
const COMMA_NUMBER = /^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?([eE][+-]?\d+)?$/;
/** A value that shows a decimal comma (a comma followed by digits). */
const SHOWS_COMMA = /^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+([eE][+-]?\d+)?$/;
/** A value that shows a decimal point and cannot be thousands grouping (`1.5`, `0.25`; not `1.234`). */
const SHOWS_POINT = /^[+-]?(\d*\.\d{1,2}|\d*\.\d{4,}|\d{4,}\.\d+|0\.\d+)([eE][+-]?\d+)?$/;

export type NumberParser = (v: string) => number;

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

/** The number in `v` written with a decimal comma (points only as thousands groups of three), or NaN. */
export function parseDecimalComma(v: string): number {
	const t = v.trim();
	if (!COMMA_NUMBER.test(t)) return NaN;
	return Number(t.replace(/\./g, '').replace(',', '.'));
}

/**
 * Whether a file's fields (a sample of its records, header excluded) use decimal commas: only when fields are not
 * separated by commas, some value shows a decimal comma (`17,99`) and none shows a decimal point that could not be
 * thousands grouping (`1.5`). A sample with neither (integers only) reads the same both ways: points then.
 */
export function detectDecimalComma(records: string[][], delimiter: string): boolean {
	if (delimiter === ',') return false;
	let comma = 0;
	for (const rec of records)
		for (const f of rec) {
			const t = f.trim();
			if (t.length > 40) continue;
			if (SHOWS_POINT.test(t)) return false;
			if (SHOWS_COMMA.test(t)) comma++;
		}
	return comma > 0;
}

export function numberParser(decimalComma: boolean): NumberParser {
	return decimalComma ? parseDecimalComma : parseNumber;
}
