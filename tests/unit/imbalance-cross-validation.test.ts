/**
 * Stratified 5-fold cross-validation in the imbalance worker (CPU backend): every row scored once by models trained
 * through the lab's own buildState/trainEpochs on the other folds (checked fold by fold against that path), pooled
 * metrics, progress, cancellation and supersession, no tensor left behind, and the lab's live training untouched.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { subset } from '../../src/lib/data/dataset';
import { createRng } from '../../src/lib/data/rng';
import { averagePrecision, rocAuc } from '../../src/lib/metrics/classification';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import { encode, type OwnSpec } from '../../src/lib/labs/imbalance/worker/own-data';
import { foldRows, stratifiedFolds } from '../../src/lib/labs/imbalance/worker/folds';
import { buildState, disposeState } from '../../src/lib/labs/imbalance/worker/state';
import { trainEpochs } from '../../src/lib/labs/imbalance/worker/training';
import { crossValidate } from '../../src/lib/labs/imbalance/worker/cross-validate';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import { ColumnStore } from '../../src/lib/data/table/column-store';
import type { CrossValidationProgress, CrossValidationRequest, ImbalanceConfig } from '../../src/lib/labs/imbalance/types';
import { smallThirty } from './imbalance-files';

const base: ImbalanceConfig = {
	n: 600,
	ratio: 10,
	overlap: 0.35,
	seed: 3,
	gamma: 2,
	alpha: 0.75,
	beta: 0.999,
	lr: 0.02,
	batchSize: 32,
	hidden: [8, 8],
	models: [
		{ loss: 'weighted', resampling: 'none' },
		{ loss: 'bce', resampling: 'oversample' }
	]
};
const names = Array.from({ length: 30 }, (_, j) => `f${String(j + 1).padStart(2, '0')}`);
const spec: OwnSpec = { label: 'diagnosis', positive: 'malignant', features: names, standardize: true, surface: { kind: 'pca' } };
const config: ImbalanceConfig = { ...base, own: spec };
const request: CrossValidationRequest = { config, epochs: 6, folds: 5 };

function table() {
	const lines = smallThirty().trim().split('\n');
	const s = new ColumnStore();
	s.header(lines[0].split(','));
	s.push(lines.slice(1).map((l) => l.split(',')));
	return s.finish();
}

describe('stratified 5-fold cross-validation (CPU backend)', () => {
	const api = createImbalanceApi();
	beforeAll(async () => {
		await api.init('cpu');
		expect((await api.importFile(new Blob([smallThirty()]))).status).toBe('done');
	});

	it('scores every row once, by models trained as the lab trains them on the other folds; pooled AUCs of those scores', async () => {
		const seen: CrossValidationProgress[] = [];
		const out = await api.crossValidate(request, (p) => seen.push(p));
		expect(out.status).toBe('done');
		if (out.status !== 'done') return;
		const r = out.result;
		const encoded = encode(table(), spec);
		expect(Array.from(r.labels)).toEqual(Array.from(encoded.data.y));
		expect(r.labels.length).toBe(200);
		expect(r.perFold.map((f) => f.counts)).toEqual(Array.from({ length: 5 }, () => [36, 4]));
		for (const s of r.scores) for (const v of s) expect(v > 0 && v < 1).toBe(true);
		for (let m = 0; m < 2; m++) {
			expect(r.rocAuc[m]).toBe(rocAuc(r.labels, r.scores[m]));
			expect(r.averagePrecision[m]).toBe(averagePrecision(r.labels, r.scores[m]));
			// The 30 features carry the class: well above chance.
			expect(r.rocAuc[m]).toBeGreaterThan(0.8);
		}
		// The folds are the seeded stratified folds of the lab's seed.
		expect(Array.from(r.fold)).toEqual(Array.from(stratifiedFolds(encoded.data.y, 5, createRng(config.seed).fork('folds'))));
		// Fold by fold: the lab's buildState on that split, trained by trainEpochs, gives the very same scores.
		for (const f of [0, 3]) {
			const rows = foldRows(r.fold, f);
			const { state } = buildState(config, encoded, { train: subset(encoded.data, rows.train), test: subset(encoded.data, rows.test) });
			await trainEpochs(state, request.epochs, NEVER_STALE);
			for (let m = 0; m < 2; m++) {
				const s = await state.trainees[m].model.predictArray(state.test.x);
				expect(Array.from(s), `fold ${f} model ${m}`).toEqual(rows.test.map((i) => r.scores[m][i]));
			}
			disposeState(state);
		}
		// Progress: every fold, from its start to its last epoch.
		expect(seen[0]).toEqual({ fold: 1, folds: 5, epoch: 0, epochs: 6 });
		for (let f = 1; f <= 5; f++) {
			expect(seen.some((p) => p.fold === f && p.epoch === 0)).toBe(true);
			expect(seen.some((p) => p.fold === f && p.epoch === 6)).toBe(true);
		}
		// Seeded: the same request gives the same scores.
		const again = await api.crossValidate(request);
		expect(again.status === 'done' && Array.from(again.result.scores[0])).toEqual(Array.from(r.scores[0]));
	});

	it('a newer request supersedes a running one, cancel stops it; no tensor is left behind', async () => {
		await api.dispose();
		const before = tf.memory().numTensors;
		let started!: () => void;
		const running = new Promise<void>((res) => (started = res));
		const first = api.crossValidate({ ...request, epochs: 200 }, (p) => {
			if (p.epoch >= 1) started();
		});
		await Promise.race([running, first.then(() => Promise.reject(new Error('the run ended before reporting')))]);
		const second = api.crossValidate({ ...request, epochs: 2 });
		expect((await first).status).toBe('cancelled');
		expect((await second).status).toBe('done');
		const third = api.crossValidate({ ...request, epochs: 200 });
		api.cancelCrossValidation();
		expect((await third).status).toBe('cancelled');
		expect(tf.memory().numTensors).toBe(before);
	});

	it('runs beside the lab’s training without changing it', async () => {
		await api.setup(config);
		await api.train(5);
		const alone = await api.peek();
		await api.setup(config);
		const [trained, cv] = await Promise.all([api.train(5), api.crossValidate({ ...request, epochs: 3 })]);
		expect(trained.status).toBe('done');
		expect(cv.status).toBe('done');
		const beside = await api.peek();
		for (const m of [0, 1]) expect(Array.from(beside.models[m].testScores)).toEqual(Array.from(alone.models[m].testScores));
	});

	it('needs the file and two classes with a row per fold, said in words', async () => {
		await expect(api.crossValidate({ ...request, config: base })).rejects.toThrow(/runs on your file/);
		const rows = ['a,b,label', ...Array.from({ length: 60 }, (_, i) => `${i},${i % 7},${i % 20 === 0 ? 'yes' : 'no'}`)].join('\n');
		expect((await api.importFile(new Blob([rows]))).status).toBe('done');
		const own: OwnSpec = { label: 'label', positive: 'yes', features: ['a', 'b'], standardize: true, surface: { kind: 'pca' } };
		await expect(api.crossValidate({ config: { ...base, own }, epochs: 2, folds: 5 })).rejects.toThrow(/Only 3 rows of “label” = “yes”/);
		api.forgetOwn();
		await expect(api.crossValidate(request)).rejects.toThrow(/no longer loaded/);
	});

	it('the synthetic data cross-validates too (module level), with its own folds', async () => {
		const r = await crossValidate(base, null, { epochs: 2, folds: 4, ticket: NEVER_STALE });
		expect(r.labels.length).toBe(600);
		expect(r.perFold).toHaveLength(4);
		expect(r.perFold.reduce((s, f) => s + f.counts[1], 0)).toBe(r.labels.reduce((s, y) => s + y, 0));
	});
});
