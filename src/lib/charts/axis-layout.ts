/**
 * Where an axis puts its tick labels and title, and how much room it takes outside the plot: computed once here and
 * used both by the charts (for their margins) and by Axis.svelte (to draw), so the two always agree. Pure.
 *
 * A title longer than its axis is split in two lines at the space nearest its middle; a line still too long is
 * shortened with "…" (Axis keeps the full title as its tooltip). Sizes follow the chart fonts (presenter mode is
 * larger), so a margin grows with its labels instead of cutting them.
 */
import { labelWidth, logTicks, splitTitle } from './scales';

export interface AxisFonts {
	tick: number;
	title: number;
}

export interface AxisScale {
	(x: number): number;
	ticks(count?: number): number[];
	range(): number[];
	domain(): number[];
}

export interface AxisLayout {
	/** The title's lines (none without a title). */
	lines: string[];
	/** Whether a line had to be shortened. */
	shortened: boolean;
	/** Left axis: the x of each line's baseline (the title is rotated); bottom axis: the y of each line's baseline. */
	pos: number[];
	/** Bottom axis: the tick labels' baseline. */
	tickY: number;
	/** The room the axis takes outside the plot, in pixels: left of its line, or below it. */
	size: number;
}

/** The ticks an axis draws: powers of ten or 1-2-5 multiples on a log scale (logTicks), d3's ticks otherwise. */
export function axisTicks(scale: AxisScale, count: number): number[] {
	if ('base' in scale) {
		const t = logTicks(scale.domain() as [number, number], count + 2);
		if (t.length >= 2) return t;
	}
	return scale.ticks(count);
}

/** `text` cut to at most `room` pixels at `fontPx`, ending in "…" when cut. */
export function shorten(text: string, room: number, fontPx: number): string {
	if (labelWidth(text, fontPx) <= room) return text;
	const keep = Math.max(3, Math.floor(room / labelWidth('x', fontPx)) - 1);
	return `${text.slice(0, keep).trimEnd()}…`;
}

/** A title in at most two lines, each at most `room` pixels wide (shortened with "…" if it must be). */
export function fitTitle(text: string, room: number, fontPx: number): { lines: string[]; shortened: boolean } {
	if (labelWidth(text, fontPx) <= room) return { lines: [text], shortened: false };
	const split = splitTitle(text, room, fontPx);
	const lines = split.map((l) => shorten(l, room, fontPx));
	return { lines, shortened: lines.some((l, i) => l !== split[i]) };
}

/**
 * A left axis: tick labels end 8 px left of the line; the title (rotated) sits beside the widest of them, its lines
 * stacked outwards. `length`: the axis's length in pixels.
 */
export function leftAxisLayout(tickLabels: string[], title: string | undefined, length: number, fonts: AxisFonts): AxisLayout {
	const tickRoom = Math.max(0, ...tickLabels.map((t) => labelWidth(t, fonts.tick))) + 8;
	if (!title) return { lines: [], shortened: false, pos: [], tickY: 0, size: Math.ceil(tickRoom + 4) };
	const { lines, shortened } = fitTitle(title, Math.max(20, length), fonts.title);
	// The baseline nearest the axis; a glyph reaches 0.2 em below its baseline (toward the axis) and 0.8 em above.
	const near = Math.max(40, tickRoom + 8);
	const gap = fonts.title + 2;
	const n = lines.length;
	const pos = lines.map((_, i) => -(near + (n - 1 - i) * gap));
	return { lines, shortened, pos, tickY: 0, size: Math.ceil(near + (n - 1) * gap + 0.8 * fonts.title + 2) };
}

/** A bottom axis: tick labels under the line, the title's lines under them. `length`: the axis's length in pixels. */
export function bottomAxisLayout(title: string | undefined, length: number, fonts: AxisFonts): AxisLayout {
	const tickY = 6 + fonts.tick;
	if (!title) return { lines: [], shortened: false, pos: [], tickY, size: Math.ceil(tickY + 0.3 * fonts.tick + 4) };
	const { lines, shortened } = fitTitle(title, Math.max(20, length), fonts.title);
	const first = tickY + 4 + fonts.title;
	const pos = lines.map((_, i) => first + i * (fonts.title + 1));
	return { lines, shortened, pos, tickY, size: Math.ceil(pos[pos.length - 1] + 0.3 * fonts.title + 4) };
}

export interface PlotFrameInput {
	width: number;
	height: number;
	top: number;
	right: number;
	/** The smallest left and bottom margins (charts side by side keep aligned plots when their labels allow). */
	minLeft: number;
	minBottom: number;
	/** The y axis's tick labels, formatted (ticks depend on the domain only). */
	yTicks: string[];
	yLabel?: string;
	xLabel?: string;
	fonts: AxisFonts;
	/** The plot's least height: the chart grows past `height` rather than squeeze it (a legend of many rows, large fonts). */
	minPlot?: number;
}

export interface PlotFrame {
	/** The chart's height: the one asked for, or more to keep the plot at least `minPlot` high. */
	height: number;
	top: number;
	right: number;
	bottom: number;
	left: number;
	/** The plot's width and height. */
	iw: number;
	ih: number;
	x: AxisLayout;
	y: AxisLayout;
}

/** The plot's width when the y title takes two lines: the narrowest the left axis can make it. */
export function narrowestPlot(o: Omit<PlotFrameInput, 'height' | 'top' | 'minBottom' | 'xLabel'>): number {
	const oneLine = leftAxisLayout(o.yTicks, o.yLabel, Infinity, o.fonts).size;
	const left = Math.max(o.minLeft, oneLine + (o.yLabel ? o.fonts.title + 2 : 0));
	return Math.max(10, o.width - left - o.right);
}

/**
 * A plot's margins from its axes: the bottom one sized for the x title wrapped to the narrowest plot the left axis
 * can leave (so it fits whatever the left axis takes), the left one for the y tick labels and the title wrapped to
 * the plot's height. Pass `x` and `y` to the axes as their `layout`.
 */
export function plotFrame(o: PlotFrameInput): PlotFrame {
	const x = bottomAxisLayout(o.xLabel, narrowestPlot(o), o.fonts);
	const bottom = Math.max(o.minBottom, x.size);
	const height = Math.max(o.height, o.top + bottom + (o.minPlot ?? 0));
	const ih = Math.max(10, height - o.top - bottom);
	const y = leftAxisLayout(o.yTicks, o.yLabel, ih, o.fonts);
	const left = Math.max(o.minLeft, y.size);
	return { height, top: o.top, right: o.right, bottom, left, iw: Math.max(10, o.width - left - o.right), ih, x, y };
}

/**
 * A square plot's side and margins (decision surfaces, contour plots): the largest square that fits with one-line
 * titles, or, when a title needs two lines at that side, the largest that fits with two. `maxSide` caps the side.
 */
export function squareFrame(o: Omit<PlotFrameInput, 'minPlot'> & { maxSide?: number }): PlotFrame {
	const fit = (two: boolean) => {
		const left = Math.max(o.minLeft, leftAxisLayout(o.yTicks, o.yLabel, Infinity, o.fonts).size + (two && o.yLabel ? o.fonts.title + 2 : 0));
		const bottom = Math.max(o.minBottom, bottomAxisLayout(o.xLabel, Infinity, o.fonts).size + (two && o.xLabel ? o.fonts.title + 1 : 0));
		const side = Math.max(40, Math.min(o.width - left - o.right, o.height - o.top - bottom, o.maxSide ?? Infinity));
		return { side, x: bottomAxisLayout(o.xLabel, side, o.fonts), y: leftAxisLayout(o.yTicks, o.yLabel, side, o.fonts) };
	};
	let f = fit(false);
	if (f.x.lines.length > 1 || f.y.lines.length > 1) f = fit(true);
	const bottom = Math.max(o.minBottom, f.x.size);
	return {
		height: o.top + f.side + bottom,
		top: o.top,
		right: o.right,
		bottom,
		left: Math.max(o.minLeft, f.y.size),
		iw: f.side,
		ih: f.side,
		x: f.x,
		y: f.y
	};
}
