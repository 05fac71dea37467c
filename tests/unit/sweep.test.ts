import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { axisValues, decodeSweep, encodeSweep, planSweep, sweepProblem, SweepError } from '../../src/lib/sweep/plan';
import { meanInterval, medianInterval, medianRankLow, pairedDifference } from '../../src/lib/stats/replicates';
import { estimate } from '../../src/lib/sweep/estimate';
import { param } from '../../src/lib/url/schema';
import { expectClose, loadFixtures } from './helpers';

const schema = {
	gamma: param.number(2, 0, 5),
	ratio: param.number(50, 1, 1000),
	n: param.int(5000, 200, 50000),
	loss: param.enum('bce', ['bce', 'weighted', 'focal']),
	seed: param.int(42, 0, 4294967295)
};

describe('sweep definitions', () => {
	it('parse and write back unchanged (sets, ranges, choices)', () => {
		for (const text of ['gamma:0,0.5,1,2,5/10', 'ratio:1..1000:7:log/5', 'n:200..2000:4:lin/3', 'loss:bce,weighted/10', 'gamma:0.1,0.30000000000000004/2']) {
			expect(encodeSweep(decodeSweep(text))).toBe(text);
		}
		expect(decodeSweep('ratio:1..1000:7:log/5')).toEqual({ axis: { key: 'ratio', kind: 'range', from: 1, to: 1000, n: 7, scale: 'log' }, seeds: 5 });
	});

	it('compute the values: log and linear spacing, whole numbers, duplicates removed, choices', () => {
		expect(axisValues(schema, decodeSweep('ratio:1..1000:4:log/1').axis)).toEqual([1, 10, 100, 1000]);
		expect(axisValues(schema, decodeSweep('gamma:0..5:3:lin/1').axis)).toEqual([0, 2.5, 5]);
		expect(axisValues(schema, decodeSweep('n:200..203:4:lin/1').axis)).toEqual([200, 201, 202, 203]);
		expect(axisValues(schema, decodeSweep('n:200..201:4:lin/1').axis)).toEqual([200, 201]);
		expect(axisValues(schema, decodeSweep('loss:focal,bce/1').axis)).toEqual(['focal', 'bce']);
	});

	it('say in words what is wrong, never NaN', () => {
		const problems: Array<[string, RegExp]> = [
			['gamma:0,1,2', /seeds/],
			['gamma:0,1/0', /1 to 50/],
			['gamma:0,1/51', /1 to 50/],
			['gamma:0,x/3', /not a number/],
			['gamma:0,9/3', /between 0 and 5/],
			['ratio:0..1000:5:log/3', /positive ends/],
			['ratio:1..1000:1:log/3', /2 to 25 values/],
			['ratio:1..1000:5:cubic/3', /lin or log/],
			['loss:bce,huber/3', /no option “huber”/],
			['loss:1..2:3:lin/3', /is a choice/],
			['seedx:1,2/3', /not a setting/],
			[':1,2/3', /name the setting/],
			['gamma:/3', /at least one value/]
		];
		for (const [text, message] of problems) {
			const problem = sweepProblem(schema, text);
			expect(problem, text).toMatch(message);
			expect(problem).not.toMatch(/NaN|undefined/);
		}
		expect(sweepProblem(schema, 'gamma:0,0.5,1,2,5/10')).toBeNull();
		expect(() => decodeSweep('gamma')).toThrow(SweepError);
	});

	it('plan every value × seed; a replicate’s seed depends only on the lab’s seed and its index', () => {
		const { values, runs } = planSweep(schema, decodeSweep('gamma:0,2,5/3'), 42);
		expect(values).toEqual([0, 2, 5]);
		expect(runs).toHaveLength(9);
		const seedsOf = (r: number) => new Set(runs.filter((x) => x.replicate === r).map((x) => x.seed));
		for (const r of [0, 1, 2]) expect(seedsOf(r).size).toBe(1);
		expect(new Set(runs.map((x) => x.seed)).size).toBe(3);
		const other = planSweep(schema, decodeSweep('gamma:1,4/3'), 42);
		expect(other.runs.filter((x) => x.replicate === 1)[0].seed).toBe([...seedsOf(1)][0]);
		expect(planSweep(schema, decodeSweep('gamma:0,2,5/3'), 4294967295).runs.every((x) => Number.isInteger(x.seed) && x.seed >= 0)).toBe(true);
	});
});

describe('two-setting sweeps (heat maps)', () => {
	it('parse and write back; every combination × seed, the second setting varying fastest', () => {
		for (const text of ['gamma:0,2*ratio:10..1000:3:log/5', 'loss:bce,focal*gamma:0,1,2/2']) expect(encodeSweep(decodeSweep(text))).toBe(text);
		const { values, values2, runs } = planSweep(schema, decodeSweep('gamma:0,2*ratio:10..1000:3:log/2'), 42);
		expect(values).toEqual([0, 2]);
		expect(values2).toEqual([10, 100, 1000]);
		expect(runs).toHaveLength(12);
		expect(runs.slice(0, 6).map((r) => [r.point, r.value, r.value2])).toEqual([
			[0, 0, 10],
			[1, 0, 100],
			[2, 0, 1000],
			[3, 2, 10],
			[4, 2, 100],
			[5, 2, 1000]
		]);
		// The same seeds as a one-setting sweep: replicate r has the same seed whatever is swept.
		expect(new Set(runs.filter((r) => r.replicate === 1).map((r) => r.seed))).toEqual(
			new Set(
				planSweep(schema, decodeSweep('gamma:0/2'), 42)
					.runs.filter((r) => r.replicate === 1)
					.map((r) => r.seed)
			)
		);
	});
	it('say what is wrong with the second setting, or with too many combinations', () => {
		expect(sweepProblem(schema, 'gamma:0,1*gamma:2/3')).toMatch(/must differ/);
		expect(sweepProblem(schema, 'gamma:0,1*ratio:0/3')).toMatch(/between 1 and 1000/);
		expect(sweepProblem(schema, 'gamma:0,1*ratio:1,2*n:200/3')).toMatch(/one or two settings/);
		expect(sweepProblem(schema, 'gamma:0..5:11:lin*ratio:1..1000:10:log/3')).toMatch(/11 × 10 combinations is more than 100/);
		expect(sweepProblem(schema, 'gamma:0,1*ratio:1,2/3')).toBeNull();
	});
});

describe('seed replicates: mean and t-interval', () => {
	const fx = loadFixtures().replicates as Array<{ values: number[]; level: number; mean: number; sd: number; lo: number; hi: number }>;

	it('match scipy.stats.t.interval', () => {
		for (const c of fx) {
			const r = meanInterval(c.values, c.level);
			expectClose(r.mean, c.mean, 1e-12, 1e-15, 'mean');
			expectClose(r.sd, c.sd, 1e-12, 1e-15, 'sd');
			expectClose(r.lo!, c.lo, 1e-9, 1e-12, 'lo');
			expectClose(r.hi!, c.hi, 1e-9, 1e-12, 'hi');
		}
	});

	it('cover the mean 95% of the time (simulation, n = 5 and 10)', () => {
		const rng = createRng(7);
		for (const n of [5, 10]) {
			let hits = 0;
			const reps = 4000;
			for (let r = 0; r < reps; r++) {
				const xs = Array.from({ length: n }, () => rng.normal(0.3, 0.07));
				const iv = meanInterval(xs);
				if (iv.lo! <= 0.3 && 0.3 <= iv.hi!) hits++;
			}
			// Binomial standard error at 4,000 runs is 0.0034: ±4 of them.
			expect(Math.abs(hits / reps - 0.95)).toBeLessThan(0.014);
		}
	});

	it('have no interval for one seed, and ignore non-finite values', () => {
		expect(meanInterval([0.4])).toMatchObject({ n: 1, mean: 0.4, lo: null, hi: null });
		expect(meanInterval([NaN, 0.2, 0.4]).n).toBe(2);
		expect(meanInterval([]).lo).toBeNull();
	});

	it('compare two arms by their paired difference', () => {
		const a = [0.5, 0.52, 0.49, 0.55, 0.51];
		const b = a.map((v, i) => v - 0.05 + (i % 2 ? 0.005 : -0.005));
		const p = pairedDifference(a, b);
		expect(p.better).toBe('A');
		expect(p.difference.mean).toBeCloseTo(0.05 + 0.001, 10);
		expect(pairedDifference(b, a).better).toBe('B');
		expect(pairedDifference([0.5, 0.6, 0.4], [0.55, 0.45, 0.5]).better).toBe('neither');
		expect(pairedDifference([0.5], [0.4]).better).toBeNull();
	});
});

describe('median of times with censoring: order-statistic interval', () => {
	const fx = loadFixtures();

	it('uses the ranks and coverage scipy.stats.binom gives', () => {
		for (const c of fx.medianRanks as Array<{ n: number; level: number; l: number; coverage: number | null }>) {
			expect(medianRankLow(c.n, c.level) ?? 0, `n ${c.n}, level ${c.level}`).toBe(c.l);
			const m = medianInterval(
				Array.from({ length: c.n }, (_, i) => i + 1),
				c.level
			);
			if (c.coverage === null) expect(m.lo).toBeNull();
			else {
				// Thousands of terms summed in floating point at the large n.
				expectClose(m.coverage!, c.coverage, c.n > 1000 ? 1e-9 : 1e-12);
				expect([m.lo, m.hi]).toEqual([c.l, c.n - c.l + 1]);
			}
		}
	});

	it('treats runs that never got there as beyond every observed time', () => {
		const m = medianInterval([5, Infinity, 3, Infinity, 4, 9, Infinity, 2, NaN]);
		expect(m).toMatchObject({ n: 8, censored: 3, median: 7, lo: 2, hi: Infinity });
		expect(medianInterval([Infinity, Infinity, Infinity, 1, 2, 3, 4]).median).toBe(4);
		expect(medianInterval([Infinity, Infinity, Infinity, Infinity, 1, 2, 3]).median).toBe(Infinity);
	});

	it('covers the true median at least 95% of the time, censored or not (simulation)', () => {
		const rng = createRng(11);
		for (const [n, budget] of [
			[10, Infinity],
			[20, 60],
			[30, 40]
		]) {
			// Exponential times with median 40 (rate ln 2 / 40), censored at the budget.
			const trueMedian = 40;
			let covered = 0;
			const trials = 2000;
			for (let t = 0; t < trials; t++) {
				const xs = Array.from({ length: n }, () => {
					const x = (-Math.log(1 - rng.next()) * trueMedian) / Math.LN2;
					return x > budget ? Infinity : x;
				});
				const m = medianInterval(xs);
				if (m.lo !== null && m.hi !== null && m.lo <= trueMedian && trueMedian <= m.hi) covered++;
			}
			expect(covered / trials, `n ${n}, budget ${budget}`).toBeGreaterThanOrEqual(0.94);
		}
	});
});

describe('proportions of runs: Wilson interval', () => {
	const fx = loadFixtures();
	it('matches scipy’s binomtest(…).proportion_ci(method="wilson")', () => {
		for (const c of fx.wilson as Array<{ k: number; n: number; lo: number; hi: number }>) {
			const e = estimate('proportion', [...Array(c.k).fill(1), ...Array(c.n - c.k).fill(0)]);
			expect(e.center).toBe(c.k / c.n);
			expectClose(e.lo!, c.lo, 1e-9, 1e-12, `${c.k}/${c.n} lo`);
			expectClose(e.hi!, c.hi, 1e-9, 1e-12, `${c.k}/${c.n} hi`);
		}
	});

	it('covers a rate as often as its exact coverage says (simulation; below 95% near 0 with few runs)', () => {
		const rng = createRng(5);
		for (const c of fx.wilsonCoverage as Array<{ n: number; p: number; coverage: number }>) {
			let covered = 0;
			const trials = 4000;
			for (let t = 0; t < trials; t++) {
				const e = estimate(
					'proportion',
					Array.from({ length: c.n }, () => (rng.next() < c.p ? 1 : 0))
				);
				if (e.lo! <= c.p && c.p <= e.hi!) covered++;
			}
			// Binomial standard error at 4,000 trials is ≤ 0.0043: ±4 of them.
			expect(Math.abs(covered / trials - c.coverage), `n ${c.n}, p ${c.p}`).toBeLessThan(0.017);
		}
		// The dip the page warns about: 5% with 20 streams is covered about 92% of the time.
		expect(fx.wilsonCoverage[0].coverage).toBeLessThan(0.93);
	});
});
