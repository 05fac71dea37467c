/**
 * The loss surface of a two-weight logistic model without intercept, L(w_a, w_b) = mean softplus(−s·z) with
 * z = w_a·x_a + w_b·x_b and s = ±1 the label, on given (raw or scaled) feature columns; the optimum (Newton's method),
 * the Hessian's condition number there, and the path of plain gradient descent from (0, 0) at a given learning rate.
 * Gradient descent needs about κ (the condition number) steps to converge and diverges once lr exceeds 2/λ_max: the
 * elongated valleys of unscaled features make κ huge and force a tiny learning rate. (The logistic loss has a bounded
 * gradient, so too large a step makes gradient descent oscillate with a huge loss rather than run off to infinity;
 * `diverged` below means the loss rose far above where it started.)
 */

/** A run has diverged when its loss is non-finite or far above where it started. */
export function exploded(loss: number, start: number): boolean {
	return !Number.isFinite(loss) || loss > Math.max(50, 10 * start);
}
import type { Surface } from '../types';
import type { ScalerKind } from '$lib/features/scaling';

function softplus(z: number): number {
	return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
	return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export interface Problem {
	xa: Float64Array;
	xb: Float64Array;
	/** ±1 labels. */
	s: Float64Array;
}

export function problem(rows: number[][], y: ArrayLike<number>, a: number, b: number): Problem {
	const n = rows.length;
	const xa = new Float64Array(n);
	const xb = new Float64Array(n);
	const s = new Float64Array(n);
	for (let i = 0; i < n; i++) {
		xa[i] = rows[i][a];
		xb[i] = rows[i][b];
		s[i] = y[i] ? 1 : -1;
	}
	return { xa, xb, s };
}

export function loss(p: Problem, wa: number, wb: number): number {
	let t = 0;
	for (let i = 0; i < p.s.length; i++) t += softplus(-p.s[i] * (wa * p.xa[i] + wb * p.xb[i]));
	return t / p.s.length;
}

/** Gradient and Hessian of the mean loss. */
export function derivatives(p: Problem, wa: number, wb: number): { g: [number, number]; h: [number, number, number] } {
	let ga = 0;
	let gb = 0;
	let haa = 0;
	let hab = 0;
	let hbb = 0;
	const n = p.s.length;
	for (let i = 0; i < n; i++) {
		const z = wa * p.xa[i] + wb * p.xb[i];
		const q = sigmoid(z);
		const r = q - (p.s[i] > 0 ? 1 : 0);
		ga += r * p.xa[i];
		gb += r * p.xb[i];
		const w = q * (1 - q);
		haa += w * p.xa[i] * p.xa[i];
		hab += w * p.xa[i] * p.xb[i];
		hbb += w * p.xb[i] * p.xb[i];
	}
	return { g: [ga / n, gb / n], h: [haa / n, hab / n, hbb / n] };
}

export function eigenvalues2(h: [number, number, number]): [number, number] {
	const [a, b, d] = h;
	const tr = a + d;
	const disc = Math.sqrt(Math.max(0, ((a - d) / 2) ** 2 + b * b));
	return [tr / 2 + disc, tr / 2 - disc];
}

/** Newton's method with step halving from (0, 0). */
export function optimum(p: Problem): [number, number] {
	let w: [number, number] = [0, 0];
	let f = loss(p, 0, 0);
	for (let it = 0; it < 100; it++) {
		const { g, h } = derivatives(p, w[0], w[1]);
		const det = h[0] * h[2] - h[1] * h[1];
		if (!(Math.abs(det) > 1e-300)) break;
		const step: [number, number] = [(h[2] * g[0] - h[1] * g[1]) / det, (h[0] * g[1] - h[1] * g[0]) / det];
		let t = 1;
		let next: [number, number] = [w[0] - step[0], w[1] - step[1]];
		let fn = loss(p, next[0], next[1]);
		while (!(fn <= f) && t > 1e-8) {
			t /= 2;
			next = [w[0] - t * step[0], w[1] - t * step[1]];
			fn = loss(p, next[0], next[1]);
		}
		if (!(fn <= f)) break;
		const done = f - fn < 1e-14;
		w = next;
		f = fn;
		if (done) break;
	}
	return w;
}

export function surface(p: Problem, scaler: ScalerKind, lr: number, steps: number, grid = 61): Surface {
	const opt = optimum(p);
	const minLoss = loss(p, opt[0], opt[1]);
	const [l1, l2] = eigenvalues2(derivatives(p, opt[0], opt[1]).h);
	// Square window (same units on both axes, so elongation is visible) containing (0, 0) and the optimum.
	const lo = [Math.min(0, opt[0]), Math.min(0, opt[1])];
	const hi = [Math.max(0, opt[0]), Math.max(0, opt[1])];
	const span = 1.6 * Math.max(hi[0] - lo[0], hi[1] - lo[1], 1e-12);
	const mid = [(lo[0] + hi[0]) / 2, (lo[1] + hi[1]) / 2];
	const wa: [number, number] = [mid[0] - span / 2, mid[0] + span / 2];
	const wb: [number, number] = [mid[1] - span / 2, mid[1] + span / 2];
	const values = new Float32Array(grid * grid);
	let maxLoss = -Infinity;
	for (let r = 0; r < grid; r++) {
		for (let c = 0; c < grid; c++) {
			const v = loss(p, wa[0] + ((c + 0.5) / grid) * span, wb[0] + ((r + 0.5) / grid) * span);
			values[r * grid + c] = v;
			if (v > maxLoss) maxLoss = v;
		}
	}
	// Plain gradient descent from the origin.
	const path: Array<[number, number]> = [[0, 0]];
	let w: [number, number] = [0, 0];
	const start = loss(p, 0, 0);
	let divergedAt: number | null = null;
	let stepsToOptimum: number | null = null;
	for (let k = 1; k <= steps; k++) {
		const { g } = derivatives(p, w[0], w[1]);
		w = [w[0] - lr * g[0], w[1] - lr * g[1]];
		const f = loss(p, w[0], w[1]);
		path.push(w);
		if (exploded(f, start)) {
			divergedAt = k;
			break;
		}
		if (stepsToOptimum === null && f <= minLoss * 1.01) stepsToOptimum = k;
	}
	return {
		scaler,
		values,
		nx: grid,
		ny: grid,
		wa,
		wb,
		optimum: opt,
		path,
		divergedAt,
		condition: l2 > 0 ? l1 / l2 : Infinity,
		stepsToOptimum,
		minLoss,
		maxLoss
	};
}
