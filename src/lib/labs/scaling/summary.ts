/**
 * What the scaling lab's table and leakage sentence say, as plain functions (the page's components and the lessons'
 * facts use the same): each run's final training loss, the step it first came within `target` of the best final
 * loss of the runs that did not diverge, and the test accuracy gap between the leaky and the proper standard scaler.
 */
import type { RunState } from '$lib/labs/scaling/types';

export interface LossRow {
	r: RunState;
	/** Final training loss; Infinity when the run diverged. */
	final: number;
	/** First step within the target of the best final loss; -1: not reached (or diverged). */
	reached: number;
}

export function lossTable(runs: RunState[], target: number): { rows: LossRow[]; goal: number } {
	const finals = runs.map((r) => (r.divergedAt === null ? r.loss[r.loss.length - 1] : Infinity));
	const best = Math.min(...finals);
	const goal = Number.isFinite(best) ? best * (1 + target) : NaN;
	const rows = runs.map((r, i) => ({ r, final: finals[i], reached: Number.isFinite(goal) ? r.loss.findIndex((v) => v <= goal) : -1 }));
	return { rows, goal };
}

/** Test accuracy with the scaler fitted on all rows minus with it fitted on the training rows (null without both). */
export function leakGap(runs: RunState[]): number | null {
	const fair = runs.find((r) => r.id === 'standard');
	const leaky = runs.find((r) => r.id === 'standard-leaky');
	return fair?.test && leaky?.test ? leaky.test.accuracy - fair.test.accuracy : null;
}

/** Below this the leakage sentence says the scores barely differ. */
export const LEAK_BARELY = 0.005;
