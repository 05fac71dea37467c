import { describe, expect, it } from 'vitest';
import { fmtDuration, remainingMs } from '../../src/lib/progress';
import { plural } from '../../src/lib/format';

describe('time left and durations in words', () => {
	it('extrapolates the pace so far, and waits for enough to go on', () => {
		expect(remainingMs(10_000, 0.25)).toBeCloseTo(30_000, 6);
		expect(remainingMs(10_000, 1)).toBe(0);
		expect(remainingMs(10_000, 0.001)).toBeNull();
		expect(remainingMs(100, 0.5)).toBeNull();
		expect(remainingMs(NaN, 0.5)).toBeNull();
	});
	it('says durations the way people do', () => {
		expect(fmtDuration(300)).toBe('under a second');
		expect(fmtDuration(42_400)).toBe('about 42 s');
		expect(fmtDuration(3.4 * 60_000)).toBe('about 3 min');
		expect(fmtDuration(2 * 3_600_000 + 10 * 60_000)).toBe('about 2 h 10 min');
		expect(fmtDuration(3_600_000)).toBe('about 1 h');
		expect(fmtDuration(-1)).toBe('–');
	});
	it('counts with the noun in the right number', () => {
		expect(plural(1, 'false negative')).toBe('1 false negative');
		expect(plural(3, 'false negative')).toBe('3 false negatives');
		expect(plural(2, 'batch')).toBe('2 batches');
		expect(plural(1200, 'batch')).toBe('1,200 batches');
	});
});

import { fitTicks, logTicks, thinTicks } from '../../src/lib/charts/scales';

describe('axis ticks that can be read', () => {
	it('log axes get more than one tick on narrow domains', () => {
		expect(logTicks([0.5, 16])).toEqual([0.5, 1, 2, 5, 10]);
		expect(logTicks([1e-4, 10])).toEqual([1e-4, 1e-3, 0.01, 0.1, 1, 10]);
		expect(logTicks([20_000, 300_000])).toEqual([20_000, 50_000, 100_000, 200_000]);
		expect(logTicks([1.1, 1.9]).length).toBeGreaterThanOrEqual(0);
		expect(logTicks([0, 1])).toEqual([]);
		expect(thinTicks([1, 2, 3, 4, 5, 6, 7, 8, 9], 3)).toEqual([1, 4, 7]);
	});
	it('bottom-axis labels are thinned until they do not overlap', () => {
		const values = [0, 2e6, 4e6, 6e6, 8e6, 1e7, 1.2e7, 1.4e7];
		const pos = (v: number) => (v / 1.4e7) * 120; // 120 px wide
		const kept = fitTicks(values, pos, (v) => v.toExponential(1));
		expect(kept.length).toBeLessThan(values.length);
		for (let i = 1; i < kept.length; i++) expect(pos(kept[i]) - pos(kept[i - 1])).toBeGreaterThan(7 * 10.5 * 0.6);
	});
});

import { placeLabels } from '../../src/lib/charts/label-layout';

describe('point labels do not pile up', () => {
	it('moves a label to a free spot or leaves it out; never two overlapping', () => {
		const pts = [
			{ id: 'a', x: 100, y: 50, text: 'fp16' },
			{ id: 'b', x: 102, y: 51, text: 'int8' },
			{ id: 'c', x: 101, y: 52, text: 'pruned' },
			{ id: 'd', x: 104, y: 50, text: '−50% neurons' },
			{ id: 'e', x: 400, y: 150, text: 'int2' }
		];
		const out = placeLabels(pts, 300, 200);
		expect(out.find((l) => l.id === 'a')).toBeTruthy();
		expect(out.find((l) => l.id === 'e')).toBeUndefined(); // outside the plot
		const boxes = out.map((l) => {
			const w = l.text.length * 6.3;
			const x0 = l.anchor === 'start' ? l.x : l.anchor === 'end' ? l.x - w : l.x - w / 2;
			return { x0, x1: x0 + w, y0: l.y - 10, y1: l.y + 2 };
		});
		for (let i = 0; i < boxes.length; i++)
			for (let j = i + 1; j < boxes.length; j++) {
				const [p, q] = [boxes[i], boxes[j]];
				expect(p.x0 < q.x1 && q.x0 < p.x1 && p.y0 < q.y1 && q.y0 < p.y1, `${out[i].text} / ${out[j].text}`).toBe(false);
			}
	});
});
