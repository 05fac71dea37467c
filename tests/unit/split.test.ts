import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { classCounts, type Dataset } from '../../src/lib/data/dataset';
import { resample, stratifiedSplit } from '../../src/lib/data/split';

function dataset(n: number, positives: number): Dataset {
	const x = new Float32Array(n * 2);
	const y = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		x[2 * i] = i;
		x[2 * i + 1] = -i;
		y[i] = i % Math.floor(n / positives) === 0 && i / Math.floor(n / positives) < positives ? 1 : 0;
	}
	return { x, y, n, d: 2 };
}

describe('stratified split', () => {
	it('keeps each class share on both sides, and the rows intact', () => {
		const data = dataset(10_000, 100);
		const { train, test } = stratifiedSplit(data, 0.3, createRng(1));
		expect(train.n + test.n).toBe(10_000);
		expect(classCounts(test.y)).toEqual([2970, 30]);
		expect(classCounts(train.y)).toEqual([6930, 70]);
		for (let k = 0; k < test.n; k++) expect(test.x[2 * k + 1]).toBe(-test.x[2 * k]);
		const all = new Set([...train.x.filter((_, i) => i % 2 === 0), ...test.x.filter((_, i) => i % 2 === 0)]);
		expect(all.size).toBe(10_000);
	});

	it('is fixed by the seed, and another seed gives another split', () => {
		const data = dataset(2000, 50);
		const a = stratifiedSplit(data, 0.3, createRng(7)).test.x;
		expect(stratifiedSplit(data, 0.3, createRng(7)).test.x).toEqual(a);
		expect(stratifiedSplit(data, 0.3, createRng(8)).test.x).not.toEqual(a);
	});

	it('puts a minority example on each side even when the class has only two', () => {
		const { train, test } = stratifiedSplit(dataset(1000, 2), 0.3, createRng(3));
		expect(classCounts(train.y)[1]).toBe(1);
		expect(classCounts(test.y)[1]).toBe(1);
	});

	it('handles millions of rows (no argument spread that overflows the stack)', () => {
		const { train, test } = stratifiedSplit(dataset(2_000_000, 2000), 0.3, createRng(5));
		expect(train.n + test.n).toBe(2_000_000);
		expect(classCounts(test.y)[1]).toBe(600);
	});

	it('rejects an impossible test fraction', () => {
		expect(() => stratifiedSplit(dataset(100, 10), 1, createRng(1))).toThrow(/testFraction/);
	});
});

describe('re-sampling', () => {
	it('over-sampling equalises the classes by repeating minority rows; under-sampling drops majority rows', () => {
		const data = dataset(1000, 50);
		expect(classCounts(resample(data, 'oversample', createRng(2)).y)).toEqual([950, 950]);
		expect(classCounts(resample(data, 'undersample', createRng(2)).y)).toEqual([50, 50]);
		expect(resample(data, 'none', createRng(2))).toBe(data);
	});
});
