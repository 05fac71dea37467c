import { describe, expect, it } from 'vitest';
import { DDM, DDM_RECOMMENDED, PAGE_HINKLEY_RECOMMENDED, PageHinkley } from '../../src/lib/stats/detectors';
import { jensenShannonDivergence, ksTwoSample, psi, wasserstein1 } from '../../src/lib/stats/drift';
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
		'Page-Hinkley': () => new PageHinkley(PAGE_HINKLEY_RECOMMENDED),
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
