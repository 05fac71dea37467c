import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** The numpy/scipy reference values written by tests/fixtures/generate.py ("inf" strings become Infinity). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function loadFixtures(): any {
	const text = readFileSync(new URL('../fixtures/core.json', import.meta.url), 'utf8');
	return JSON.parse(text, (_k, v) => (v === 'inf' ? Infinity : v === '-inf' ? -Infinity : v));
}

/** |actual − expected| ≤ rel·|expected| + abs, with a readable failure message. */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-14, label = ''): void {
	if (expected === Infinity || expected === -Infinity) {
		expect(actual, label).toBe(expected);
		return;
	}
	const tol = rel * Math.abs(expected) + abs;
	const err = Math.abs(actual - expected);
	if (!(err <= tol)) {
		throw new Error(`${label} expected ${expected}, got ${actual} (error ${err.toExponential(2)} > tolerance ${tol.toExponential(2)})`);
	}
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rel = 1e-9, abs = 1e-14, label = ''): void {
	expect(actual.length, `${label} length`).toBe(expected.length);
	for (let i = 0; i < expected.length; i++) expectClose(actual[i], expected[i], rel, abs, `${label}[${i}]`);
}
