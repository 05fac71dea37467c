/**
 * Places short text labels next to points so that they do not overlap each other or leave the plot: each label
 * tries the right-above, right-below, left-above, left-below and centred-above spots of its point in turn, and is
 * left out (the point keeps its tooltip and the legend) when none is free. Reference lines' labels go in rows above
 * the plot (placeTopLabels).
 */
import { labelWidth } from './scales';

export interface LabelIn {
	id: string;
	/** Point position in pixels. */
	x: number;
	y: number;
	text: string;
}

export interface LabelOut {
	id: string;
	x: number;
	y: number;
	text: string;
	anchor: 'start' | 'end' | 'middle';
}

interface Box {
	x0: number;
	x1: number;
	y0: number;
	y1: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

export function placeLabels(labels: LabelIn[], width: number, height: number, fontPx = 10.5): LabelOut[] {
	const placed: Box[] = [];
	const out: LabelOut[] = [];
	const h = fontPx + 2;
	for (const l of labels) {
		const w = labelWidth(l.text, fontPx);
		const spots: Array<{ x: number; y: number; anchor: LabelOut['anchor']; box: Box }> = [
			{ x: l.x + 7, y: l.y - 6, anchor: 'start', box: { x0: l.x + 7, x1: l.x + 7 + w, y0: l.y - 6 - h + 3, y1: l.y - 6 + 3 } },
			{ x: l.x + 7, y: l.y + 14, anchor: 'start', box: { x0: l.x + 7, x1: l.x + 7 + w, y0: l.y + 14 - h + 3, y1: l.y + 14 + 3 } },
			{ x: l.x - 7, y: l.y - 6, anchor: 'end', box: { x0: l.x - 7 - w, x1: l.x - 7, y0: l.y - 6 - h + 3, y1: l.y - 6 + 3 } },
			{ x: l.x - 7, y: l.y + 14, anchor: 'end', box: { x0: l.x - 7 - w, x1: l.x - 7, y0: l.y + 14 - h + 3, y1: l.y + 14 + 3 } },
			{ x: l.x, y: l.y - 10, anchor: 'middle', box: { x0: l.x - w / 2, x1: l.x + w / 2, y0: l.y - 10 - h + 3, y1: l.y - 10 + 3 } }
		];
		const free = spots.find(
			(s) => s.box.x0 >= -4 && s.box.x1 <= width + 4 && s.box.y0 >= -4 && s.box.y1 <= height + 4 && !placed.some((b) => overlaps(b, s.box))
		);
		if (!free) continue;
		placed.push(free.box);
		out.push({ id: l.id, x: free.x, y: free.y, text: l.text, anchor: free.anchor });
	}
	return out;
}

export interface TopLabel {
	/** The label's item, by its index in the input. */
	index: number;
	text: string;
	/** Where the text is anchored, and the offset of that point from its line (a wider plot keeps the offset). */
	x: number;
	dx: number;
	anchor: 'start' | 'end';
	/** 0: the row nearest the plot. */
	row: number;
}

/**
 * Labels of vertical reference lines, in rows above the plot (never on the data): each starts 3 px right of its line,
 * or ends 3 px left of it where it would pass `right` (and starts at `left` if even that does not fit), and takes
 * the first row in which it overlaps no other label. Returns the labels and the number of rows used. The placement
 * stays valid when the plot is then drawn wider (each label at the same offset `dx` from its line, `right` moved
 * out as much): gaps between lines only grow.
 */
export function placeTopLabels(items: Array<{ x: number; text: string }>, left: number, right: number, fontPx: number): { labels: TopLabel[]; rows: number } {
	const rows: Array<Array<[number, number]>> = [];
	const labels: TopLabel[] = [];
	const order = items.map((it, index) => ({ ...it, index })).sort((a, b) => a.x - b.x);
	for (const it of order) {
		const w = labelWidth(it.text, fontPx);
		let x = it.x + 3;
		let anchor: TopLabel['anchor'] = 'start';
		if (x + w > right) {
			x = it.x - 3;
			anchor = 'end';
			if (x - w < left) {
				x = left;
				anchor = 'start';
			}
		}
		const span: [number, number] = anchor === 'start' ? [x, x + w] : [x - w, x];
		let row = rows.findIndex((r) => r.every(([a, b]) => span[1] + 4 <= a || b + 4 <= span[0]));
		if (row < 0) row = rows.push([]) - 1;
		rows[row].push(span);
		labels.push({ index: it.index, text: it.text, x, dx: x - it.x, anchor, row });
	}
	return { labels, rows: rows.length };
}

/**
 * The part of the segment (x1, y1)–(x2, y2) inside the rectangle [0, width] × [0, height] (Liang–Barsky), or null
 * when none of it is: a line's label goes at the end that is drawn, not where the line leaves the chart.
 */
export function clipSegment(x1: number, y1: number, x2: number, y2: number, width: number, height: number): [number, number, number, number] | null {
	const dx = x2 - x1;
	const dy = y2 - y1;
	let t0 = 0;
	let t1 = 1;
	for (const [p, q] of [
		[-dx, x1],
		[dx, width - x1],
		[-dy, y1],
		[dy, height - y1]
	]) {
		if (p === 0) {
			if (q < 0) return null;
			continue;
		}
		const t = q / p;
		if (p < 0) t0 = Math.max(t0, t);
		else t1 = Math.min(t1, t);
		if (t0 > t1) return null;
	}
	return [x1 + t0 * dx, y1 + t0 * dy, x1 + t1 * dx, y1 + t1 * dy];
}
