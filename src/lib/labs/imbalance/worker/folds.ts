/**
 * Stratified k-fold assignment (as scikit-learn's StratifiedKFold(shuffle=True) intends): each class's rows are
 * shuffled by the seeded generator and dealt to the folds in turn, the dealing carrying on from one class to the next.
 * So every fold holds ⌊n_c/k⌋ or ⌈n_c/k⌉ rows of each class c (within ±1 of its share) and ⌊n/k⌋ or ⌈n/k⌉ rows in all.
 */
import type { Rng } from '$lib/data/rng';

export const MAX_FOLDS = 20;

/** Each row's fold (0 … k − 1). Every class needs at least k rows, so each fold tests some of each. */
export function stratifiedFolds(y: ArrayLike<number>, k: number, rng: Rng): Uint8Array {
	if (!Number.isInteger(k) || k < 2 || k > MAX_FOLDS) throw new RangeError(`The number of folds must be a whole number from 2 to ${MAX_FOLDS} (got ${k}).`);
	const byClass: number[][] = [[], []];
	for (let i = 0; i < y.length; i++) {
		const c = y[i];
		if (c !== 0 && c !== 1) throw new RangeError(`Labels must be 0 or 1 (row ${i} has ${c}).`);
		byClass[c].push(i);
	}
	for (const c of [1, 0])
		if (byClass[c].length < k)
			throw new RangeError(`Only ${byClass[c].length} rows of class ${c}: ${k}-fold cross-validation needs at least ${k} of each class, one per fold.`);
	const fold = new Uint8Array(y.length);
	let next = 0;
	for (const rows of byClass) {
		rng.shuffle(rows);
		for (const i of rows) {
			fold[i] = next;
			next = (next + 1) % k;
		}
	}
	return fold;
}

/** The rows of fold `f` (tested) and of the others (trained on), each in the data's order. */
export function foldRows(fold: Uint8Array, f: number): { train: number[]; test: number[] } {
	const train: number[] = [];
	const test: number[] = [];
	for (let i = 0; i < fold.length; i++) (fold[i] === f ? test : train).push(i);
	return { train, test };
}
