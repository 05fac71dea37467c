/**
 * The scaling lab's sweep runs: each run is the lab's setup (data, split, a model per scaling with the same initial
 * weights) trained `steps` full-batch steps, then measured per scaling:
 * - steps to target: the first step whose training loss is within `target` (e.g. 5%) of the lowest loss this model
 *   can reach on these features. Affine scalings (none, min-max, z-score, robust, and the leaky z-score) are the same
 *   model re-parametrised and share one optimum; log1p changes the features and has its own. For the logistic model
 *   the optimum is exact (Newton's method, $lib/ml/logistic-optimum); for the MLP (not convex) it is the lowest loss of
 *   a long reference fit (Adam, lr 0.01, 1,500 steps, every scaling) — and of the run itself, if lower. Infinity when a
 *   run never gets there (or diverges): a time censored at the step budget.
 * - reached (1/0), diverged (1/0), and the test accuracy (NaN after a divergence).
 * The optimum does not depend on the learning rate or optimizer: runs on the same data share it (cached per worker).
 */
import { logisticOptimum } from '$lib/ml/logistic-optimum';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { buildState, disposeState, trainSteps, type ScalingState } from './runs';
import { SWEEP_REFERENCE as REFERENCE, type ScalingConfig, type ScalingSweepRequest } from '../types';

/** Which optimum a scaling shares: every affine rescaling the same, log1p its own. */
export const lossClass = (scaler: string): 'affine' | 'log' => (scaler === 'log' ? 'log' : 'affine');

type Optima = Record<'affine' | 'log', number>;

const references = new Map<string, Optima>();

function dataKey(c: ScalingConfig): string {
	return JSON.stringify([c.seed, c.n, c.skew, c.outliers, c.model]);
}

function lowest(s: ScalingState, cls: 'affine' | 'log'): number {
	return Math.min(...s.runs.filter((r) => lossClass(r.spec.scaler) === cls).flatMap((r) => r.state.loss.filter(Number.isFinite)));
}

/** The lowest loss each class of scaling can reach on these data (see the module comment). */
export async function optima(c: ScalingConfig, ticket: Ticket): Promise<Optima> {
	const key = dataKey(c);
	const known = references.get(key);
	if (known) return known;
	const mlp = c.model === 'mlp';
	const { state } = await buildState(mlp ? { ...c, optimizer: REFERENCE.optimizer, lr: REFERENCE.lr, leak: false } : { ...c, leak: false });
	try {
		let out: Optima;
		if (mlp) {
			await trainSteps(state, REFERENCE.steps, ticket);
			out = { affine: lowest(state, 'affine'), log: lowest(state, 'log') };
		} else {
			const of = (id: string) => {
				const r = state.runs.find((x) => x.spec.id === id)!;
				return logisticOptimum(r.host.x, r.host.y, 4);
			};
			out = { affine: of('standard'), log: of('log') };
		}
		if (references.size >= 32) references.delete(references.keys().next().value!);
		references.set(key, out);
		return out;
	} finally {
		disposeState(state);
	}
}

export type ScalingArmMetrics = { steps: number; reached: number; diverged: number; accuracy: number };

export async function runScalingSweep(requests: ScalingSweepRequest[], ticket: Ticket, onRun: (id: number, arms: ScalingArmMetrics[]) => void): Promise<void> {
	for (const r of requests) {
		const best = await optima(r.config, ticket);
		const { state } = await buildState(r.config);
		try {
			await trainSteps(state, r.steps, ticket);
			const goal = {
				affine: (1 + r.target) * Math.min(best.affine, lowest(state, 'affine')),
				log: (1 + r.target) * Math.min(best.log, lowest(state, 'log'))
			};
			onRun(
				r.id,
				state.runs.map((run) => {
					const at = run.state.loss.findIndex((v) => v <= goal[lossClass(run.spec.scaler)]);
					const diverged = run.state.divergedAt !== null;
					return { steps: at >= 0 ? at : Infinity, reached: at >= 0 ? 1 : 0, diverged: diverged ? 1 : 0, accuracy: run.state.test?.accuracy ?? NaN };
				})
			);
		} finally {
			disposeState(state);
		}
		await checkpoint(ticket);
	}
}
