/** Stratified k-fold assignment (src/lib/labs/imbalance/worker/folds.ts): each class within ±1 of its share in every fold, seeded. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { foldRows, stratifiedFolds } from '../../src/lib/labs/imbalance/worker/folds';

function labels(n0: number, n1: number, seed: number): Uint8Array {
	const y = Array.from({ length: n0 + n1 }, (_, i) => (i < n1 ? 1 : 0));
	return Uint8Array.from(createRng(seed).shuffle(y));
}

describe('stratified folds', () => {
	it('every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of each class and ⌊n/k⌋ or ⌈n/k⌉ in all; every row is in one fold', () => {
		const rng = createRng(5);
		for (let trial = 0; trial < 300; trial++) {
			const k = 2 + rng.int(9);
			const n1 = k + rng.int(60);
			const n0 = k + rng.int(400);
			const y = labels(n0, n1, trial);
			const fold = stratifiedFolds(y, k, createRng(trial).fork('folds'));
			expect(fold.length).toBe(y.length);
			const per = Array.from({ length: k }, () => [0, 0]);
			for (let i = 0; i < y.length; i++) {
				expect(fold[i]).toBeLessThan(k);
				per[fold[i]][y[i]]++;
			}
			for (const [c, n] of [
				[0, n0],
				[1, n1]
			])
				for (let f = 0; f < k; f++) {
					expect(Math.abs(per[f][c] - n / k), `k=${k} class ${c} (${n} rows) fold ${f}`).toBeLessThan(1);
				}
			for (let f = 0; f < k; f++) expect(Math.abs(per[f][0] + per[f][1] - (n0 + n1) / k)).toBeLessThan(1);
			const { train, test } = foldRows(fold, trial % k);
			expect(train.length + test.length).toBe(y.length);
			expect(new Set([...train, ...test]).size).toBe(y.length);
		}
	});

	it('the small file’s case: 20 positives and 180 negatives in 5 folds → 4 and 36 in each', () => {
		const y = labels(180, 20, 1);
		const fold = stratifiedFolds(y, 5, createRng(42).fork('folds'));
		for (let f = 0; f < 5; f++) {
			const { test } = foldRows(fold, f);
			expect(test.reduce((s, i) => s + y[i], 0)).toBe(4);
			expect(test.length).toBe(40);
		}
	});

	it('seeded: the same seed deals the same folds, another seed others', () => {
		const y = labels(300, 40, 2);
		const a = stratifiedFolds(y, 5, createRng(7).fork('folds'));
		expect(Array.from(stratifiedFolds(y, 5, createRng(7).fork('folds')))).toEqual(Array.from(a));
		expect(Array.from(stratifiedFolds(y, 5, createRng(8).fork('folds')))).not.toEqual(Array.from(a));
	});

	it('too few rows of a class, or a bad k, is said in words', () => {
		expect(() => stratifiedFolds(labels(50, 4, 3), 5, createRng(1))).toThrow(/Only 4 rows of class 1: 5-fold cross-validation needs at least 5 of each class/);
		expect(() => stratifiedFolds(labels(50, 10, 3), 1, createRng(1))).toThrow(/from 2 to 20/);
		expect(() => stratifiedFolds(Uint8Array.from([0, 1, 2]), 2, createRng(1))).toThrow(/0 or 1/);
	});
});
