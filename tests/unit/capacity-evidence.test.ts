/**
 * The capacity lab's computed sentences (src/lib/labs/capacity/evidence.ts):
 * - the peak comparison's false-claim rate on curves with no peak (flat, and falling) is at most 5% plus Monte Carlo
 *   error, and its power at the lab's default (20 seeds) — the sentence claims detection — is at least 90%;
 * - with each of Schaeffer et al.'s ingredients removed (σ = 0, ridge, aligned target without noise) the page never
 *   claims a peak;
 * - the geometric-mean band covers the truth at its nominal rate (lognormal simulation, and the lab's own errors).
 * Rates are printed with their Monte Carlo standard errors.
 */
import { describe, expect, it } from 'vitest';
import { band, peakComparison, peakPoints } from '../../src/lib/labs/capacity/evidence';
import { capacityCurve, type Curve } from '../../src/lib/labs/capacity/curve';
import { DEFAULT_CAPACITY as D } from '../../src/lib/labs/capacity/defaults';
import { createRng, mixSeed } from '../../src/lib/data/rng';

const mcSe = (rate: number, n: number) => Math.sqrt((rate * (1 - rate)) / n);
const grid = [...D.capacities];

function synthetic(trend: (x: number) => number, seeds: number, rng: ReturnType<typeof createRng>): Curve[] {
	return Array.from({ length: seeds }, () => {
		const points = grid.map((x) => {
			const e = Math.exp(trend(x) + 0.8 * rng.normal());
			return { x, trainMse: 0, testMse: e, betaNorm: 1, condition: 1 };
		});
		return { points, peakAt: 0 };
	});
}

describe('the peak comparison', () => {
	it('compares the two grid values beside n with p ≈ n/2 and the largest p', () => {
		expect(peakPoints(grid, 40)).toEqual({ below: 38, above: 42, left: 20, right: 160 });
		expect(peakPoints([1, 2, 3], 40)).toBeNull();
	});

	it('claims a peak on curves without one at most 5% of the time (flat and falling curves, 20 seeds)', () => {
		const rng = createRng(7);
		const sims = 2000;
		for (const [name, trend] of [
			['flat', () => 0],
			['falling', (x: number) => -Math.log(x) * 0.3]
		] as const) {
			let claims = 0;
			for (let s = 0; s < sims; s++) if (peakComparison(synthetic(trend, 20, rng), 40)?.verdict === 'peak') claims++;
			const rate = claims / sims;
			console.log(`${name}: peak claimed in ${claims}/${sims} = ${rate.toFixed(4)} ± ${mcSe(rate, sims).toFixed(4)}`);
			expect(rate).toBeLessThanOrEqual(0.05 + 2 * mcSe(0.05, sims));
		}
	});

	const runs = (extra: Record<string, unknown>, count: number, seeds = 20) =>
		Array.from({ length: count }, (_, b) => {
			const curves = Array.from({ length: seeds }, (_, r) => capacityCurve({ ...D, capacities: grid, ...extra }, mixSeed(1000 + b, r)));
			return peakComparison(curves, D.n);
		});

	it('finds the peak at the default set-up in at least 90% of 20-seed runs', () => {
		const res = runs({}, 10);
		const found = res.filter((r) => r?.verdict === 'peak').length;
		console.log(`default: peak claimed in ${found}/10 runs; median ratios ${res.map((r) => r?.medianRatio.toFixed(1)).join(', ')}`);
		expect(found).toBeGreaterThanOrEqual(9);
	}, 60_000);

	it('never claims a peak with an ingredient removed (σ = 0, ridge λ = 0.05, aligned target at σ = 0)', () => {
		for (const [name, extra] of [
			['σ = 0', { sigma: 0 }],
			['ridge', { lambda: D.ridge }],
			['aligned, σ = 0', { target: 'aligned', sigma: 0 }]
		] as const) {
			const res = runs(extra, 4);
			console.log(`${name}: ${res.map((r) => `${r?.verdict} (${r?.above_}/${r?.seeds}, ratio ${r?.medianRatio.toFixed(2)})`).join('; ')}`);
			for (const r of res) expect(r?.verdict).not.toBe('peak');
		}
	}, 120_000);
});

describe('the geometric-mean band', () => {
	it('covers the true geometric mean of lognormal errors at 95% (2000 simulations of 20 seeds)', () => {
		const rng = createRng(11);
		const sims = 2000;
		let covered = 0;
		for (let s = 0; s < sims; s++) {
			const curves = synthetic(() => Math.log(3), 20, rng);
			const b = band(curves, 'testMse')[0];
			if (b.lo! <= 3 && 3 <= b.hi!) covered++;
		}
		const rate = covered / sims;
		console.log(`lognormal coverage ${rate.toFixed(4)} ± ${mcSe(rate, sims).toFixed(4)}`);
		expect(Math.abs(rate - 0.95)).toBeLessThan(3 * mcSe(0.95, sims));
	});

	it('covers the lab’s own geometric mean test error (below, at and past the threshold)', () => {
		const caps = [20, 42, 160];
		const pool = Array.from({ length: 400 }, (_, r) => capacityCurve({ ...D, capacities: caps }, mixSeed(5, r)));
		const truth = caps.map((_, i) => Math.pow(10, pool.reduce((s, c) => s + Math.log10(c.points[i].testMse), 0) / pool.length));
		let covered = 0;
		let total = 0;
		for (let g = 0; g < 20; g++) {
			const b = band(pool.slice(g * 20, g * 20 + 20), 'testMse');
			b.forEach((pt, i) => {
				total++;
				if (pt.lo! <= truth[i] && truth[i] <= pt.hi!) covered++;
			});
		}
		console.log(`the lab's errors: ${covered}/${total} intervals cover the 400-seed geometric mean`);
		expect(covered / total).toBeGreaterThanOrEqual(0.85);
	}, 60_000);

	it('draws an interpolating fit’s zero training error at the floor, never as −∞', () => {
		const curves = synthetic(() => 0, 5, createRng(1)).map((c) => ({ ...c, points: c.points.map((q) => ({ ...q, trainMse: 0 })) }));
		for (const pt of band(curves, 'trainMse')) expect(Number.isFinite(pt.mean) && pt.mean > 0).toBe(true);
	});
});
