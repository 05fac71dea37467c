/**
 * How the loss-curves chart shows the runs: which converge, which diverged, which oscillate (the loss keeps jumping
 * up and down, e.g. log-scaled features at a learning rate made for standardised ones), and a y range fitted to the
 * runs that behave, so an oscillating or diverging run cannot squeeze the others into a strip. Runs that leave the
 * range are drawn faint and clipped, and the caption names them with the reason.
 */
import type { RunState } from '$lib/labs/scaling/types';

export type RunBehaviour = 'converging' | 'diverged' | 'oscillating';

/** Over the last half of the steps: at least 20% of steps go up by more than 5%, and the loss spans a factor ≥ 2. */
export function oscillates(loss: ArrayLike<number>): boolean {
	const n = loss.length;
	if (n < 8) return false;
	let ups = 0;
	let lo = Infinity;
	let hi = -Infinity;
	const from = Math.floor(n / 2);
	for (let k = from; k < n; k++) {
		const v = loss[k];
		if (!Number.isFinite(v)) continue;
		if (k > from && v > loss[k - 1] * 1.05) ups++;
		lo = Math.min(lo, v);
		hi = Math.max(hi, v);
	}
	return ups >= 0.2 * (n - from - 1) && hi >= 2 * lo;
}

export function behaviour(r: RunState): RunBehaviour {
	if (r.divergedAt !== null) return 'diverged';
	return oscillates(r.loss) ? 'oscillating' : 'converging';
}

export interface LossView {
	domain: [number, number];
	behaviours: Record<string, RunBehaviour>;
	/** Runs drawn partly outside the range, with why. */
	offChart: Array<{ id: string; reason: RunBehaviour | 'starts high' }>;
}

export function lossView(runs: RunState[]): LossView {
	const behaviours: Record<string, RunBehaviour> = {};
	for (const r of runs) behaviours[r.id] = behaviour(r);
	const calm = runs.filter((r) => behaviours[r.id] === 'converging');
	const basis = calm.length ? calm : runs;
	let lo = Infinity;
	let hi = -Infinity;
	for (const r of basis)
		for (const v of r.loss)
			if (Number.isFinite(v) && v > 0) {
				lo = Math.min(lo, v);
				hi = Math.max(hi, v);
			}
	if (!(lo <= hi)) return { domain: [0.1, 10], behaviours, offChart: [] };
	// Headroom on a log scale; at least a factor of 3 top to bottom so a flat curve is not a single tick.
	let top = hi * 1.25;
	let bottom = lo * 0.85;
	if (top / bottom < 3) {
		const mid = Math.sqrt(top * bottom);
		top = mid * Math.sqrt(3);
		bottom = mid / Math.sqrt(3);
	}
	const offChart = runs
		.filter((r) => r.loss.some((v) => Number.isFinite(v) && v > top) || behaviours[r.id] === 'diverged')
		.map((r) => ({ id: r.id, reason: behaviours[r.id] === 'converging' ? ('starts high' as const) : behaviours[r.id] }));
	return { domain: [bottom, top], behaviours, offChart };
}
