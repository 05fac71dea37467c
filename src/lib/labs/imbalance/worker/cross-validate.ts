/**
 * Stratified k-fold cross-validation of the lab's two models: the rows are dealt to k folds by class (folds.ts, seeded
 * from the lab's seed); for each fold both models are built on the other folds exactly as the lab builds them on its
 * 70/30 split (`buildState` with the fold as the split: same initial weights, losses, re-sampling, standardisation
 * fitted on the training rows, batch order) and trained by the lab's own `trainEpochs`, then score the fold's rows.
 * Every row is scored once, by models that never saw it; the metrics are pooled over these out-of-fold predictions.
 * Cancellable at every epoch and kernel call (the ticket), with progress per epoch.
 */
import { classCounts, subset, type Dataset } from '$lib/data/dataset';
import { createRng } from '$lib/data/rng';
import { averagePrecision, rocAuc } from '$lib/metrics/classification';
import { checkpoint, throttle, type Ticket } from '../../../engine/run-control';
import { foldRows, stratifiedFolds } from './folds';
import { buildState, disposeState, syntheticData } from './state';
import { trainEpochs } from './training';
import type { Encoded } from './own-data';
import type { CrossValidationProgress, CrossValidationResult, ImbalanceConfig } from '../types';

export interface CrossValidationOptions {
	epochs: number;
	folds: number;
	ticket: Ticket;
	onProgress?: (p: CrossValidationProgress) => void;
	/** At most one progress report per this many ms (and one at the start and end of each fold). */
	reportMs?: number;
}

/** Cross-validate `config`'s two models on `own` (the user's table, encoded) or, without it, the synthetic data. */
export async function crossValidate(config: ImbalanceConfig, own: Encoded | null, o: CrossValidationOptions): Promise<CrossValidationResult> {
	const { epochs, folds, ticket } = o;
	if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a whole number ≥ 1 (got ${epochs}).`);
	const data: Dataset = own ? own.data : syntheticData(config);
	const fold = stratifiedFolds(data.y, folds, createRng(config.seed).fork('folds'));
	const scores = config.models.map(() => new Float32Array(data.n));
	const perFold: CrossValidationResult['perFold'] = [];
	const report = throttle(o.reportMs ?? 100);
	const tell = (f: number, epoch: number, force: boolean) => {
		if (o.onProgress && report(force)) o.onProgress({ fold: f + 1, folds, epoch, epochs });
	};
	for (let f = 0; f < folds; f++) {
		tell(f, 0, true);
		await checkpoint(ticket);
		const rows = foldRows(fold, f);
		const { state } = buildState(config, own, { train: subset(data, rows.train), test: subset(data, rows.test) });
		try {
			for (let e = 1; e <= epochs; e++) {
				await trainEpochs(state, 1, ticket);
				tell(f, e, e === epochs);
			}
			const auc: number[] = [];
			for (let m = 0; m < state.trainees.length; m++) {
				const s = await state.trainees[m].model.predictArray(state.test.x);
				for (let i = 0; i < rows.test.length; i++) scores[m][rows.test[i]] = s[i];
				auc.push(rocAuc(state.testLabels, s));
			}
			perFold.push({ counts: classCounts(state.testLabels), rocAuc: auc });
		} finally {
			disposeState(state);
		}
	}
	return {
		folds,
		epochs,
		labels: data.y,
		fold,
		scores,
		rocAuc: scores.map((s) => rocAuc(data.y, s)),
		averagePrecision: scores.map((s) => averagePrecision(data.y, s)),
		perFold
	};
}
