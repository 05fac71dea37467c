/** Training the imbalance lab's models side by side, their snapshots for the page, and the throughput benchmark. */
import { averagePrecision, prCurve, rocAuc, rocCurve } from '$lib/metrics/classification';
import { downsampleCurve } from '$lib/metrics/downsample';
import { throttle, type Ticket } from '../lib/run-control';
import { evaluateLoss, trainEpoch, trainSamples } from '../lib/train';
import type { LabState } from './state';
import type { ImbalanceProgress, ModelSnapshot } from '../imbalance.types';

/** Each model's test scores, decision surface, losses and curves, as the page shows them. */
export async function snapshot(s: LabState, trainLosses: number[]): Promise<ModelSnapshot[]> {
	const out: ModelSnapshot[] = [];
	for (let m = 0; m < s.trainees.length; m++) {
		const t = s.trainees[m];
		const testScores = await t.model.predictArray(s.test.x);
		const grid = await t.model.predictArray(s.grid);
		const testLoss = await evaluateLoss(t.model, s.test, t.loss);
		const roc = rocCurve(s.testLabels, testScores);
		const pr = prCurve(s.testLabels, testScores);
		out.push({
			trainLoss: trainLosses[m],
			testLoss,
			testScores,
			grid,
			rocAuc: rocAuc(s.testLabels, testScores),
			averagePrecision: averagePrecision(s.testLabels, testScores),
			roc: downsampleCurve(roc.fpr, roc.tpr),
			pr: downsampleCurve(pr.recall, pr.precision)
		});
	}
	return out;
}

/** The current state without training. */
export async function peek(s: LabState): Promise<ImbalanceProgress> {
	const losses = await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, t.train, t.loss)));
	return { epoch: s.epoch, models: await snapshot(s, losses), history: s.history.slice(), samplesPerSecond: 0 };
}

/** Train every model `epochs` more epochs, reporting a snapshot at most every `reportMs` (and after the last). */
export async function trainEpochs(s: LabState, epochs: number, ticket: Ticket, onProgress?: (p: ImbalanceProgress) => void, reportMs = 120): Promise<void> {
	if (!Number.isInteger(epochs) || epochs < 1) throw new RangeError(`epochs must be a whole number ≥ 1 (got ${epochs}).`);
	const shouldReport = throttle(reportMs);
	for (let e = 0; e < epochs; e++) {
		const t0 = performance.now();
		let samples = 0;
		const trainLosses: number[] = [];
		for (const t of s.trainees) {
			trainLosses.push(await trainEpoch(t.model, t.optimizer, t.train, t.loss, { batchSize: s.config.batchSize, rng: t.rng, ticket }));
			samples += t.train.n;
		}
		s.epoch++;
		const testLosses = await Promise.all(s.trainees.map((t) => evaluateLoss(t.model, s.test, t.loss)));
		s.history.push({ epoch: s.epoch, train: trainLosses, test: testLosses });
		if (onProgress && shouldReport(e === epochs - 1)) {
			const models = await snapshot(s, trainLosses);
			onProgress({ epoch: s.epoch, models, history: s.history.slice(), samplesPerSecond: samples / ((performance.now() - t0) / 1000) });
		}
	}
}

/** Training throughput of the first model for about `ms` after a warm-up: samples per second. */
export async function benchmark(s: LabState, ms: number, ticket: Ticket): Promise<{ samplesPerSecond: number; samples: number; seconds: number }> {
	const t = s.trainees[0];
	const opts = { batchSize: s.config.batchSize, rng: t.rng, ticket };
	await trainSamples(t.model, t.optimizer, t.train, t.loss, { ...opts, deadline: performance.now() + Math.min(500, ms / 4) });
	const t0 = performance.now();
	let samples = 0;
	while (performance.now() - t0 < ms) {
		samples += (await trainSamples(t.model, t.optimizer, t.train, t.loss, { ...opts, deadline: t0 + ms })).samples;
	}
	const seconds = (performance.now() - t0) / 1000;
	return { samplesPerSecond: samples / seconds, samples, seconds };
}
