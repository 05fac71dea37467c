/**
 * Real files as they come, in the imbalance lab: the committed small files (made by imbalance-files.ts; rewrite with
 * `UPDATE_FIXTURES=1 npx vitest run tests/unit/imbalance-small-files.test.ts`), first guesses that fit them (numbers
 * mostly missing left unticked with the reason, the principal components for many inputs), a decision surface that
 * shows one class only detected from its grid, and what the page says about cross-validation.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import type { FileColumn, FileSummary } from '../../src/lib/engine/read-table';
import type { CrossValidationResult, ImbalanceConfig } from '../../src/lib/labs/imbalance/types';
import type { OwnSpec } from '../../src/lib/labs/imbalance/worker/own-data';
import { guessAxes, guessSpec, missingNote, missingShare } from '../../src/lib/labs/imbalance/own-columns';
import { uniformClass, uniformSentence } from '../../src/lib/labs/imbalance/surface-check';
import { classNames, type ClassNames } from '../../src/lib/labs/imbalance/classes';
import {
	crossValidationHint,
	crossValidationOffer,
	foldFraction,
	foldSpread,
	foldStage,
	pooledCounts,
	pooledModels,
	pooledNote
} from '../../src/lib/labs/imbalance/kfold-summary';
import { FILES } from './imbalance-files';

const DIR = join(__dirname, '../fixtures/own-data');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');

const base: ImbalanceConfig = {
	n: 600,
	ratio: 10,
	overlap: 0.35,
	seed: 42,
	gamma: 2,
	alpha: 0.75,
	beta: 0.999,
	lr: 0.02,
	batchSize: 64,
	hidden: [16, 16],
	models: [
		{ loss: 'weighted', resampling: 'none' },
		{ loss: 'bce', resampling: 'none' }
	]
};

describe('committed small files', () => {
	beforeAll(() => {
		if (!UPDATE) return;
		if (!existsSync(DIR)) mkdirSync(DIR, { recursive: true });
		for (const [name, make] of Object.entries(FILES)) writeFileSync(join(DIR, name), make());
	});
	it('are what their seeded generators make today', () => {
		for (const [name, make] of Object.entries(FILES)) expect(read(name), name).toBe(make());
	});
});

describe('defaults that fit the data', () => {
	const api = createImbalanceApi();
	let missing: FileSummary;
	let thirty: FileSummary;
	beforeAll(async () => {
		await api.init('cpu');
		const a = await api.importFile(new Blob([read('imbalance-missing.csv')]));
		const b = await api.importFile(new Blob([read('imbalance-small-30.csv')]));
		if (a.status !== 'done' || b.status !== 'done') throw new Error('not read');
		missing = a.result;
		thirty = b.result;
	});
	const col = (s: FileSummary, name: string) => s.columns.find((c) => c.name === name)!;

	it('a number missing in over half the rows is not ticked, with the reason; a mostly missing category is (a value of its own)', async () => {
		expect(missingShare(col(missing, 'lab_score'))).toBeCloseTo(0.99, 9);
		expect(missingShare(col(missing, 'referral_score'))).toBeCloseTo(0.62, 9);
		const g = guessSpec(missing.columns)!;
		expect(g.label).toBe('churn');
		expect(g.positive).toBe('yes');
		expect(g.features).toEqual(['age', 'income', 'plan']);
		expect(missingNote(col(missing, 'lab_score'), false)).toBe('99% missing — not ticked: rows missing a feature are left out');
		expect(missingNote(col(missing, 'referral_score'), false)).toBe('62% missing — not ticked: rows missing a feature are left out');
		expect(missingNote(col(missing, 'referral_score'), true)).toBe('62% missing — ticked: the rows missing it are left out');
		expect(missingNote(col(missing, 'age'), true)).toBe('2% missing');
		expect(missingNote(col(missing, 'plan'), true)).toBe('70% missing: a value of its own');
		expect(missingNote(col(missing, 'income'), true)).toBeNull();
		// What the default saves: ticking referral_score leaves out 62% of the rows.
		expect((await api.importFile(new Blob([read('imbalance-missing.csv')]))).status).toBe('done');
		const spec = (features: string[]): OwnSpec => ({ ...g, features, surface: { kind: 'pca' } });
		expect(api.checkOwn(spec(g.features)).rows).toBe(392);
		expect(api.checkOwn(spec([...g.features, 'referral_score'])).rows).toBe(152);
	});

	it('a missing number is never ticked over half missing, at any share above 50%; an unknown column type counts as a category', () => {
		const c = (name: string, type: string, missing: number, distinct: number | null = null): FileColumn =>
			({ name, type, present: 100 - missing, missing, distinct, values: distinct ? ['a', 'b'] : null }) as FileColumn;
		const cols = [c('a', 'numeric', 50), c('b', 'numeric', 51), c('when', 'date', 80, 12), c('label', 'categorical', 0, 2)];
		expect(guessSpec(cols)!.features).toEqual(['a', 'when']);
		expect(missingNote(cols[2], true)).toBe('80% missing: a value of its own');
	});

	it('more than two inputs: the surface defaults to the principal components; the axes stay ready for two features', async () => {
		const g = guessSpec(thirty.columns)!;
		expect(g.label).toBe('diagnosis');
		expect(g.positive).toBe('malignant');
		expect(g.features).toHaveLength(30);
		expect(g.surface).toEqual({ kind: 'pca' });
		expect(guessAxes(thirty.columns, g.features)).toEqual(['f01', 'f02']);
		// Two numbers only: the plane over them.
		const two = thirty.columns.filter((c) => c.name === 'f01' || c.name === 'f02' || c.name === 'diagnosis');
		expect(guessSpec(two)!.surface).toEqual({ kind: 'features', x: 'f01', y: 'f02' });
		// Two numbers and a category: more than two inputs.
		expect(guessSpec([...two, { name: 'city', type: 'categorical', present: 9, missing: 0, distinct: 3, values: ['a', 'b', 'c'] }])!.surface).toEqual({
			kind: 'pca'
		});
	});

	it('30 correlated features: over f01 × f02 (the other 28 at their medians) a model predicts one class everywhere, said in words; the components show both', async () => {
		expect((await api.importFile(new Blob([read('imbalance-small-30.csv')]))).status).toBe('done');
		const g = guessSpec(thirty.columns)!;
		const uniform: Array<0 | 1 | null> = [];
		for (const surface of [{ kind: 'features', x: 'f01', y: 'f02' } as const, { kind: 'pca' } as const]) {
			const setup = await api.setup({ ...base, own: { ...g, surface } });
			expect(setup.counts.test).toEqual([54, 6]);
			expect(setup.own?.surface).toBe(surface.kind);
			await api.train(40);
			const p = await api.peek();
			const c = classNames(setup);
			const cls = uniformClass(p.models[0].grid, 0.5);
			uniform.push(cls);
			const sentence = uniformSentence('A', cls, 0.5, c, { kind: surface.kind, inputs: 30 });
			if (surface.kind === 'features')
				expect(sentence).toBe(
					'Model A predicts “benign” everywhere on this plane (every grid cell below the threshold 0.5): the other 28 inputs, held at their training medians, decide — try the principal components.'
				);
			else expect(sentence).toBeNull();
			// The model itself finds the malignant rows: the plane, not the model, is one-sided.
			expect(p.models[0].rocAuc).toBeGreaterThan(0.9);
		}
		expect(uniform).toEqual([0, null]);
		await api.dispose();
	});
});

const names: ClassNames = { neg: '“benign”', pos: '“malignant”', own: true, majority: 0 };

describe('one class everywhere on the plane, decided from the grid', () => {
	it('every cell on one side of the threshold (≥ counts as positive), else null', () => {
		expect(uniformClass(Float32Array.from([0.1, 0.2, 0.49]), 0.5)).toBe(0);
		expect(uniformClass(Float32Array.from([0.5, 0.7, 0.99]), 0.5)).toBe(1);
		expect(uniformClass(Float32Array.from([0.1, 0.5]), 0.5)).toBeNull();
		expect(uniformClass(Float32Array.from([0.1, 0.2]), 0.15)).toBeNull();
		expect(() => uniformClass(Float32Array.from([0.1, NaN]), 0.5)).toThrow(/not a number/);
		expect(() => uniformClass(new Float32Array(0), 0.5)).toThrow(/no grid cells/);
	});
	it('the sentence says which class, which side, and what to try for the plane it is', () => {
		expect(uniformSentence('B', null, 0.5, names, { kind: 'features', inputs: 30 })).toBeNull();
		expect(uniformSentence('B', 1, 0.2, names, { kind: 'features', inputs: 2 })).toBe(
			'Model B predicts “malignant” everywhere on this plane (every grid cell at or above the threshold 0.2): at this threshold it predicts “benign” nowhere on the grid drawn over the data.'
		);
		expect(uniformSentence('A', 0, 0.5, names, { kind: 'pca', inputs: 5 })).toMatch(/principal components the other directions are held at the training mean/);
		const synthetic: ClassNames = { neg: 'majority', pos: 'minority', own: false, majority: 0 };
		expect(uniformSentence('B', 0, 0.5, synthetic, { kind: 'synthetic', inputs: 2 })).toMatch(/^Model B predicts majority everywhere/);
	});
});

describe('what the page says about cross-validation', () => {
	const result: CrossValidationResult = {
		folds: 5,
		epochs: 60,
		labels: Uint8Array.from({ length: 200 }, (_, i) => (i % 10 === 3 ? 1 : 0)),
		fold: Uint8Array.from({ length: 200 }, (_, i) => i % 5),
		scores: [Float32Array.from({ length: 200 }, (_, i) => (i % 10 === 3 ? 0.9 : i % 20 === 0 ? 0.7 : 0.1)), new Float32Array(200).fill(0.2)],
		rocAuc: [0.97, 0.5],
		averagePrecision: [0.6, 0.1],
		perFold: [0.91, 0.97, 0.84, 1, 0.95].map((a) => ({ counts: [36, 4] as [number, number], rocAuc: [a, 0.5] }))
	};

	it('pooled counts and confusions at the page’s threshold; the note says every row is tested once', () => {
		expect(pooledCounts(result)).toEqual([180, 20]);
		const [a, b] = pooledModels(result, 0.5);
		expect(a.confusion).toMatchObject({ tp: 20, fn: 0, fp: 10, tn: 170 });
		expect(b.confusion).toMatchObject({ tp: 0, fp: 0 });
		expect(pooledModels(result, 0.8)[0].confusion).toMatchObject({ tp: 20, fp: 0 });
		expect(pooledNote(result, names)).toMatch(
			/^Pooled over 5 folds: every row is tested once, by the models trained on the other 4 folds \(200 rows: 20 “malignant”, 180 “benign”; 60 epochs each\)\./
		);
		expect(foldSpread(result, ['A', 'B'])).toBe("ROC AUC fold by fold (each fold's 40 rows): A 0.84–1, B 0.5.");
	});

	it('progress in words and as a share', () => {
		const p = { fold: 2, folds: 5, epoch: 15, epochs: 60 };
		expect(foldStage(p)).toBe('fold 2 of 5, epoch 15 of 60');
		expect(foldFraction(p)).toBeCloseTo(0.25, 12);
		expect(foldFraction({ ...p, fold: 5, epoch: 60 })).toBe(1);
	});

	it('offered for a class with few test rows or a small file, not for a large one with enough of each', () => {
		const own = (rows: number, train: [number, number], test: [number, number]) => ({
			counts: { train, test, trained: [] },
			own: { rows, inputs: [], dropped: { label: 0, feature: 0 }, surface: 'pca' as const, surfaceNote: null, positive: 'malignant', negative: 'benign' }
		});
		expect(crossValidationOffer(own(200, [126, 14], [54, 6]), names)).toBe(
			'The test split holds 6 “malignant” rows of 20: another split could give other numbers. Stratified 5-fold cross-validation trains both models 5 times and tests every row once.'
		);
		expect(crossValidationOffer(own(1500, [700, 350], [300, 150]), names)).toMatch(/^With 1,500 rows, the test split holds 450:/);
		expect(crossValidationOffer(own(5000, [2800, 700], [1200, 300]), names)).toBeNull();
		expect(crossValidationOffer({ counts: { train: [100, 5], test: [40, 2], trained: [] }, own: null }, names)).toBeNull();
		const counts = [
			{ value: 'benign', count: 180 },
			{ value: 'malignant', count: 20 }
		];
		expect(crossValidationHint(200, counts, 'malignant')).toBe('Recommended here: a 30% test split would hold about 6 rows “malignant”.');
		expect(crossValidationHint(200, counts, 'benign')).toBe('Recommended here: a 30% test split would hold about 6 rows other than “benign”.');
		expect(
			crossValidationHint(
				1800,
				[
					{ value: 'no', count: 1000 },
					{ value: 'yes', count: 800 }
				],
				'yes'
			)
		).toBe('Recommended for a file of 1,800 rows (under 2,000).');
		expect(
			crossValidationHint(
				9000,
				[
					{ value: 'no', count: 8000 },
					{ value: 'yes', count: 1000 }
				],
				'yes'
			)
		).toBeNull();
	});
});
