/**
 * Filled probability contours of a model's output over a grid, as SVG path strings (D3 computes, Svelte draws).
 * Grid values are row-major, ny rows of nx; cell (c, r) is centred at contour coordinate (c + 0.5, r + 0.5).
 */
import { contours } from 'd3-contour';

export interface GridFrame {
	nx: number;
	ny: number;
	/** Map a contour coordinate (0..nx, 0..ny) to pixels. */
	px: (u: number) => number;
	py: (v: number) => number;
}

export interface ContourBand {
	level: number;
	d: string;
}

function ringPath(ring: number[][], f: GridFrame): string {
	let d = '';
	for (let i = 0; i < ring.length; i++) {
		const [u, v] = ring[i];
		d += `${i === 0 ? 'M' : 'L'}${f.px(u).toFixed(1)},${f.py(v).toFixed(1)}`;
	}
	return `${d}Z`;
}

/** One path per level enclosing the region where value ≥ level. */
export function contourBands(values: ArrayLike<number>, levels: number[], f: GridFrame): ContourBand[] {
	const gen = contours().size([f.nx, f.ny]).thresholds(levels).smooth(true);
	return gen(Array.from(values, (v) => (Number.isFinite(v) ? v : 0))).map((mp) => ({
		level: mp.value,
		d: mp.coordinates.map((poly) => poly.map((ring) => ringPath(ring, f)).join('')).join('')
	}));
}
