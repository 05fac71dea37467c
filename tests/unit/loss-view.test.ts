import { describe, expect, it } from 'vitest';
import { lossView, oscillates } from '../../src/lib/labs/scaling/loss-view';

const smooth = (from: number, to: number, n = 300) => Array.from({ length: n }, (_, k) => to + (from - to) * Math.exp(-k / 30));
const saw = (n = 300) => Array.from({ length: n }, (_, k) => (k % 3 === 0 ? 15 : 0.6 + (k % 3)));

describe('loss curves chart: oscillating and diverging runs do not squeeze the others', () => {
	it('recognises a sawtooth but not a converging curve', () => {
		expect(oscillates(saw())).toBe(true);
		expect(oscillates(smooth(0.69, 0.55))).toBe(false);
		expect(oscillates([1, 2])).toBe(false);
	});
	it('fits the range to the converging runs and names the others with the reason', () => {
		const v = lossView([
			{ id: 'standard', loss: smooth(0.69, 0.55), divergedAt: null, test: null },
			{ id: 'minmax', loss: smooth(0.69, 0.6), divergedAt: null, test: null },
			{ id: 'log', loss: saw(), divergedAt: null, test: null },
			{ id: 'none', loss: [0.69, 40, Infinity], divergedAt: 1, test: null }
		]);
		expect(v.domain[1]).toBeLessThan(2);
		expect(v.domain[1] / v.domain[0]).toBeGreaterThanOrEqual(3 - 1e-9);
		expect(v.behaviours).toEqual({ standard: 'converging', minmax: 'converging', log: 'oscillating', none: 'diverged' });
		expect(v.offChart).toEqual([
			{ id: 'log', reason: 'oscillating' },
			{ id: 'none', reason: 'diverged' }
		]);
	});
});
