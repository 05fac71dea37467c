import { describe, expect, it } from 'vitest';
import { scaleLinear, scaleLog } from 'd3-scale';
import { axisTicks, bottomAxisLayout, fitTitle, leftAxisLayout, plotFrame, squareFrame } from '../../src/lib/charts/axis-layout';
import { labelWidth } from '../../src/lib/charts/scales';

const DESK = { tick: 11, title: 12 };
const PRESENT = { tick: 16, title: 17 };

describe('label widths are estimated on the wide side', () => {
	// Widths measured in Chromium at 100 px in the chart font as it falls back on Linux (DejaVu Sans, the widest).
	const measured: Array<[string, number]> = [
		['100%', 286],
		['0.25', 223],
		['1e-4', 225],
		['−2.00%', 401],
		['always-valid p', 712],
		['value lost (conversions)', 1193],
		['Sparsity (share of weights or neurons removed)', 2389],
		['ship', 207]
	];
	it.each(measured)('%s', (text, px) => {
		expect(labelWidth(text, 100)).toBeGreaterThanOrEqual(px * 0.99);
		expect(labelWidth(text, 100)).toBeLessThanOrEqual(px * 1.15);
	});
});

describe('axis titles fit their axis', () => {
	it('a title that fits stays on one line; a longer one takes two, each within the room', () => {
		expect(fitTitle('hour', 200, 12)).toEqual({ lines: ['hour'], shortened: false });
		const t = fitTitle('Sparsity (share of weights or neurons removed)', 200, 12);
		expect(t.lines).toHaveLength(2);
		expect(t.shortened).toBe(false);
		for (const l of t.lines) expect(labelWidth(l, 12)).toBeLessThanOrEqual(200);
		expect(t.lines.join(' ')).toBe('Sparsity (share of weights or neurons removed)');
	});
	it('only a title too long for two lines is shortened, with "…", and says so', () => {
		const t = fitTitle('value lost against serving the better model (conversions)', 90, 12);
		expect(t.shortened).toBe(true);
		expect(t.lines.some((l) => l.endsWith('…'))).toBe(true);
		for (const l of t.lines) expect(labelWidth(l, 12)).toBeLessThanOrEqual(90);
	});
	it('a left axis is as wide as its widest tick label and its title lines, which clear the tick labels', () => {
		const ticks = ['1', '0.1', '0.01', '1e-3', '1e-4'];
		for (const fonts of [DESK, PRESENT]) {
			const widest = Math.max(...ticks.map((t) => labelWidth(t, fonts.tick)));
			for (const length of [400, 90]) {
				const l = leftAxisLayout(ticks, 'always-valid p', length, fonts);
				expect(l.lines.length).toBeGreaterThanOrEqual(1);
				// Lines' glyphs run from 0.8 em outside their baseline to 0.2 em inside it (rotated text).
				const outer = -Math.min(...l.pos) + 0.8 * fonts.title;
				const inner = -Math.max(...l.pos) - 0.2 * fonts.title;
				expect(outer).toBeLessThanOrEqual(l.size);
				expect(inner).toBeGreaterThanOrEqual(widest + 8 + 2);
				for (const line of l.lines) expect(labelWidth(line, fonts.title)).toBeLessThanOrEqual(Math.max(20, length));
			}
		}
		// On a short axis the title takes two lines rather than being cut.
		const short = leftAxisLayout(ticks, 'value lost (conversions)', 120, DESK);
		expect(short.lines).toEqual(['value lost', '(conversions)']);
		expect(short.shortened).toBe(false);
	});
	it('presenter fonts make the axes take more room', () => {
		const ticks = ['0%', '50%', '100%'];
		expect(leftAxisLayout(ticks, 'share', 200, PRESENT).size).toBeGreaterThan(leftAxisLayout(ticks, 'share', 200, DESK).size);
		expect(bottomAxisLayout('hour', 300, PRESENT).size).toBeGreaterThan(bottomAxisLayout('hour', 300, DESK).size);
		// Without a title a left axis is its tick labels' width and a gap.
		expect(leftAxisLayout(ticks, undefined, 200, PRESENT).size).toBeGreaterThanOrEqual(labelWidth('100%', 16) + 8);
	});
	it('a bottom axis: tick labels under the line, title lines under them, all inside its size', () => {
		for (const fonts of [DESK, PRESENT]) {
			const b = bottomAxisLayout('Sparsity (share of weights or neurons removed)', 180, fonts);
			expect(b.lines).toHaveLength(2);
			expect(b.pos[0] - fonts.title * 0.8).toBeGreaterThanOrEqual(b.tickY + 0.2 * fonts.tick);
			expect(b.pos[1] - b.pos[0]).toBeGreaterThanOrEqual(fonts.title);
			expect(b.pos[1] + 0.25 * fonts.title).toBeLessThanOrEqual(b.size);
		}
	});
});

describe('a plot frame makes room for its axes', () => {
	const base = { width: 330, height: 230, top: 70, right: 14, minLeft: 64, minBottom: 42, yTicks: ['1', '0.1', '1e-4'] };
	it('the titles fit the plot they get; the margins are never below the minimum', () => {
		for (const fonts of [DESK, PRESENT]) {
			const f = plotFrame({ ...base, fonts, yLabel: 'value lost (conversions)', xLabel: 'Sparsity (share of weights or neurons removed)' });
			expect(f.left).toBeGreaterThanOrEqual(64);
			expect(f.bottom).toBeGreaterThanOrEqual(42);
			expect(f.left).toBeGreaterThanOrEqual(f.y.size);
			expect(f.bottom).toBeGreaterThanOrEqual(f.x.size);
			expect(f.iw).toBe(base.width - f.left - base.right);
			expect(f.ih).toBe(f.height - base.top - f.bottom);
			for (const l of f.x.lines) expect(labelWidth(l, fonts.title)).toBeLessThanOrEqual(f.iw);
			for (const l of f.y.lines) expect(labelWidth(l, fonts.title)).toBeLessThanOrEqual(f.ih);
		}
	});
	it('a chart grows rather than squeeze its plot below minPlot', () => {
		const f = plotFrame({ ...base, top: 150, fonts: PRESENT, xLabel: 'hour', minPlot: 115 });
		expect(f.ih).toBeGreaterThanOrEqual(115);
		expect(f.height).toBeGreaterThan(base.height);
		expect(plotFrame({ ...base, top: 20, fonts: DESK, minPlot: 115 }).height).toBe(base.height);
	});
	it('a square plot fits the width and height it is given, titles included', () => {
		for (const fonts of [DESK, PRESENT]) {
			const f = squareFrame({ ...base, top: 6, height: 300, fonts, yLabel: 'principal component 2 (31% of the variance)', xLabel: 'x1' });
			expect(f.iw).toBe(f.ih);
			expect(f.left + f.iw + f.right).toBeLessThanOrEqual(base.width);
			expect(f.height).toBeLessThanOrEqual(300);
			for (const l of f.y.lines) expect(labelWidth(l, fonts.title)).toBeLessThanOrEqual(f.ih);
		}
	});
});

describe('axis ticks', () => {
	it('a log axis gets powers of ten, a linear one d3 ticks', () => {
		expect(axisTicks(scaleLog().domain([1e-4, 1.5]), 5)).toEqual([1e-4, 1e-3, 0.01, 0.1, 1]);
		expect(axisTicks(scaleLinear().domain([0, 1]), 2)).toEqual([0, 0.5, 1]);
	});
});
