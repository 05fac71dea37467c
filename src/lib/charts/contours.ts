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

function ringPath(ring: number[][], f: GridFrame, digits: number): string {
	let d = '';
	for (let i = 0; i < ring.length; i++) {
		const [u, v] = ring[i];
		d += `${i === 0 ? 'M' : 'L'}${f.px(u).toFixed(digits)},${f.py(v).toFixed(digits)}`;
	}
	return `${d}Z`;
}

/** The probability levels a decision surface fills between (its bands). */
export const SURFACE_LEVELS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

/**
 * Bands in the grid's own contour coordinates (u right 0…nx, v up 0…ny): independent of the chart's size, so a
 * worker can compute them with the snapshot and the chart only scales them (an SVG transform).
 */
export function contourBandsOnGrid(values: ArrayLike<number>, levels: number[], nx: number, ny: number): ContourBand[] {
	return contourBands(values, levels, { nx, ny, px: (u) => u, py: (v) => v }, 2);
}

/** One path per level enclosing the region where value ≥ level. */
export function contourBands(values: ArrayLike<number>, levels: number[], f: GridFrame, digits = 1): ContourBand[] {
	const gen = contours().size([f.nx, f.ny]).thresholds(levels).smooth(true);
	return gen(Array.from(values, (v) => (Number.isFinite(v) ? v : 0))).map((mp) => ({
		level: mp.value,
		d: mp.coordinates.map((poly) => poly.map((ring) => ringPath(ring, f, digits)).join('')).join('')
	}));
}
