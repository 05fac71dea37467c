/**
 * The scaling lab's sweep runs: each run is the lab's own setup (data, split, a model per scaling with the same
 * initial weights) trained `steps` full-batch steps, then measured per scaling:
 * - steps to target: the first step whose training loss is within `target` (e.g. 5%) of the best loss these data
 *   allow — the lowest of (a) every loss this run reached and (b) a reference fit, Adam at 0.05 for 400 steps on
 *   every scaling of the same data (cached per data set). Infinity when it never gets there (or diverged): a time
 *   censored at the step budget.
 * - reached (1/0), diverged (1/0), and the test accuracy (NaN after a divergence).
 * The reference does not depend on the swept learning rate or optimizer, so runs of one seed share one target.
 */
import { checkpoint, type Ticket } from '../lib/run-control';
import { buildState, disposeState, trainSteps } from './runs';
import { SWEEP_REFERENCE as REFERENCE, type ScalingConfig, type ScalingSweepRequest } from '../scaling.types';


const references = new Map<string, number>();

function dataKey(c: ScalingConfig): string {
	return JSON.stringify([c.seed, c.n, c.skew, c.outliers, c.model]);
}

/** The lowest training loss a long Adam fit reaches on any scaling of these data. */
export async function referenceLoss(c: ScalingConfig, ticket: Ticket): Promise<number> {
	const key = dataKey(c);
	const known = references.get(key);
	if (known !== undefined) return known;
	const { state } = await buildState({ ...c, optimizer: REFERENCE.optimizer, lr: REFERENCE.lr, leak: false });
	try {
		await trainSteps(state, REFERENCE.steps, ticket);
		const best = Math.min(...state.runs.flatMap((r) => r.state.loss.filter(Number.isFinite)));
		if (references.size >= 32) references.delete(references.keys().next().value!);
		references.set(key, best);
		return best;
	} finally {
		disposeState(state);
	}
}

export type ScalingArmMetrics = { steps: number; reached: number; diverged: number; accuracy: number };

export async function runScalingSweep(requests: ScalingSweepRequest[], ticket: Ticket, onRun: (id: number, arms: ScalingArmMetrics[]) => void): Promise<void> {
	for (const r of requests) {
		const reference = await referenceLoss(r.config, ticket);
		const { state } = await buildState(r.config);
		try {
			await trainSteps(state, r.steps, ticket);
			const own = Math.min(...state.runs.flatMap((run) => run.state.loss.filter(Number.isFinite)));
			const goal = (1 + r.target) * Math.min(reference, own);
			onRun(
				r.id,
				state.runs.map((run) => {
					const at = run.state.loss.findIndex((v) => v <= goal);
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
