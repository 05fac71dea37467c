/**
 * The scaling lab's facts for its lessons (lessons/types.ts): the numbers of a run trained to its last step that a
 * lesson asks about, computed with the functions the page's table, chart and leakage sentence use (summary.ts,
 * loss-view.ts) and the loss surfaces' own numbers. Per scaling (none, minmax, standard, robust, log, leaky) a prefix:
 * `<k>Diverged`, `<k>DivergedAt`, `<k>Loss` (final training loss), `<k>Reached` (steps to the target), `<k>Accuracy`
 * (test), `<k>Behaviour`. A value that does not exist (a diverged run's loss, a target never reached) is -1.
 */
import type { Facts } from '$lib/lessons/types';
import { behaviour } from './loss-view';
import { LEAK_BARELY, leakGap, lossTable } from './summary';
import type { ScalingProgress, Surface } from './types';

const KEYS: Record<string, string> = { none: 'none', minmax: 'minmax', standard: 'standard', robust: 'robust', log: 'log', 'standard-leaky': 'leaky' };
const or = (v: number | null | undefined) => (v === null || v === undefined || !Number.isFinite(v) ? -1 : v);

export function scalingFacts(
	progress: ScalingProgress,
	surfaces: Surface[],
	p: { seed: number; lr: number; optimizer: string; target: number; outliers: number; surf: string }
): Facts {
	const { rows } = lossTable(progress.runs, p.target);
	const out: Record<string, number | string | boolean> = {
		seed: p.seed,
		lr: p.lr,
		optimizer: p.optimizer,
		target: p.target,
		outliers: p.outliers,
		steps: progress.step,
		diverged: rows.filter((x) => x.r.divergedAt !== null).length,
		divergedIds: rows
			.filter((x) => x.r.divergedAt !== null)
			.map((x) => x.r.id)
			.join(',')
	};
	for (const { r, final, reached } of rows) {
		const k = KEYS[r.id];
		Object.assign(out, {
			[`${k}Diverged`]: r.divergedAt !== null,
			[`${k}DivergedAt`]: or(r.divergedAt),
			[`${k}Start`]: or(r.loss[0]),
			[`${k}Loss`]: or(final),
			[`${k}Reached`]: reached,
			[`${k}Accuracy`]: or(r.test?.accuracy),
			[`${k}Behaviour`]: behaviour(r)
		});
	}
	const gap = leakGap(progress.runs);
	if (gap !== null) Object.assign(out, { leakGap: gap, leakBarely: Math.abs(gap) < LEAK_BARELY });
	const raw = surfaces.find((s) => s.scaler === 'none');
	const scaled = surfaces.find((s) => s.scaler !== 'none');
	if (raw && scaled)
		Object.assign(out, {
			surfScaler: scaled.scaler,
			condRaw: raw.condition,
			condScaled: scaled.condition,
			rawSurfDivergedAt: or(raw.divergedAt),
			rawSurfSteps: or(raw.stepsToOptimum),
			scaledSurfDivergedAt: or(scaled.divergedAt),
			scaledSurfSteps: or(scaled.stepsToOptimum)
		});
	return out;
}
