/**
 * Stratified train/test split and random re-sampling of the training set, all driven by a seeded Rng so the
 * same seed gives the same split. Stratification keeps each class's share equal in both parts and guarantees
 * at least one example of each class on each side whenever a class has two or more examples.
 */
import type { Rng } from './rng';
import { subset, type Dataset } from './dataset';

export interface Split {
	train: Dataset;
	test: Dataset;
}

export function stratifiedSplit(data: Dataset, testFraction: number, rng: Rng): Split {
	if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1) (got ${testFraction}).`);
	const byClass: number[][] = [[], []];
	for (let i = 0; i < data.n; i++) byClass[data.y[i]].push(i);
	const train: number[] = [];
	const test: number[] = [];
	for (const idx of byClass) {
		rng.shuffle(idx);
		let nTest = Math.round(idx.length * testFraction);
		if (idx.length >= 2) nTest = Math.min(Math.max(nTest, 1), idx.length - 1);
		// (a loop, not push(...spread): a spread of 100k indices overflows the stack of a browser worker)
		for (let k = 0; k < idx.length; k++) (k < nTest ? test : train).push(idx[k]);
	}
	// Interleave the classes so mini-batches are not ordered by class before shuffling.
	train.sort((a, b) => a - b);
	test.sort((a, b) => a - b);
	return { train: subset(data, train), test: subset(data, test) };
}

export type Resampling = 'none' | 'oversample' | 'undersample';

/**
 * Random over-sampling repeats minority examples (drawn with replacement) until both classes are equal;
 * random under-sampling keeps a random subset of the majority of the minority's size.
 */
export function resample(data: Dataset, mode: Resampling, rng: Rng): Dataset {
	if (mode === 'none') return data;
	const byClass: number[][] = [[], []];
	for (let i = 0; i < data.n; i++) byClass[data.y[i]].push(i);
	const minority = byClass[0].length <= byClass[1].length ? 0 : 1;
	const small = byClass[minority];
	const large = byClass[1 - minority];
	if (small.length === 0) return data;
	let indices: number[];
	if (mode === 'oversample') {
		const extra = Array.from({ length: large.length - small.length }, () => small[rng.int(small.length)]);
		indices = [...large, ...small, ...extra];
	} else {
		indices = [...rng.shuffle(large.slice()).slice(0, small.length), ...small];
	}
	indices.sort((a, b) => a - b);
	return subset(data, indices);
}
