/**
 * Input validation shared by the numeric core. Every check throws a RangeError or TypeError with a
 * plain-English message naming the argument, so callers (and users) see what was wrong instead of NaN.
 */

export type NumericArray = ArrayLike<number>;

export function assertFiniteNumber(name: string, x: unknown): asserts x is number {
	if (typeof x !== 'number') throw new TypeError(`${name} must be a number (got ${typeof x}).`);
	if (!Number.isFinite(x)) throw new RangeError(`${name} must be a finite number (got ${x}).`);
}

export function assertInRange(name: string, x: unknown, lo: number, hi: number, open: 'none' | 'both' | 'lo' | 'hi' = 'none'): asserts x is number {
	assertFiniteNumber(name, x);
	const loOk = open === 'both' || open === 'lo' ? x > lo : x >= lo;
	const hiOk = open === 'both' || open === 'hi' ? x < hi : x <= hi;
	if (!loOk || !hiOk) {
		const l = open === 'both' || open === 'lo' ? '(' : '[';
		const r = open === 'both' || open === 'hi' ? ')' : ']';
		throw new RangeError(`${name} must be in ${l}${lo}, ${hi}${r} (got ${x}).`);
	}
}

export function assertPositive(name: string, x: unknown): asserts x is number {
	assertFiniteNumber(name, x);
	if (x <= 0) throw new RangeError(`${name} must be greater than 0 (got ${x}).`);
}

export function assertCount(name: string, x: unknown): asserts x is number {
	assertFiniteNumber(name, x);
	if (x < 0) throw new RangeError(`${name} cannot be negative (got ${x}).`);
	if (!Number.isInteger(x)) throw new RangeError(`${name} must be a whole number (got ${x}).`);
}

export function assertNumericArray(name: string, a: unknown, minLength = 1): asserts a is NumericArray {
	if (a == null || typeof a !== 'object' || typeof (a as NumericArray).length !== 'number') {
		throw new TypeError(`${name} must be an array of numbers.`);
	}
	const arr = a as NumericArray;
	if (arr.length < minLength) {
		throw new RangeError(
			minLength === 1 ? `${name} is empty: at least one value is needed.` : `${name} needs at least ${minLength} values (got ${arr.length}).`
		);
	}
	for (let i = 0; i < arr.length; i++) {
		const v = arr[i];
		if (typeof v !== 'number' || !Number.isFinite(v)) {
			throw new RangeError(`${name}[${i}] is not a finite number (got ${v}).`);
		}
	}
}

export function assertSameLength(nameA: string, a: NumericArray, nameB: string, b: NumericArray): void {
	if (a.length !== b.length) {
		throw new RangeError(`${nameA} and ${nameB} must have the same length (got ${a.length} and ${b.length}).`);
	}
}

export function assertBinaryLabels(name: string, labels: NumericArray): void {
	for (let i = 0; i < labels.length; i++) {
		if (labels[i] !== 0 && labels[i] !== 1) throw new RangeError(`${name}[${i}] must be 0 or 1 (got ${labels[i]}).`);
	}
}

export function assertProbabilities(name: string, p: NumericArray): void {
	for (let i = 0; i < p.length; i++) {
		if (!(p[i] >= 0 && p[i] <= 1)) throw new RangeError(`${name}[${i}] must be a probability in [0, 1] (got ${p[i]}).`);
	}
}
