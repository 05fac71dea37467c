import { describe, expect, it } from 'vitest';
import { echo, formatValue, param, parseDecimal, parseParams, parseValue, serializeParams, defaults } from '../../src/lib/url/schema';
import { describeAdapter } from '../../src/lib/engine/gpu-adapter';

const schema = {
	seed: param.int(7, 0, 4294967295),
	n: param.int(1000, 0, 1e9),
	rate: param.number(0.1, 0.001, 0.9),
	lr: param.number(0.01, 1e-10, 10),
	alpha: param.nullableNumber(0.25, 0.05, 0.95),
	mode: param.enum('a', ['a', 'b'] as const),
	on: param.bool(false)
};

describe('URL schema: a link replays the demo exactly', () => {
	it('writes integers exactly (no rounding to 6 significant digits)', () => {
		for (const seed of [1234567, 4294967295, 98765431, 0]) {
			const q = serializeParams(schema, { ...defaults(schema), seed, n: 98765432 });
			const back = parseParams(schema, new URLSearchParams(q));
			expect(back.values.seed).toBe(seed);
			expect(back.values.n).toBe(98765432);
			expect(back.issues).toEqual([]);
		}
		expect(formatValue(schema.seed, 4294967295)).toBe('4294967295');
	});
	it('writes floats so they parse back to the same value', () => {
		for (const lr of [1e-10, 3.3e-7, 0.1 + 0.2, 1 / 3, 9.999999999, 2.5e-9]) {
			const q = serializeParams(schema, { ...defaults(schema), lr });
			expect(parseParams(schema, new URLSearchParams(q)).values.lr).toBe(lr);
		}
	});
	it('reads numbers strictly: hexadecimal, spaces and underflow are refused with a message', () => {
		expect(parseDecimal('0x1F')).toBeNaN();
		expect(parseDecimal(' 3 ')).toBeNaN();
		expect(parseDecimal('1e-400')).toBeNaN();
		expect(parseDecimal('0.000')).toBe(0);
		expect(parseDecimal('-2.5e3')).toBe(-2500);
		expect(parseDecimal('.5')).toBe(0.5);
		expect(parseValue('n', schema.n, '0x1F').issue).toMatch(/not a number/);
		expect(parseValue('n', schema.n, ' 3 ').issue).toMatch(/not a number/);
		expect(parseValue('lr', schema.lr, '1e-400').issue).toMatch(/too large or too small/);
		expect(parseValue('seed', schema.seed, '4294967296').issue).toBe('seed=4294967296 is above the maximum 4294967295; using 4294967295.');
	});
	it('clamps with messages that name the exact bounds', () => {
		expect(parseValue('rate', schema.rate, '7')).toEqual({ value: 0.9, issue: 'rate=7 is above the maximum 0.9; using 0.9.' });
		expect(parseValue('seed', schema.seed, '2.5').issue).toBe('seed=2.5 must be a whole number; using 3.');
		expect(parseValue('mode', schema.mode, 'z').issue).toBe('mode=z is not one of a, b; using a.');
		expect(parseValue('alpha', schema.alpha, 'none').value).toBeNull();
	});
	it('cuts long values in messages', () => {
		const long = '9'.repeat(3000);
		const { issue } = parseValue('rate', schema.rate, long);
		expect(issue!.length).toBeLessThan(150);
		expect(echo(long)).toContain('(3000 characters)');
	});
	it('drops unknown parameters (and says so) but keeps presenter mode', () => {
		const search = new URLSearchParams('seed=3&unknown=%3Cscript%3Ealert(1)%3C%2Fscript%3E&present=1&x=1');
		const { values, issues } = parseParams(schema, search);
		expect(issues.join(' ')).toContain('does not have');
		const q = serializeParams(schema, values, search);
		expect(q).not.toContain('unknown');
		expect(q).not.toContain('x=1');
		expect(q).toContain('present=1');
		expect(q.startsWith('seed=3&')).toBe(true);
	});
});

describe('WebGPU adapter description', () => {
	it('reads isFallbackAdapter from adapter.info (current Chromium) and from the adapter (older spec)', () => {
		expect(describeAdapter({ info: { vendor: 'acme', device: 'X1', isFallbackAdapter: true } }).software).toBe(true);
		expect(describeAdapter({ info: { vendor: 'acme', device: 'X1' }, isFallbackAdapter: true }).software).toBe(true);
		expect(describeAdapter({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toEqual({ device: 'nvidia ampere', software: false });
		expect(describeAdapter({ info: { vendor: 'google', description: 'SwiftShader Device (Subzero)' } }).software).toBe(true);
		expect(describeAdapter({}).device).toBe('unknown adapter');
	});
});
