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
	x: number;
	y: number;
}

/** Lay legend entries left to right, wrapping at `width`; returns positions and the total height used. */
export function layoutLegend(items: Array<{ label: string; color: string; dash?: string }>, width: number, fontPx = 11): { items: LegendItem[]; height: number } {
	const out: LegendItem[] = [];
	let x = 0;
	let y = 0;
	const row = fontPx + 7;
	for (const it of items) {
		const w = 22 + it.label.length * fontPx * 0.58 + 14;
		if (x > 0 && x + w > width) {
			x = 0;
			y += row;
		}
		out.push({ ...it, x, y });
		x += w;
	}
	return { items: out, height: items.length ? y + row : 0 };
}
