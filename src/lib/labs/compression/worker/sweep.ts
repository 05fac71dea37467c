/**
 * The compression lab's sweep runs: each run is the lab's model for one seed, trained its epochs (on a fixed path:
 * the fused engine where the backend has it, else op by op), then pruned to the run's sparsity four ways —
 * unstructured (magnitude, per kernel) and structured (whole neurons), each one-shot and fine-tuned as the lab does
 * it (unstructured: gradual polynomial-decay pruning while fine-tuning; structured: the smaller model fine-tuned).
 * Per arm: test accuracy, ROC AUC, and the accuracy lost against the uncompressed model of the same seed.
 * A distillation run (`distill` set) trains two students beside the model instead (./distill.ts): arm A distilled,
 * arm B on labels alone, same initial weights and batches; `drop` is then the model's (the teacher's) accuracy minus
 * the student's, and the sweep's paired A − B, per seed, is the gain from distillation.
 * The trained model does not depend on the sparsity, the fine-tuning epochs or the students: runs of one seed share it (cached).
 */
import { Mlp, type DenseWeights } from '../../../engine/mlp';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { buildState, disposeState, fixPath, qualityOf, specOf, trainEpochs, type ModelState } from './model';
import { fineTune } from './fine-tune';
import { trainStudents } from './distill';
import { sparseVariant, structured, unstructured } from './variants';
import type { CompressionSweepRequest } from '../types';

export const SWEEP_ARMS = [
	{ id: 'prune', kind: 'unstructured', fineTuned: false },
	{ id: 'prune-ft', kind: 'unstructured', fineTuned: true },
	{ id: 'neurons', kind: 'structured', fineTuned: false },
	{ id: 'neurons-ft', kind: 'structured', fineTuned: true }
] as const;

export type PrunedMetrics = { accuracy: number; auc: number; drop: number };

interface Trained {
	key: string;
	state: ModelState;
	base: DenseWeights[];
	accuracy: number;
}

// One trained model kept per worker: runs of a seed arrive together (replicate by replicate).
let kept: Trained | null = null;

async function trained(r: CompressionSweepRequest, ticket: Ticket): Promise<Trained> {
	const key = JSON.stringify([r.config, r.epochs]);
	if (kept?.key === key) return kept;
	if (kept) disposeState(kept.state);
	kept = null;
	const { state } = buildState(r.config);
	try {
		await fixPath(state);
		await trainEpochs(state, r.epochs, ticket);
		const base = await state.model.getWeights();
		const { accuracy } = await qualityOf(state.model, state);
		kept = { key, state, base, accuracy };
		return kept;
	} catch (e) {
		disposeState(state);
		throw e;
	}
}

/** Free the kept model (tests check that nothing is left behind). */
export function forgetTrained(): void {
	if (kept) disposeState(kept.state);
	kept = null;
}

async function quality(layers: DenseWeights[], t: Trained): Promise<PrunedMetrics> {
	const model = new Mlp(specOf(layers), layers);
	try {
		const q = await qualityOf(model, t.state);
		return { ...q, drop: t.accuracy - q.accuracy };
	} finally {
		model.dispose();
	}
}

export async function runCompressionSweep(
	requests: CompressionSweepRequest[],
	ticket: Ticket,
	onRun: (id: number, arms: PrunedMetrics[]) => void
): Promise<void> {
	for (const r of requests) {
		if (!(r.sparsity >= 0 && r.sparsity < 1)) throw new RangeError(`Sparsity must be in [0, 1) (got ${r.sparsity}).`);
		const t = await trained(r, ticket);
		if (r.distill) {
			const { student, distilled } = await trainStudents(t.state, t.state.model, r.distill, r.epochs, ticket);
			onRun(r.id, [await quality(distilled, t), await quality(student, t)]);
			await checkpoint(ticket);
			continue;
		}
		const s = r.sparsity;
		const small = structured(t.base, s).layers;
		const layers: Record<(typeof SWEEP_ARMS)[number]['id'], () => Promise<DenseWeights[]>> = {
			prune: async () => unstructured(t.base, s).layers,
			'prune-ft': async () => sparseVariant(t.base, await fineTune(t.state, t.base, r.fineTuneEpochs, s, ticket)).layers,
			neurons: async () => small,
			'neurons-ft': async () => fineTune(t.state, small, r.fineTuneEpochs, null, ticket)
		};
		const arms: PrunedMetrics[] = [];
		for (const arm of SWEEP_ARMS) arms.push(await quality(await layers[arm.id](), t));
		onRun(r.id, arms);
		await checkpoint(ticket);
	}
}
