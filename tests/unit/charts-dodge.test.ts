import { describe, expect, it } from 'vitest';
import { chartOf, DODGE_PX, type MetricSummary } from '../../src/lib/sweep/chart-data';
import { summarise } from '../../src/lib/sweep/summary';
import type { SweepMetric } from '../../src/lib/sweep/lab-sweep';
import type { SweepRun } from '../../src/lib/sweep/plan';

const metric: SweepMetric = { id: 'accuracy', label: 'Test accuracy', short: 'Accuracy', kind: 'mean', bounds: [0, 1], note: '' };
const values = [0, 0.25, 0.5, 0.75, 0.9];

/** A sweep of `arms` arms over the compression lab's sparsities, 3 seeds each, with made-up accuracies. */
function sweep(arms: number): MetricSummary {
	const runs: SweepRun[] = values.flatMap((value, point) => [0, 1, 2].map((replicate) => ({ point, value, replicate, seed: replicate + 1 })));
	const results = runs.map((r) => Array.from({ length: arms }, (_, a) => 0.8 - 0.2 * Number(r.value) + 0.01 * a + 0.005 * r.replicate));
	return { metric, points: summarise(values, runs, results, arms, 3, metric) };
}

describe('sweep charts: arms side by side without moving their values', () => {
	it('four arms: every mark at its value, dodged a few pixels apart on screen, symmetric about the value', () => {
		const c = chartOf(sweep(4), [{ label: 'a' }, { label: 'b' }, { label: 'c' }, { label: 'd' }], ['#1', '#2', '#3', '#4']);
		const points = values.map((_, i) => i);
		for (const s of c.series) for (let i = 0; i < s.x.length; i++) expect(points).toContain(s.x[i]);
		const centres = c.series.filter((s) => s.id.startsWith('center-'));
		const dx = centres.map((s) => s.dx ?? 0);
		expect(new Set(dx).size).toBe(4);
		expect(dx.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
		for (const d of dx) expect(Math.abs(d)).toBeLessThanOrEqual(1.5 * DODGE_PX);
		// Each arm's error bars and seed dots sit with its centre.
		for (const [a, centre] of centres.entries()) {
			for (const bar of c.series.filter((s) => s.id.startsWith(`bar-${a}-`))) expect(bar.dx).toBe(centre.dx);
			const seeds = c.series.find((s) => s.id === `seeds-${a}`)!;
			expect(Math.abs((seeds.dx ?? 0) - (centre.dx ?? 0))).toBeLessThan(DODGE_PX / 2);
		}
	});
	it('two arms (bands): centres exactly at the value, seeds a few pixels either side', () => {
		const c = chartOf(sweep(2), [{ label: 'A' }, { label: 'B' }], ['#1', '#2']);
		for (const s of c.series.filter((s) => s.id.startsWith('center-'))) expect(s.dx ?? 0).toBe(0);
		const seeds = c.series.filter((s) => s.id.startsWith('seeds-')).map((s) => s.dx ?? 0);
		expect(seeds[0]).toBeLessThan(0);
		expect(seeds[1]).toBeGreaterThan(0);
		for (const b of c.bands) expect(Array.from(b.x)).toEqual(values.map((_, i) => i));
	});
});
