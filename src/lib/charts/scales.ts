/** Domain helpers for charts (pure). */
export function finiteExtent(arrays: Array<ArrayLike<number>>, positiveOnly = false): [number, number] | null {
	let lo = Infinity;
	let hi = -Infinity;
	for (const a of arrays) {
		for (let i = 0; i < a.length; i++) {
			const v = a[i];
			if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
			if (v < lo) lo = v;
			if (v > hi) hi = v;
		}
	}
	return lo <= hi ? [lo, hi] : null;
}

/** A usable domain: padded, never empty, never NaN. */
export function niceDomain(extent: [number, number] | null, pad = 0.05, fallback: [number, number] = [0, 1]): [number, number] {
	if (!extent) return fallback;
	let [lo, hi] = extent;
	if (lo === hi) {
		const d = Math.abs(lo) > 0 ? Math.abs(lo) * 0.5 : 1;
		return [lo - d, hi + d];
	}
	const span = hi - lo;
	lo -= span * pad;
	hi += span * pad;
	return [lo, hi];
}

export interface LegendItem {
	label: string;
	color: string;
	dash?: string;
	/** The series' stroke width, shown in the key. */
	width?: number;
	x: number;
	y: number;
}

/** Lay legend entries left to right, wrapping at `width`; returns positions and the total height used. */
export function layoutLegend(
	items: Array<{ label: string; color: string; dash?: string; width?: number }>,
	width: number,
	fontPx = 11
): { items: LegendItem[]; height: number } {
	const out: LegendItem[] = [];
	let x = 0;
	let y = 0;
	const row = fontPx + 7;
	for (const it of items) {
		const w = 24 + labelWidth(it.label, fontPx) + 14;
		if (x > 0 && x + w > width) {
			x = 0;
			y += row;
		}
		out.push({ ...it, x, y });
		x += w;
	}
	return { items: out, height: items.length ? y + row : 0 };
}

/**
 * Ticks for a log axis: powers of ten when the domain spans at least two of them; otherwise 1-2-5 multiples, and
 * all 1…9 multiples when even those give fewer than three ticks (a narrow domain such as 0.5…3 gets 0.5, 1, 2, 3).
 */
export function logTicks(domain: [number, number], max = 7): number[] {
	let [lo, hi] = domain;
	if (!(lo > 0 && hi > 0) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
	if (lo > hi) [lo, hi] = [hi, lo];
	const inside = (v: number) => v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9);
	const from = Math.floor(Math.log10(lo));
	const to = Math.ceil(Math.log10(hi));
	const multiples = (ms: number[]) => {
		const out: number[] = [];
		for (let e = from; e <= to; e++)
			for (const m of ms) {
				const v = Number((m * 10 ** e).toPrecision(12));
				if (inside(v)) out.push(v);
			}
		return out;
	};
	for (const ms of [[1], [1, 2, 5], [1, 2, 3, 5], [1, 2, 3, 4, 5, 6, 7, 8, 9]]) {
		const t = multiples(ms);
		if (t.length >= 3 || ms.length === 9) return thinTicks(t, max);
	}
	return [];
}

/** Keep every k-th tick so that at most `max` remain (the first is always kept). */
export function thinTicks(values: number[], max: number): number[] {
	if (values.length <= max || max < 1) return values;
	const k = Math.ceil(values.length / max);
	return values.filter((_, i) => i % k === 0);
}

/** Character widths in em of a wide sans-serif (DejaVu Sans, the widest the chart font falls back to). */
const EM: Record<string, number> = { '%': 0.95, '…': 1, '−': 0.84, '+': 0.84, '=': 0.84, '×': 0.84, ' ': 0.32, '.': 0.32, ',': 0.32, ':': 0.34, '-': 0.36 };
function charEm(c: string): number {
	if (c in EM) return EM[c];
	if (c >= '0' && c <= '9') return 0.64;
	if ("iljI!|'()[]/;".includes(c)) return 0.36;
	if ('frt'.includes(c)) return 0.42;
	if ('mwMW'.includes(c)) return 0.95;
	if (c >= 'A' && c <= 'Z') return 0.72;
	return 0.62;
}

/** Width in pixels of a label at a font size (the axis tick font is 11 px), estimated on the wide side so it fits. */
export function labelWidth(text: string, fontPx = 11): number {
	let em = 0;
	for (const c of text) em += charEm(c);
	return em * fontPx;
}

/** A title too wide for `width` pixels split in two lines at the space nearest its middle. */
export function splitTitle(text: string, width: number, fontPx = 12): string[] {
	if (labelWidth(text, fontPx) <= width) return [text];
	const mid = text.length / 2;
	let best = -1;
	for (let i = 0; i < text.length; i++) if (text[i] === ' ' && (best < 0 || Math.abs(i - mid) < Math.abs(best - mid))) best = i;
	return best < 0 ? [text] : [text.slice(0, best), text.slice(best + 1)];
}

/**
 * Ticks whose labels do not overlap: thins the list until each label's extent along the axis (its width on a bottom
 * axis; `size` gives another, e.g. the font's height on a left axis) plus a gap fits in the spacing between ticks.
 */
export function fitTicks(
	values: number[],
	position: (v: number) => number,
	format: (v: number) => string,
	gap = 8,
	fontPx = 11,
	size: (label: string) => number = (label) => labelWidth(label, fontPx)
): number[] {
	let kept = values;
	for (let k = 1; k <= values.length; k++) {
		kept = values.filter((_, i) => i % k === 0);
		let ok = true;
		for (let i = 1; i < kept.length && ok; i++) {
			const room = Math.abs(position(kept[i]) - position(kept[i - 1]));
			if (room < (size(format(kept[i])) + size(format(kept[i - 1]))) / 2 + gap) ok = false;
		}
		if (ok) return kept;
	}
	return kept;
}
