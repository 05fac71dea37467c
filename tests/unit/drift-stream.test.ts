import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { drawBatch, intensity, referencePositiveRate, type DriftSpec } from '../../src/lib/labs/drift/worker/stream';
import { ksTwoSample } from '../../src/lib/stats/drift';

const none: DriftSpec = { covariate: 0, prior: 0, concept: 0, schedule: 'sudden', onset: 10, span: 5, noise: 0.3 };

function col(x: Float32Array, j: number): number[] {
	return Array.from({ length: x.length / 2 }, (_, i) => x[2 * i + j]);
}
function mean(a: ArrayLike<number>): number {
	let s = 0;
	for (let i = 0; i < a.length; i++) s += a[i];
	return s / a.length;
}
/** Accuracy of the reference-optimal rule y = 1[x₁ > c]. */
function referenceRuleAccuracy(x: Float32Array, y: Uint8Array): number {
	let ok = 0;
	for (let i = 0; i < y.length; i++) ok += (x[2 * i] > 0.5 ? 1 : 0) === y[i] ? 1 : 0;
	return ok / y.length;
}

describe('drifting stream', () => {
	it('schedules: sudden, gradual ramp, recurring on/off', () => {
		expect([9, 10, 30].map((t) => intensity({ ...none, schedule: 'sudden' }, t))).toEqual([0, 1, 1]);
		expect([9, 10, 12, 14, 20].map((t) => intensity({ ...none, schedule: 'gradual' }, t))).toEqual([0, 0.2, 0.6, 1, 1]);
		expect([10, 14, 15, 19, 20].map((t) => intensity({ ...none, schedule: 'recurring' }, t))).toEqual([1, 1, 0, 0, 1]);
	});

	it('is reproducible from the seed, and stationary without drift', () => {
		const a = drawBatch(none, 3, 500, createRng(1));
		expect(drawBatch(none, 3, 500, createRng(1))).toEqual(a);
		const b = drawBatch(none, 40, 4000, createRng(2));
		expect(Math.abs(mean(b.y) - referencePositiveRate(0.3))).toBeLessThan(0.03);
	});

	it('covariate shift moves the inputs but keeps P(y | x): the reference rule stays as accurate', () => {
		const before = drawBatch({ ...none, covariate: 1 }, 0, 6000, createRng(3));
		const after = drawBatch({ ...none, covariate: 1 }, 20, 6000, createRng(4));
		expect(mean(col(after.x, 1)) - mean(col(before.x, 1))).toBeGreaterThan(2);
		expect(ksTwoSample(col(before.x, 1), col(after.x, 1)).pValue).toBeLessThan(1e-6);
		expect(Math.abs(referenceRuleAccuracy(after.x, after.y) - referenceRuleAccuracy(before.x, before.y))).toBeLessThan(0.03);
	});

	it('concept drift keeps P(x) but breaks the reference rule', () => {
		const before = drawBatch({ ...none, concept: 1 }, 0, 6000, createRng(5));
		const after = drawBatch({ ...none, concept: 1 }, 20, 6000, createRng(6));
		for (const j of [0, 1]) expect(ksTwoSample(col(before.x, j), col(after.x, j)).pValue).toBeGreaterThan(0.001);
		expect(referenceRuleAccuracy(before.x, before.y) - referenceRuleAccuracy(after.x, after.y)).toBeGreaterThan(0.2);
	});

	it('prior shift moves the share of positives toward 0.85', () => {
		const after = drawBatch({ ...none, prior: 1 }, 20, 6000, createRng(7));
		expect(Math.abs(mean(after.y) - 0.85)).toBeLessThan(0.03);
		expect(Math.abs(referenceRuleAccuracy(after.x, after.y) - 0.9)).toBeLessThan(0.08);
	});
});
