/**
 * The trained network's curve in words and counts (no TF.js here: the page imports this; the training itself is
 * worker/mlp-curve.ts). A d → w → 1 network has d·w + 2w + 1 parameters; the threshold in width is where that
 * equals n. The sentence describes the seeds run (where each one's test error is largest, where the training error
 * reaches ~0); it makes no tested claim of a peak (the claim rate of a sign test on trained networks is not measured).
 */
import { fmtNum } from '../../format';
import type { Curve } from './curve';
import { interpolatesFrom } from './evidence';

export interface MlpCurveOptions {
	/** Hidden widths, increasing. */
	widths: number[];
	/** Full-batch Adam steps per network. */
	steps: number;
	/** Adam's learning rate. */
	lr: number;
}

/**
 * Seed replicates the page trains networks for: the first ones of the run's (training grows with the seeds: 20 take
 * 19.6 s in Node's JS step, 10 about half that).
 */
export const NETWORK_SEEDS = 10;

/** The default trained-network curve: 9 widths around the threshold and beyond, 4000 steps (measured: worker/mlp-curve.ts). */
export const DEFAULT_MLP: MlpCurveOptions = { widths: [1, 2, 3, 4, 6, 8, 12, 16, 32], steps: 4000, lr: 0.01 };

/** Parameters of a d → w → 1 network. */
export function mlpParameters(dim: number, width: number): number {
	return dim * width + width + width + 1;
}

/** The width whose parameter count equals n (not a whole number in general): the interpolation threshold in width. */
export function thresholdWidth(dim: number, n: number): number {
	return (n - 1) / (dim + 2);
}

/** Training error below this counts as interpolating. */
export const INTERPOLATES = 1e-3;

export interface NetworkSummary {
	/** The grid's widths just below and just above the threshold. */
	near: number[];
	/** Seeds whose largest test error is at one of `near`. */
	peakNear: number;
	seeds: number;
	/** Smallest width from which every seed's training error stays below INTERPOLATES (null: none). */
	interpolatesFrom: number | null;
}

export function networkSummary(curves: Curve[], dim: number, n: number): NetworkSummary | null {
	if (curves.length === 0 || curves[0].points.length === 0) return null;
	const t = thresholdWidth(dim, n);
	const xs = curves[0].points.map((q) => q.x);
	const below = xs.filter((x) => x <= t);
	const above = xs.filter((x) => x > t);
	const near = [...(below.length ? [below[below.length - 1]] : []), ...(above.length ? [above[0]] : [])];
	const peakNear = curves.filter((c) => near.includes(c.peakAt)).length;
	return { near, peakNear, seeds: curves.length, interpolatesFrom: interpolatesFrom(curves, INTERPOLATES) };
}

export function networkSentence(curves: Curve[], dim: number, n: number): string | null {
	const s = networkSummary(curves, dim, n);
	if (!s) return null;
	const widths = s.near.map((w) => `w = ${w} (${mlpParameters(dim, w)} parameters)`).join(' or ');
	const fit =
		s.interpolatesFrom === null
			? `no width on the grid brings every seed's training error below ${fmtNum(INTERPOLATES, 1)}`
			: `every seed's training error is below ${fmtNum(INTERPOLATES, 1)} from w = ${s.interpolatesFrom}`;
	return (
		`The test error is largest at ${widths}, the widths either side of n = ${n} parameters, in ${s.peakNear} of ${s.seeds} ` +
		`${s.seeds === 1 ? 'seed' : 'seeds'}; ${fit}. This describes the seeds run; the page tests no claim about a peak for the network.`
	);
}
