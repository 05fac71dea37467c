/**
 * The drift report's tests on counts and tied numbers: the hypergeometric sampler and the conditional χ² p-value
 * against exact values (scipy, tests/fixtures/generate.py), pooling of sparse cells, and PSI on tied data with its
 * no-drift distribution simulated from the data's own values — its false-alarm rate checked against the real null.
 */
import { describe, expect, it } from 'vitest';
import core from '../fixtures/core.json';
import { createRng } from '../../src/lib/data/rng';
import { conditionalChiSquareP, hypergeometric } from '../../src/lib/stats/conditional-test';
import { homogeneityTest } from '../../src/lib/stats/homogeneity';
import { chiSquareTest } from '../../src/lib/stats/abtest';
import { hasHeavyTies, psiNullTiedSample, psiTied, tiedBinStarts, tiedSupport } from '../../src/lib/stats/psi-tied';
import { drawsFor, mcCritical, psiNullDrawsCached } from '../../src/lib/stats/psi-null';
import { poisson } from './drift-aa/scenarios';

const fx = core.conditional;

describe('hypergeometric sampler', () => {
	it('matches scipy.stats.hypergeom.pmf (200,000 draws per case, every value within 4.5 standard errors)', () => {
		const rng = createRng(11);
		for (const c of fx.hypergeom) {
			const draws = 200_000;
			const counts = new Array<number>(c.pmf.length).fill(0);
			for (let i = 0; i < draws; i++) counts[hypergeometric(rng, c.N, c.K, c.n)]++;
			c.pmf.forEach((p, x) => {
				const se = Math.sqrt((p * (1 - p)) / draws) + 1e-9;
				expect(Math.abs(counts[x] / draws - p)).toBeLessThan(4.5 * se + 1e-6);
			});
		}
	});
	it('takes the only value when the range is one value, and handles large populations', () => {
		const rng = createRng(3);
		expect(hypergeometric(rng, 10, 10, 4)).toBe(4);
		expect(hypergeometric(rng, 10, 0, 4)).toBe(0);
		let sum = 0;
		for (let i = 0; i < 20000; i++) sum += hypergeometric(rng, 1_000_000, 300_000, 1000);
		expect(sum / 20000).toBeCloseTo(300, 0);
	});
});

describe('conditional χ² p-value', () => {
	it('agrees with the exact conditional p-value (enumerated in scipy) within Monte Carlo error', () => {
		for (const [i, c] of fx.chiSquare.entries()) {
			const R = 40_000;
			const got = conditionalChiSquareP(c.a, c.b, createRng(100 + i), R, Infinity);
			expect(got.replicates).toBe(R);
			const se = Math.sqrt((c.p * (1 - c.p)) / R);
			expect(Math.abs(got.pValue - c.p)).toBeLessThan(4 * se + 1 / R);
			// The asymptotic p-value is what scipy's chi2_contingency gives (and is off on these sparse tables).
			expect(chiSquareTest([c.a, c.b]).pValue).toBeCloseTo(c.asymptotic, 9);
		}
	});
	it('stops early when far from significant (Besag–Clifford) and is a valid p-value under the null', () => {
		const rng = createRng(5);
		// Null: two samples from one sparse distribution; P(p ≤ 0.05) ≤ 0.05 + MC error.
		const probs = [0.6, 0.3, 0.06, 0.03, 0.01];
		const draw = (size: number) => {
			const out = new Array<number>(probs.length).fill(0);
			for (let i = 0; i < size; i++) {
				let u = rng.next();
				let j = 0;
				while (j < probs.length - 1 && u > probs[j]) u -= probs[j++];
				out[j]++;
			}
			return out;
		};
		let rejections = 0;
		let work = 0;
		const runs = 1500;
		for (let r = 0; r < runs; r++) {
			const a = draw(60);
			const b = draw(25);
			const keep = a.map((x, j) => x + b[j] > 0);
			const res = conditionalChiSquareP(
				a.filter((_, j) => keep[j]),
				b.filter((_, j) => keep[j]),
				rng,
				2000
			);
			if (res.pValue <= 0.05) rejections++;
			work += res.replicates;
		}
		expect(rejections / runs).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / runs));
		// Not vacuous: it rejects at about its level (a conservative test would sit far below).
		expect(rejections / runs).toBeGreaterThan(0.025);
		expect(work / runs).toBeLessThan(200);
	});
});

describe('sparse categories: the conditional p-value where expected counts are small', () => {
	it('the issue’s case: a value the reference has twice in 100,000 rows, seen once in a batch of 50, is not a drift', () => {
		const ref = [60000, 39998, 2];
		const cur = [30, 19, 1];
		expect(chiSquareTest([ref, cur]).pValue).toBeLessThan(1e-4);
		const t = homogeneityTest(ref, cur, 0.05)!;
		expect(t.method).toBe('conditional');
		// Not beyond what chance gives at the level of a family of 20 batches × 8 features.
		expect(t.pValue).toBeGreaterThan(0.05 / 160);
	});
	it('a change confined to rare values is still found (no cell is pooled away): 97/2/1 → 60/25/15 in 50 of 100,000 rows', () => {
		const ref = [97000, 2000, 1000];
		const cur = [30, 12, 8];
		const t = homogeneityTest(ref, cur, 0.05 / 160)!;
		expect(t.method).toBe('conditional');
		expect(t.pValue).toBeLessThan(0.05 / 160);
		// And an A/A batch of 50 from the same shares is not flagged.
		expect(homogeneityTest(ref, [48, 1, 1], 0.05 / 160)!.pValue).toBeGreaterThan(0.05 / 160);
	});
	it('uses the asymptotic p-value where every expected count is ≥ 100, and needs two used cells', () => {
		const t = homogeneityTest([120, 8, 4, 0], [30, 10, 20, 20], 0.05)!;
		expect(t.method).toBe('conditional');
		expect(t.pValue).toBeLessThan(0.05);
		expect(t.cells).toBe(4);
		const big = homogeneityTest([5000, 5000], [4000, 6000], 0.05)!;
		expect(big.method).toBe('asymptotic');
		expect(big.pValue).toBeLessThan(1e-10);
		expect(homogeneityTest([100, 0], [20, 0])).toBeNull();
	});
});

describe('PSI on tied numbers', () => {
	it('cuts bins at distinct values: no bin is empty in the reference, equal deciles merge', () => {
		// 40% zeros: four deciles coincide at 0.
		const sorted = Float64Array.from([...new Array(40).fill(0), ...Array.from({ length: 60 }, (_, i) => 1 + Math.floor(i / 6))]);
		expect(hasHeavyTies(sorted)).toBe(true);
		expect(hasHeavyTies(Float64Array.from({ length: 500 }, (_, i) => i / 7))).toBe(false);
		const s = tiedSupport(sorted);
		expect(s.distinct).toBe(11);
		const starts = tiedBinStarts(s.counts, s.n, 10);
		const d = psiTied(s, sorted, sorted, 10);
		expect(starts.length + 1).toBeLessThan(10);
		expect(d.expectedCounts.every((c) => c > 0)).toBe(true);
		expect(d.psi).toBe(0);
		expect(d.expectedCounts.reduce((a, b) => a + b, 0)).toBe(100);
	});
	it('groups many distinct values (each group ≥ 1% of the reference, a heavy value alone)', () => {
		const rng = createRng(2);
		const sorted = Float64Array.from({ length: 5000 }, () => (rng.next() < 0.6 ? 0 : Math.exp(rng.normal()))).sort();
		const s = tiedSupport(sorted);
		expect(s.counts.length).toBeLessThanOrEqual(101);
		expect(s.starts[0]).toBe(0);
		expect(s.counts[0]).toBe(sorted.filter((v) => v === 0).length);
		expect(s.counts.reduce((a, b) => a + b, 0)).toBe(5000);
	});
	it('its simulated no-drift test holds its level against the real null (Poisson(3), geometric, ages; unequal sizes)', () => {
		const rng = createRng(8);
		const gens: Array<[string, () => number, number, number]> = [
			['Poisson(3)', () => poisson(rng, 3), 2000, 50],
			['geometric', () => Math.floor(Math.log(1 - rng.next()) / Math.log(0.9)), 20000, 200],
			['ages', () => 18 + rng.int(73), 300, 150]
		];
		for (const [name, draw, n, m] of gens) {
			let over = 0;
			const runs = 400;
			const level = 0.01;
			for (let r = 0; r < runs; r++) {
				const ref = Float64Array.from({ length: n }, draw).sort();
				const cur = Float64Array.from({ length: m }, draw).sort();
				// The support pools both samples (the bootstrap under no drift).
				const s = tiedSupport(Float64Array.from([...ref, ...cur]).sort());
				const nul = psiNullTiedSample(s, n, m, 10, createRng(r), 600).sort();
				if (psiTied(s, ref, cur, 10).psi > mcCritical(nul, level)!) over++;
			}
			// At 1%: ≤ 1% + 3 standard errors of 400 runs.
			expect(over / runs, name).toBeLessThanOrEqual(level + 3 * Math.sqrt((level * (1 - level)) / runs));
		}
	}, 240_000);
	it('mcCritical: p = (#{null ≥ psi} + 1)/(R + 1) < level exactly above the critical value', () => {
		const draws = Float64Array.from({ length: 999 }, (_, i) => i / 1000);
		const c = mcCritical(draws, 0.01)!;
		const p = (x: number) => (draws.filter((v) => v >= x).length + 1) / 1000;
		expect(p(c + 1e-9)).toBeLessThan(0.01);
		expect(p(c)).toBeGreaterThanOrEqual(0.01);
		expect(mcCritical(draws, 0.0005)).toBeNull();
	});
	it('on continuous values its critical value from the draws matches numpy’s simulated quantile of PSI itself', () => {
		for (const c of core.drift.psiNull) {
			const draws = psiNullDrawsCached(c.reference, c.current, c.bins, drawsFor(0.001));
			expect(draws.length).toBe(50_000);
			const q = mcCritical(draws, 0.001)!;
			expect(Math.abs(q / c.q999 - 1), `n=${c.reference} m=${c.current}`).toBeLessThan(0.1);
		}
		expect(drawsFor(1e-9)).toBe(500_000);
	});
});
