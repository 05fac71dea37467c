/**
 * The imbalance lab's sweep runs in a worker: each run is the lab's own setup (data, split, both models, their
 * initial weights and batch order from its seed) trained for its epochs, then scored on its test set. Runs with the
 * same batch size and epochs are trained together on the fused engine, up to MAX_MODELS models per engine (each
 * with its own data, loss and learning rate); op by op where the backend has no fused kernel.
 */
import { averagePrecision, confusionAt, rocAuc } from '$lib/metrics/classification';
import { engineAvailable, tfAdam } from '../../../engine/fused/kernel';
import { FusedTrainer } from '../../../engine/fused/trainer';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { trainEpoch } from '../../../engine/train';
import type { ImbalanceConfig } from '../types';
import type { SweepArmMetrics, SweepRunRequest } from '../types';
import { buildState, disposeState, type LabState } from './state';

const MAX_MODELS = 32;

/** Test metrics of each model (A, B) at the threshold. Precision is NaN when a model predicts no minority at all. */
async function score(s: LabState, threshold: number): Promise<SweepArmMetrics[]> {
	const out: SweepArmMetrics[] = [];
	for (const t of s.trainees) {
		const scores = await t.model.predictArray(s.test.x);
		const c = confusionAt(s.testLabels, scores, threshold);
		out.push({
			ap: averagePrecision(s.testLabels, scores),
			rocAuc: rocAuc(s.testLabels, scores),
			recall: c.recall,
			precision: c.tp + c.fp > 0 ? c.precision : NaN,
			f1: c.f1,
			accuracy: c.accuracy
		});
	}
	return out;
}

async function trainGroup(states: LabState[], epochs: number, batchSize: number, ticket: Ticket): Promise<void> {
	const trainees = states.flatMap((s) => s.trainees.map((t) => ({ s, t })));
	if (engineAvailable()) {
		const engine = await FusedTrainer.create(
			{
				sizes: [states[0].inputs, ...states[0].config.hidden, 1],
				activation: 'tanh',
				models: trainees.map(({ s, t }) => ({ loss: t.engineLoss, optimizer: tfAdam(s.config.lr) }))
			},
			trainees.map(({ t }) => t.model),
			trainees.map(({ t }) => t.host)
		);
		try {
			for (let e = 0; e < epochs; e++)
				await engine.epoch(
					trainees.map(({ t }) => t.rng),
					{ batchSize, ticket }
				);
			engine.sync();
		} finally {
			engine.dispose();
		}
		return;
	}
	for (let e = 0; e < epochs; e++) {
		for (const { t } of trainees) await trainEpoch(t.model, t.optimizer, t.train, t.loss, { batchSize, rng: t.rng, ticket });
		await checkpoint(ticket);
	}
}

/**
 * Train and score these runs; `onRun` receives each run's metrics as its group finishes. The same run (config,
 * epochs) gives the same numbers wherever it is trained: alone, in a group or in another worker.
 */
export async function runSweep(runs: SweepRunRequest[], ticket: Ticket, onRun: (id: number, arms: SweepArmMetrics[]) => void): Promise<void> {
	const groups = new Map<string, SweepRunRequest[]>();
	for (const r of runs) {
		const key = `${r.config.batchSize}/${r.epochs}`;
		groups.set(key, [...(groups.get(key) ?? []), r]);
	}
	for (const group of groups.values()) {
		const perEngine = Math.max(1, Math.floor(MAX_MODELS / 2));
		for (let at = 0; at < group.length; at += perEngine) {
			const part = group.slice(at, at + perEngine);
			const states: LabState[] = [];
			try {
				for (const r of part) states.push(buildState(r.config as ImbalanceConfig).state);
				await trainGroup(states, part[0].epochs, part[0].config.batchSize, ticket);
				for (let i = 0; i < part.length; i++) onRun(part[i].id, await score(states[i], part[i].threshold));
			} finally {
				states.forEach(disposeState);
			}
			await checkpoint(ticket);
		}
	}
}
