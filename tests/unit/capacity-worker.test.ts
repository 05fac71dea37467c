/**
 * The capacity lab's worker run (src/lib/labs/capacity/worker/run.ts) and sweep runs, its URL settings and its
 * sentences: stages in order with progress, replicate seeds as the sweep's, cancellation, validation; the sweep's
 * metrics from one curve; the sentences' three verdicts and the decomposition sentence's numbers.
 */
import { describe, expect, it } from 'vitest';
import { runCapacity, validateCapacityConfig } from '../../src/lib/labs/capacity/worker/run';
import { curveMetrics, runCapacitySweep } from '../../src/lib/labs/capacity/worker/sweep';
import { capacitySchema, sweepRequest, toConfig, type CapacityParams } from '../../src/lib/labs/capacity/params';
import { capacityCurve } from '../../src/lib/labs/capacity/curve';
import { peakComparison } from '../../src/lib/labs/capacity/evidence';
import { inspectionSentence, interpolationSentence, peakSentence } from '../../src/lib/labs/capacity/summary';
import { runFraction } from '../../src/lib/labs/capacity/progress';
import { mixSeed } from '../../src/lib/data/rng';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import type { CapacityProgress } from '../../src/lib/labs/capacity/types';

const defaults = Object.fromEntries(Object.entries(capacitySchema).map(([k, s]) => [k, s.default])) as CapacityParams;
const light = (extra: Partial<CapacityParams> = {}) => toConfig({ ...defaults, seeds: 3, sets: 20, gsets: 10, ...extra });

describe('the capacity run', () => {
	it('runs its four stages in order, reporting progress, with replicate r on mixSeed(seed, r)', async () => {
		const reports: CapacityProgress[] = [];
		const config = light();
		const r = await runCapacity(config, { onProgress: (p) => reports.push(p), reportMs: 0 });
		expect(r.curves).toHaveLength(3);
		expect(r.samples).toHaveLength(3);
		expect(r.decomposition.map((d) => d.p)).toEqual(config.capacities);
		expect(r.inspect?.p).toBe(42);
		expect(r.inspect?.slice.fits).toHaveLength(8);
		expect(r.timings.map((t) => t.stage)).toEqual(['inspect', 'curve', 'decomposition', 'sample']);
		const again = capacityCurve({ ...config.model, n: config.n, capacities: config.capacities }, mixSeed(config.seed, 1));
		expect(r.curves[1].points.map((q) => q.testMse)).toEqual(again.points.map((q) => q.testMse));
		// Progress: the inspected capacity first, then the curve seed by seed; the fraction never goes back.
		expect(reports.find((q) => q.partial.inspect !== null)!.partial.curves).toHaveLength(0);
		const first = reports.find((q) => q.partial.curves.length > 0)!;
		expect(first.stage).toBe('curve');
		expect(first.partial.curves).toHaveLength(1);
		const fractions = reports.map(runFraction);
		for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1] - 1e-12);
		expect(fractions.at(-1)).toBeCloseTo(1, 10);
	});

	it('stops at its next checkpoint when told to', async () => {
		let calls = 0;
		await expect(runCapacity(light({ seeds: 20 }), { shouldStop: () => ++calls > 2 })).rejects.toThrow(/Superseded/);
	});

	it('refuses impossible settings in words', () => {
		expect(() => validateCapacityConfig({ ...light(), seeds: 0 })).toThrow(/seeds/);
		expect(() => validateCapacityConfig({ ...light(), trainingSets: 1 })).toThrow(/2 to/);
		expect(() => validateCapacityConfig({ ...light(), gridSets: 1 })).toThrow(/0 \(none\)/);
		expect(() => validateCapacityConfig({ ...light(), p: 0 })).toThrow(/at least 1/);
	});

	it('keeps every setting in its bounds, and the inspected p beyond the grid widens the features', () => {
		const c = toConfig({ ...defaults, p: 800 });
		expect(c.model.maxP).toBe(800);
		expect(c.capacities.at(-1)).toBe(160);
		expect(toConfig({ ...defaults, n: 10 }).capacities[0]).toBe(1);
	});
});

describe('the capacity sweep', () => {
	it('reports one curve’s metrics for one seed, as the lab computes them', async () => {
		const req = sweepRequest({ ...defaults, seed: 77 }, 5);
		const out: Array<[number, Record<string, number>[]]> = [];
		await runCapacitySweep([req], NEVER_STALE, (id, arms) => out.push([id, arms]));
		const curve = capacityCurve({ ...req.config.model, n: req.config.n, capacities: req.config.capacities }, 77);
		expect(out).toEqual([[5, [curveMetrics(curve, 40)]]]);
		const m = out[0][1][0];
		const err = (x: number) => curve.points.find((q) => q.x === x)!.testMse;
		expect(m.threshold).toBeCloseTo(Math.log10(Math.sqrt(err(38) * err(42))), 12);
		expect(m.peak).toBeCloseTo(m.threshold - Math.log10(Math.max(err(20), err(160))), 12);
		expect(m.wide).toBeCloseTo(Math.log10(err(160)), 12);
	});
});

describe('the capacity sentences', () => {
	const curves = (extra: Record<string, unknown>) => {
		const c = light(extra as Partial<CapacityParams>);
		return Array.from({ length: 12 }, (_, r) => capacityCurve({ ...c.model, n: c.n, capacities: c.capacities }, mixSeed(3, r)));
	};
	it('says peak, no peak, or not distinguishable, with the counts and the test', () => {
		const peak = peakComparison(curves({}), 40)!;
		expect(peak.verdict).toBe('peak');
		expect(peakSentence(peak, 'p')).toMatch(/^A peak at the threshold: .* in \d+ of 12 seeds .*exact sign test/);
		const none = peakComparison(curves({ noise: 0 }), 40)!;
		expect(none.verdict).toBe('no-peak');
		expect(peakSentence(none, 'p')).toMatch(/^No peak at the threshold/);
		const unclear = { ...peak, above_: 7, below_: 5, p: 0.77, verdict: 'not-distinguishable' as const };
		expect(peakSentence(unclear, 'p')).toMatch(/not distinguishable with these runs/);
		expect(peakSentence(unclear, 'p')).not.toMatch(/no difference|no peak/i);
	});

	it('says where the fits interpolate, and that ridge never does', () => {
		expect(interpolationSentence(curves({}), 40, 0)).toMatch(/^From p = 42 on, every fit passes through all 40 training points/);
		expect(interpolationSentence(curves({ ridge: 0.05 }), 40, 0.05)).toMatch(/no capacity fits the 40 training points exactly/);
	});

	it('words the decomposition from its numbers', async () => {
		const r = await runCapacity(light());
		const s = inspectionSentence(r.inspect!);
		expect(s).toContain(`over 20 training sets`);
		expect(s).toMatch(/Variance dominates/);
		const under = await runCapacity(light({ p: 3 }));
		expect(inspectionSentence(under.inspect!)).toMatch(/Bias dominates/);
	});
});
