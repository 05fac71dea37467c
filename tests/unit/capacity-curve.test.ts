/**
 * Capacity curves (src/lib/labs/capacity/curve.ts): the check — the test-error peak within ±10% of p = n in
 * ≥ 90% of seeds at the default noise — measured over 50 seeds with its Wilson interval; ridge and zero noise move
 * the peak away (Schaeffer et al. 2023); the sample-wise curve peaks at n = p; the grid, seeding and validation.
 */
import { describe, expect, it } from 'vitest';
import { capacityCurve, capacityGrid, sampleCurve } from '../../src/lib/labs/capacity/curve';
import { wilsonInterval } from '../../src/lib/stats/wilson';

const n = 40;
const grid = capacityGrid(n);
const base = { basis: 'legendre' as const, maxP: grid[grid.length - 1], n, capacities: grid, sigma: 0.3 };
const SEEDS = 50;
const inBand = (x: number, at: number) => Math.abs(x - at) <= 0.1 * at;
const median = (a: number[]) => a.slice().sort((x, y) => x - y)[Math.floor(a.length / 2)];

function sweep(extra: Record<string, unknown>) {
	let inside = 0;
	const atN: number[] = [];
	for (let s = 0; s < SEEDS; s++) {
		const c = capacityCurve({ ...base, ...extra }, s);
		if (inBand(c.peakAt, n)) inside++;
		atN.push(c.points.find((q) => q.x === n)!.testMse);
	}
	return { inside, medianAtN: median(atN) };
}

describe('capacity grid', () => {
	it('gives 40 increasing capacities at n = 40, dense (step 2) within ±20% of n and up to 4n', () => {
		expect(grid.length).toBe(40);
		expect(grid[0]).toBe(1);
		expect(grid[grid.length - 1]).toBe(160);
		for (let i = 1; i < grid.length; i++) expect(grid[i]).toBeGreaterThan(grid[i - 1]);
		expect(grid.filter((p) => inBand(p, n))).toEqual([36, 38, 40, 42, 44]);
	});
});

describe('model-wise double descent (Legendre basis, n = 40)', () => {
	it('the test-error peak lies within ±10% of p = n in ≥ 90% of seeds at σ = 0.3', () => {
		const { inside, medianAtN } = sweep({});
		const [lo, hi] = wilsonInterval({ conversions: inside, visitors: SEEDS });
		console.log(
			`peak within ±10% of p = n: ${inside}/${SEEDS}, Wilson 95% [${lo.toFixed(3)}, ${hi.toFixed(3)}]; median test MSE at p = n ${medianAtN.toExponential(2)}`
		);
		expect(inside / SEEDS).toBeGreaterThanOrEqual(0.9);
		expect(medianAtN).toBeGreaterThan(1e3);
	});

	it('ridge (λ = 1) removes the peak: it leaves the band in ≥ 90% of seeds and p = n is no worse than σ² + 0.5', () => {
		const { inside, medianAtN } = sweep({ lambda: 1 });
		expect(inside / SEEDS).toBeLessThanOrEqual(0.1);
		expect(medianAtN).toBeLessThan(0.09 + 0.5);
	});

	it('zero noise removes the peak from p = n (argmax elsewhere in ≥ 90% of seeds) and shrinks it from ~1e20 to < 1e-2', () => {
		const { inside, medianAtN } = sweep({ sigma: 0 });
		expect(inside / SEEDS).toBeLessThanOrEqual(0.1);
		expect(medianAtN).toBeLessThan(1e-2);
	});

	it('training error falls to ~0 at and past the threshold (interpolation)', () => {
		const c = capacityCurve(base, 7);
		for (const q of c.points.filter((q) => q.x >= n)) expect(q.trainMse).toBeLessThan(1e-6);
		expect(c.points[0].trainMse).toBeGreaterThan(0.09);
		for (const q of c.points) {
			expect(Number.isFinite(q.testMse)).toBe(true);
			expect(Number.isFinite(q.betaNorm)).toBe(true);
		}
	});

	it('a seed reproduces a curve, another seed changes it', () => {
		const a = capacityCurve(base, 3);
		expect(capacityCurve(base, 3)).toEqual(a);
		expect(capacityCurve(base, 4).points[5].testMse).not.toBe(a.points[5].testMse);
	});
});

describe('sample-wise double descent', () => {
	it('at p = 20 the test error peaks within ±10% of n = p in most seeds', () => {
		const sizes = Array.from({ length: 40 }, (_, i) => 2 + i);
		let inside = 0;
		for (let s = 0; s < 20; s++) if (inBand(sampleCurve({ basis: 'legendre', maxP: 20, p: 20, sizes, sigma: 0.3 }, s).peakAt, 20)) inside++;
		expect(inside).toBeGreaterThanOrEqual(16);
	});
});

describe('validation', () => {
	it('refuses bad capacities and options in words', () => {
		expect(() => capacityCurve({ ...base, capacities: [3, 2] }, 1)).toThrow(/increasing/);
		expect(() => capacityCurve({ ...base, capacities: [] }, 1)).toThrow(/empty/);
		expect(() => capacityCurve({ ...base, capacities: [1, 500] }, 1)).toThrow(/above the limit/);
		expect(() => capacityCurve({ ...base, sigma: -1 }, 1)).toThrow(/cannot be negative/);
		expect(() => capacityCurve({ ...base, basis: 'spline' as never }, 1)).toThrow(/Unknown basis/);
		expect(() => capacityGrid(1)).toThrow(/n ≥ 2/);
	});
});
