/** The sweep time estimate (src/lib/sweep/time-estimate.ts): start-up plus work over the rate, learned once measured. */
import { describe, expect, it } from 'vitest';
import { POOL_START_MS, learnSweepRate, learnedSweepRate, sweepEstimateMs } from '$lib/sweep/time-estimate';

describe('sweep time estimate', () => {
	const base = { cost: 10_000, speed: 1000, speedup: 1, workers: 1, learned: null };

	it('says nothing before anything is measured', () => {
		expect(sweepEstimateMs({ ...base, speed: 0 })).toBeNull();
		expect(sweepEstimateMs({ ...base, speed: Number.NaN })).toBeNull();
	});

	it('is the pool start plus the cost over the lab run’s speed × the sweep speed-up × the workers', () => {
		expect(sweepEstimateMs(base)).toBeCloseTo(POOL_START_MS + 10_000, 6);
		expect(sweepEstimateMs({ ...base, speedup: 2.5, workers: 2 })).toBeCloseTo(POOL_START_MS + 2_000, 6);
	});

	it('prefers the rate a finished sweep of the lab reached here, per worker', () => {
		learnSweepRate('lab-x:wasm', 6_000, POOL_START_MS + 3_000, 2); // 2,000 units per second on 2 workers
		expect(learnedSweepRate('lab-x:wasm')).toBeCloseTo(1000, 9);
		expect(learnedSweepRate('lab-x:cpu')).toBeNull();
		expect(sweepEstimateMs({ ...base, workers: 2, learned: learnedSweepRate('lab-x:wasm') })).toBeCloseTo(POOL_START_MS + 5_000, 6);
		// A sweep of one run uses one worker: half the rate the 2-worker sweep reached.
		expect(sweepEstimateMs({ ...base, workers: 1, learned: learnedSweepRate('lab-x:wasm') })).toBeCloseTo(POOL_START_MS + 10_000, 6);
	});

	it('does not learn from a sweep that was mostly start-up', () => {
		learnSweepRate('lab-y:wasm', 100, POOL_START_MS + 50, 1);
		expect(learnedSweepRate('lab-y:wasm')).toBeNull();
	});
});
