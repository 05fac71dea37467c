import { describe, expect, it } from 'vitest';
import { DDM, DDM_RECOMMENDED, PAGE_HINKLEY_FIXED, PageHinkley, pageHinkleyForErrorRate } from '../../src/lib/stats/detectors';
import { psiFamilyCritical, psiNull, psiNullQuantile } from '../../src/lib/stats/psi-null';
import { chiSquarePpf } from '../../src/lib/stats/distributions';
import { jensenShannonDivergence, ksTwoSample, psi, psiDetail, wasserstein1 } from '../../src/lib/stats/drift';
import { createRng } from '../../src/lib/data/rng';
import { expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().drift;

describe('drift statistics vs scipy', () => {
	it('KS statistic (exact, with ties) and asymptotic p-value', () => {
		for (const c of fx.samples) {
			const r = ksTwoSample(c.a, c.b);
			expectClose(r.statistic, c.ks.statistic, 1e-12, 1e-15, `D n=${c.a.length},${c.b.length}`);
			expectClose(r.pValue, c.ks.pValue, 1e-9, 1e-15, `p n=${c.a.length},${c.b.length}`);
		}
	});
	it('PSI at 5, 10 and 20 reference-quantile bins, including a constant reference', () => {
		let checked = 0;
		for (const c of fx.samples) {
			if (!c.psi) continue;
			for (const [bins, value] of Object.entries(c.psi)) {
				expectClose(psi(c.a, c.b, { bins: Number(bins) }), value as number, 1e-9, 1e-15, `psi bins=${bins}`);
				checked++;
			}
		}
		expect(checked).toBeGreaterThan(10);
	});
	it('Wasserstein-1 on samples', () => {
		for (const c of fx.samples) expectClose(wasserstein1(c.a, c.b), c.wasserstein, 1e-9, 1e-14, `n=${c.a.length}`);
	});
	it('Jensen–Shannon divergence, base 2', () => {
		for (const c of fx.js) expectClose(jensenShannonDivergence(c.p, c.q), c.js, 1e-9, 1e-15);
		expect(jensenShannonDivergence([1, 0], [0, 1])).toBeCloseTo(1, 12);
	});
	it('rejects empty, NaN and mismatched input', () => {
		expect(() => ksTwoSample([], [1])).toThrow(/empty/);
		expect(() => psi([1, 2, NaN], [1, 2])).toThrow(/finite/);
		expect(() => jensenShannonDivergence([0.5, 0.5], [1])).toThrow(/same length/);
		expect(() => jensenShannonDivergence([0, 0], [1, 0])).toThrow(/sums to 0/);
		expect(() => wasserstein1([1], [])).toThrow(/empty/);
	});
});

/** First index ≥ `from` at which the detector says 'drift', or −1. */
function firstAlarm(stream: number[], make: () => { update(x: number): string }, from = 0): number {
	const d = make();
	for (let i = 0; i < stream.length; i++) if (d.update(stream[i]) === 'drift' && i >= from) return i;
	return -1;
}

function errorStream(seed: number, n: number, change: number, before: number, after: number): number[] {
	const rng = createRng(seed);
	return Array.from({ length: n }, (_, i) => (rng.next() < (i < change ? before : after) ? 1 : 0));
}

describe('streaming detectors over 200 seeds', () => {
	const seeds = Array.from({ length: 200 }, (_, i) => 1000 + i);
	const detectors = {
		'Page-Hinkley': () => new PageHinkley(pageHinkleyForErrorRate(0.1)),
		DDM: () => new DDM(DDM_RECOMMENDED)
	};
	for (const [name, make] of Object.entries(detectors)) {
		it(`${name} fires within a bounded delay after an abrupt rise in error rate (0.1 → 0.4)`, () => {
			const delays = seeds.map((s) => {
				const stream = errorStream(s, 3000, 1000, 0.1, 0.4);
				const d = make();
				let alarm = -1;
				for (let i = 0; i < stream.length; i++) {
					const state = d.update(stream[i]);
					if (state === 'drift' && i >= 1000) {
						alarm = i;
						break;
					}
				}
				return alarm < 0 ? Infinity : alarm - 1000;
			});
			const detected = delays.filter((d) => d <= 400).length;
			expect(detected / seeds.length).toBeGreaterThanOrEqual(0.95);
			const sorted = delays.slice().sort((a, b) => a - b);
			expect(sorted[Math.floor(sorted.length / 2)]).toBeLessThan(250);
		});
		it(`${name} rarely fires on a stationary stream (error rate 0.1, 2,000 observations)`, () => {
			const falseAlarms = seeds.filter((s) => firstAlarm(errorStream(s, 2000, 2000, 0.1, 0.1), make) >= 0).length;
			expect(falseAlarms / seeds.length).toBeLessThanOrEqual(0.1);
		});
	}
	it("DDM with the paper's defaults (30, 2, 3) false-alarms often: the reason for DDM_RECOMMENDED", () => {
		const falseAlarms = seeds.filter((s) => firstAlarm(errorStream(s, 2000, 2000, 0.1, 0.1), () => new DDM()) >= 0).length;
		expect(falseAlarms / seeds.length).toBeGreaterThan(0.2);
	});
	it('Page-Hinkley reports a change start at or before its alarm', () => {
		for (const s of seeds.slice(0, 50)) {
			const stream = errorStream(s, 3000, 1000, 0.1, 0.4);
			const d = detectors['Page-Hinkley']();
			let seen = 0;
			for (let i = 0; i < stream.length; i++) {
				seen++;
				if (d.update(stream[i]) === 'drift') {
					expect(d.changeStart).toBeGreaterThanOrEqual(1);
					expect(d.changeStart).toBeLessThanOrEqual(seen);
					seen = 0;
				}
			}
		}
	});
	for (const [name, make] of Object.entries({ DDM: detectors.DDM })) {
		it(`${name} estimates where the change began (median within 150 observations)`, () => {
			const errs = seeds.map((s) => {
				const stream = errorStream(s, 3000, 1000, 0.1, 0.4);
				const d = make();
				let seen = 0; // observations since the detector's last reset
				for (let i = 0; i < stream.length; i++) {
					seen++;
					if (d.update(stream[i]) === 'drift') {
						if (i >= 1000) return Math.abs(i - seen + d.changeStart - 1000);
						seen = 0;
					}
				}
				return Infinity;
			});
			errs.sort((a, b) => a - b);
			expect(errs[Math.floor(errs.length / 2)]).toBeLessThan(150);
		});
	}
	it('detectors validate their parameters', () => {
		expect(() => new PageHinkley({ lambda: 0 })).toThrow(/lambda/);
		expect(() => new DDM({ warningLevel: 3, driftLevel: 2 })).toThrow(/driftLevel/);
		expect(() => new DDM().update(0.5)).toThrow(/0\/1/);
	});
});

describe('DDM edge cases (strict comparisons, no minimum at s = 0, testing after minInstances)', () => {
	it('a perfect model never alarms, and one error after a perfect stretch is not an alarm', () => {
		const d = new DDM({ minInstances: 30 });
		for (let i = 0; i < 5000; i++) expect(d.update(0)).toBe('stable');
		const d2 = new DDM(DDM_RECOMMENDED);
		const states: string[] = [];
		for (let i = 0; i < 500; i++) states.push(d2.update(0));
		states.push(d2.update(1));
		for (let i = 0; i < 100; i++) states.push(d2.update(0));
		expect(states.filter((s) => s === 'drift')).toHaveLength(0);
	});
	it('a model with rare errors (1 in 300) rarely alarms: a minimum needs 5 errors (DDM_RECOMMENDED)', () => {
		const seeds = Array.from({ length: 40 }, (_, i) => 300 + i);
		const rate = (make: () => DDM) => seeds.filter((s) => firstAlarm(errorStream(s, 12000, 12000, 1 / 300, 1 / 300), make) >= 0).length / seeds.length;
		const withGuard = rate(() => new DDM(DDM_RECOMMENDED));
		const without = rate(() => new DDM({ ...DDM_RECOMMENDED, minErrors: 1 }));
		expect(withGuard).toBeLessThanOrEqual(0.1);
		expect(without).toBeGreaterThan(withGuard);
	});
	it('tests only after minInstances observations (n > minInstances)', () => {
		// 30 errors then a long correct stretch: with n ≥ 30 tested, the first test sees p = 1, s = 0.
		const d = new DDM({ minInstances: 3 });
		expect([d.update(1), d.update(1), d.update(1)]).toEqual(['stable', 'stable', 'stable']);
		// After minInstances: p = 0.75, s > 0 sets the first minimum; no alarm at that same step.
		expect(d.update(0)).toBe('stable');
	});
	it('still detects a real rise (0.1 → 0.4) within 400 observations on ≥ 95% of seeds', () => {
		let found = 0;
		for (let s = 0; s < 100; s++) {
			const a = firstAlarm(errorStream(500 + s, 3000, 1000, 0.1, 0.4), () => new DDM(DDM_RECOMMENDED), 1000);
			if (a >= 1000 && a < 1400) found++;
		}
		expect(found).toBeGreaterThanOrEqual(95);
	});
});

describe('Page–Hinkley: fixed vs error-rate-scaled δ and λ (10,000-long stationary streams)', () => {
	const seeds = Array.from({ length: 150 }, (_, i) => 7000 + i);
	const rate = (p: number, make: () => PageHinkley) => seeds.filter((s) => firstAlarm(errorStream(s, 10000, 10000, p, p), make) >= 0).length / seeds.length;
	it('fixed δ = 0.005, λ = 25 false-alarms often at error rates 0.1 and 0.2 (what the page states)', () => {
		expect(rate(0.1, () => new PageHinkley(PAGE_HINKLEY_FIXED))).toBeGreaterThan(0.2);
		expect(rate(0.2, () => new PageHinkley(PAGE_HINKLEY_FIXED))).toBeGreaterThan(0.6);
	});
	for (const p of [0.02, 0.1, 0.2, 0.3]) {
		it(`scaled to the error rate ${p}: ≤ 8% false alarms, and it detects p → 2p + 0.1`, () => {
			expect(rate(p, () => new PageHinkley(pageHinkleyForErrorRate(p)))).toBeLessThanOrEqual(0.08);
			const delays = seeds
				.slice(0, 60)
				.map((s) => firstAlarm(errorStream(s, 3000, 1000, p, 2 * p + 0.1), () => new PageHinkley(pageHinkleyForErrorRate(p)), 1000) - 1000);
			delays.sort((a, b) => a - b);
			expect(delays[30]).toBeGreaterThan(0);
			expect(delays[30]).toBeLessThan(250);
		});
	}
});

describe('PSI: empty-bin floor and its null distribution', () => {
	it('an empty bin counts as half an observation', () => {
		const ref = Array.from({ length: 1000 }, (_, i) => i);
		const cur = Array.from({ length: 50 }, () => 5);
		const d = psiDetail(ref, cur, { bins: 10 });
		expect(d.actualCounts).toEqual([50, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
		expect(d.actual[1]).toBeCloseTo(0.5 / 50, 15);
		expect(d.expected[0]).toBeCloseTo(0.1, 15);
	});
	it('chi-square quantiles match scipy', () => {
		for (const c of loadFixtures().distributions.chi2Ppf) expectClose(chiSquarePpf(c.p, c.df), c.x, 1e-9, 1e-12, `chi2.ppf(${c.p}, ${c.df})`);
	});
	it('simulated null mean, variance and quantiles match numpy simulations of the statistic itself', () => {
		for (const c of fx.psiNull) {
			const n = psiNull(c.reference, c.current, c.bins, createRng(3), 20000);
			const label = `n=${c.reference} m=${c.current}`;
			expectClose(n.mean, c.mean, 0.03, 0, `${label} mean`);
			expectClose(n.variance, c.variance, 0.08, 0, `${label} variance`);
			expectClose(psiNullQuantile(n, 0.95), c.q95, 0.04, 0, `${label} q95`);
			expectClose(psiNullQuantile(n, 0.99), c.q99, 0.05, 0, `${label} q99`);
			expectClose(psiNullQuantile(n, 0.999), c.q999, 0.08, 0, `${label} q999`);
		}
	});
	it('batches of 50 against 400 reference rows: the 0.25 rule fires on most drift-free batches; the null quantile does not', () => {
		const rng = createRng(17);
		const nul = psiNull(400, 50, 10, createRng(4));
		const q95 = psiNullQuantile(nul, 0.95);
		const family = psiFamilyCritical(nul, 0.05, 100);
		let over25 = 0;
		let over95 = 0;
		let familyRuns = 0;
		const runs = 60;
		for (let r = 0; r < runs; r++) {
			const ref = Array.from({ length: 400 }, () => rng.normal());
			let anyOver = false;
			for (let b = 0; b < 100; b++) {
				const v = psi(
					ref,
					Array.from({ length: 50 }, () => rng.normal())
				);
				if (b < 20) {
					if (v > 0.25) over25++;
					if (v > q95) over95++;
				}
				if (v > family) anyOver = true;
			}
			if (anyOver) familyRuns++;
		}
		expect(over25 / (runs * 20)).toBeGreaterThan(0.25);
		expect(over95 / (runs * 20)).toBeGreaterThan(0.03);
		expect(over95 / (runs * 20)).toBeLessThan(0.07);
		// The maximum over 100 batches exceeds the family-wise critical value in at most ~5% of drift-free streams.
		expect(familyRuns / runs).toBeLessThanOrEqual(0.1);
	});
	it('validates its sizes', () => {
		expect(() => psiNull(5, 50, 10, createRng(1))).toThrow(/per bin/);
		expect(() => psiFamilyCritical(psiNull(100, 50, 10, createRng(1), 200), 0.05, 0)).toThrow(/comparisons/);
	});
});
