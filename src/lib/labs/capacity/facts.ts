/**
 * The capacity lab's facts for its lessons (lessons/types.ts): the numbers of a complete run that a lesson asks
 * about and explains with, computed with the same functions the page words its sentences with.
 */
import type { Facts } from '$lib/lessons/types';
import { band, interpolatesFrom, peakComparison } from './evidence';
import type { CapacityResult } from './types';

export function capacityFacts(r: CapacityResult): Facts {
	const { n } = r.config;
	const test = band(r.curves, 'testMse');
	const at = (x: number) => test.find((b) => b.x === x)?.mean ?? NaN;
	const peak = peakComparison(r.curves, n);
	const sample = peakComparison(r.samples, n);
	const sampleBand = band(r.samples, 'testMse');
	const sampleAt = (x: number) => sampleBand.find((b) => b.x === x)?.mean ?? NaN;
	const gridAt = (p: number) => r.decomposition.find((d) => d.p === p);
	const i = r.inspect;
	const terms = i
		? ([
				['bias', i.bias2],
				['variance', i.variance],
				['noise', i.noise]
			] as const)
		: [];
	const largest = terms.length ? terms.reduce((a, b) => (b[1] > a[1] ? b : a))[0] : 'none';
	return {
		seed: r.config.seed,
		seeds: r.curves.length,
		n,
		noise: r.config.model.sigma,
		ridge: r.config.model.lambda ?? 0,
		target: r.config.model.target ?? 'teacher',
		peakVerdict: peak?.verdict ?? 'none',
		peakAbove: peak?.above_ ?? NaN,
		peakRatio: peak?.medianRatio ?? NaN,
		peakP: peak?.p ?? NaN,
		left: peak?.left ?? NaN,
		right: peak?.right ?? NaN,
		below: peak?.below ?? NaN,
		above: peak?.above ?? NaN,
		errLeft: peak ? at(peak.left) : NaN,
		errRight: peak ? at(peak.right) : NaN,
		errCentre: peak ? Math.sqrt(at(peak.below) * at(peak.above)) : NaN,
		interpolatesFrom: interpolatesFrom(r.curves, 1e-10) ?? -1,
		inspectP: i?.p ?? NaN,
		trainingSets: i?.trainingSets ?? NaN,
		bias2: i?.bias2 ?? NaN,
		variance: i?.variance ?? NaN,
		noiseTerm: i?.noise ?? NaN,
		expectedMse: i?.expectedMse ?? NaN,
		largestTerm: largest,
		/** Variance at the capacity just past the threshold (the decomposition along the curve). */
		varianceAtThreshold: gridAt(peak?.above ?? n + 2)?.variance ?? NaN,
		samplePeakVerdict: sample?.verdict ?? 'none',
		sampleErrLeft: sample ? sampleAt(sample.left) : NaN,
		sampleErrCentre: sample ? Math.sqrt(sampleAt(sample.below) * sampleAt(sample.above)) : NaN
	};
}
