import { describe, expect, it } from 'vitest';
import { clipSegment, placeTopLabels, type TopLabel } from '../../src/lib/charts/label-layout';
import { labelWidth } from '../../src/lib/charts/scales';
import { createRng } from '../../src/lib/data/rng';

const span = (l: TopLabel, font: number): [number, number] => {
	const w = labelWidth(l.text, font);
	return l.anchor === 'start' ? [l.x, l.x + w] : [l.x - w, l.x];
};

function expectValid(labels: TopLabel[], left: number, right: number, font: number) {
	for (const l of labels) {
		const [a, b] = span(l, font);
		expect(a).toBeGreaterThanOrEqual(left - 1e-9);
		expect(b).toBeLessThanOrEqual(right + 1e-9);
	}
	for (let i = 0; i < labels.length; i++)
		for (let j = i + 1; j < labels.length; j++) {
			if (labels[i].row !== labels[j].row) continue;
			const [a0, a1] = span(labels[i], font);
			const [b0, b1] = span(labels[j], font);
			expect(a1 <= b0 || b1 <= a0, `${labels[i].text} and ${labels[j].text} overlap`).toBe(true);
		}
}

describe('reference-line labels above the plot', () => {
	it("a label at the right edge ends left of its line instead of leaving the chart (ε-greedy's 'ship' at the last hour)", () => {
		const { labels, rows } = placeTopLabels([{ x: 270, text: 'ship' }], 0, 270 + 12, 10.5);
		expect(rows).toBe(1);
		expect(labels[0].anchor).toBe('end');
		expect(labels[0].x).toBeLessThan(270);
		expectValid(labels, 0, 282, 10.5);
	});
	it("the canary's stages share one row when they fit, and take a second only when they would overlap", () => {
		const stages = [
			{ x: 80, text: '5%' },
			{ x: 160, text: '25%' },
			{ x: 240, text: '50%' }
		];
		expect(placeTopLabels(stages, 0, 330, 10.5).rows).toBe(1);
		const crowded = placeTopLabels(
			stages.map((s) => ({ ...s, x: s.x / 8 })),
			0,
			330,
			15
		);
		expect(crowded.rows).toBeGreaterThan(1);
		expectValid(crowded.labels, 0, 330, 15);
		expect(crowded.labels.map((l) => l.index).sort()).toEqual([0, 1, 2]);
	});
	it('never overlapping, always inside, and still so when the plot is then drawn wider (random cases)', () => {
		const rng = createRng(7);
		const words = ['ship', 'stop', '5%', '25%', '50%', 'threshold 0.5', 'A/B ends'];
		for (let k = 0; k < 300; k++) {
			const width = 60 + rng.next() * 400;
			const font = rng.next() < 0.5 ? 10.5 : 15;
			const items = Array.from({ length: 1 + Math.floor(rng.next() * 6) }, () => ({
				x: rng.next() * width,
				text: words[Math.floor(rng.next() * words.length)]
			}));
			const right = width + 12;
			const { labels } = placeTopLabels(items, 0, right, font);
			expect(labels).toHaveLength(items.length);
			if (labels.some((l) => labelWidth(l.text, font) > right)) continue;
			expectValid(labels, 0, right, font);
			// The chart then gives the plot more width (the y axis took less than the most it could).
			const grow = rng.next() * 40;
			const scale = (width + grow) / width;
			const wider = labels.map((l) => ({ ...l, x: items[l.index].x * scale + l.dx }));
			expectValid(wider, 0, right + grow, font);
		}
	});
});

describe('a line that leaves the plot is labelled where it is drawn', () => {
	it('clips a segment to the plot, or gives null when it misses it', () => {
		// The drift lab's boundaries run from far outside the axes' range through the plot.
		expect(clipSegment(-500, 100, 900, 100, 300, 200)).toEqual([0, 100, 300, 100]);
		expect(clipSegment(150, -400, 150, 700, 300, 200)).toEqual([150, 0, 150, 200]);
		const d = clipSegment(-100, -100, 400, 400, 300, 200)!;
		expect(d.map((v) => Math.round(v))).toEqual([0, 0, 200, 200]);
		expect(clipSegment(-50, -50, -10, 300, 300, 200)).toBeNull();
		expect(clipSegment(10, 20, 30, 40, 300, 200)).toEqual([10, 20, 30, 40]);
	});
});
