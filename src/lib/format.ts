/** Number formatting shared by axes, tables and text alternatives (formatters are built once: Intl is slow). */
const general = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 });
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function fmtNum(x: number | null | undefined, digits = 3): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	if (x === 0) return '0';
	const a = Math.abs(x);
	if (a >= 1e6 || a < 1e-3) return x.toExponential(Math.max(0, digits - 1)).replace('e+', 'e');
	return general.format(Number(x.toPrecision(digits)));
}

export function fmtPct(x: number | null | undefined, digits = 1): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	return `${(100 * x).toFixed(digits)}%`;
}

/** A relative change with its sign: "+7.4%", "−18.8%". */
export function fmtSignedPct(x: number | null | undefined, digits = 1): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	return `${x >= 0 ? '+' : '−'}${fmtPct(Math.abs(x), digits)}`;
}

export function fmtInt(x: number): string {
	return Number.isFinite(x) ? integer.format(Math.round(x)) : '–';
}

/** "1 false negative", "3 false negatives", "2 batches": a count with its noun in the right number. */
export function plural(n: number, singular: string, pluralForm?: string): string {
	const many = pluralForm ?? (/(s|x|ch|sh)$/.test(singular) ? `${singular}es` : `${singular}s`);
	return `${fmtInt(n)} ${n === 1 ? singular : many}`;
}

/** A file size in words: KB, MB or GB (binary units, one decimal above a megabyte). */
export function fmtBytes(n: number): string {
	if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
	if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
	return `${Math.max(1, Math.round(n / 1024))} KB`;
}

/** A delimiter in words, for the page: comma, tab, semicolon, pipe. */
export function delimiterName(d: string): string {
	return d === '\t' ? 'tab' : d === ',' ? 'comma' : d === ';' ? 'semicolon' : d === '|' ? 'pipe' : `“${d}”`;
}

/**
 * A probability in percent with one decimal, never rounded to a certainty: "97.7%", "> 99.9%", "< 0.1%" (a model's
 * probability such as P(variant beats control) is never exactly 0 or 1, so 0.9997 is not "100%"). `exact`: the value
 * is an observed share (k of n), where exactly 0 and 1 are written "0%" and "100%".
 */
export function fmtProb(x: number | null | undefined, { exact = false }: { exact?: boolean } = {}): string {
	if (x === null || x === undefined || !Number.isFinite(x)) return '–';
	if (exact && (x === 0 || x === 1)) return x === 0 ? '0%' : '100%';
	if (x > 0.999) return '> 99.9%';
	if (x < 0.001) return '< 0.1%';
	return fmtPct(x, 1);
}

/** Hours as read: whole hours as they are (with thousands commas), others to three significant digits. */
export function fmtHours(h: number): string {
	return `${Number.isInteger(h) ? fmtInt(h) : fmtNum(h, 3)} hour${h === 1 ? '' : 's'}`;
}
