/**
 * Small files committed under tests/fixtures/own-data/: three made by the labs' own export generators (checked here
 * to be exactly what the generators make today — `UPDATE_FIXTURES=1 npx vitest run tests/unit/own-data-fixtures.test.ts`
 * rewrites them), and malformed ones, each with the message its import must give.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaults } from '../../src/lib/url/schema';
import { abtestSchema, experimentConfig } from '../../src/lib/labs/abtest/params';
import { simulateDays } from '../../src/lib/labs/abtest/worker/experiment';
import { dailyCsv, importExperiment } from '../../src/lib/labs/abtest/worker/own-data';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import type { DriftConfig } from '../../src/lib/labs/drift/types';
import type { ImbalanceConfig } from '../../src/lib/labs/imbalance/types';

const DIR = join(__dirname, '../fixtures/own-data');
const UPDATE = process.env.UPDATE_FIXTURES === '1';
const fixture = (name: string) => readFileSync(join(DIR, name));
const blob = (b: Uint8Array | string) => new Blob([b as BlobPart]);
const LIVE = { stale: false };

const DRIFT: DriftConfig = {
	covariate: 1,
	prior: 0,
	concept: 0,
	schedule: 'sudden',
	onset: 6,
	span: 2,
	noise: 0.3,
	seed: 5,
	batches: 10,
	batchSize: 40,
	referenceBatches: 3,
	labelDelay: 1,
	retrainEvery: 8,
	detector: 'ddm',
	window: 4,
	ddmLevel: 3.5,
	phLambda: 80
};
const IMBALANCE: ImbalanceConfig = {
	n: 300,
	ratio: 5,
	overlap: 0.35,
	seed: 3,
	gamma: 2,
	alpha: 0.25,
	beta: 0.999,
	lr: 0.02,
	batchSize: 64,
	hidden: [8],
	models: [
		{ loss: 'weighted', resampling: 'none' },
		{ loss: 'bce', resampling: 'none' }
	]
};

describe('committed own-data fixtures', () => {
	const drift = createDriftApi();
	const imbalance = createImbalanceApi();
	const made: Record<string, string> = {};
	beforeAll(async () => {
		await drift.init('cpu');
		await imbalance.init('cpu');
		made['abtest-days.csv'] = dailyCsv(simulateDays({ ...experimentConfig(defaults(abtestSchema)), days: 7 }));
		const run = await drift.run(DRIFT);
		if (run.status !== 'done') throw new Error('cancelled');
		made['drift-stream.csv'] = drift.streamCsv()!;
		made['imbalance-data.csv'] = imbalance.datasetCsv(IMBALANCE);
		if (UPDATE) {
			if (!existsSync(DIR)) mkdirSync(DIR, { recursive: true });
			for (const [name, text] of Object.entries(made)) writeFileSync(join(DIR, name), text);
		}
	});

	it('the labs’ exports are what their generators make today', () => {
		for (const [name, text] of Object.entries(made)) expect(fixture(name).toString('utf8'), name).toBe(text);
	});

	it('each export imports into its lab', async () => {
		const ab = await importExperiment(blob(fixture('abtest-days.csv')), LIVE);
		expect(ab.days.length).toBe(7);
		expect((await drift.importFile('reference', blob(fixture('drift-stream.csv')))).status).toBe('done');
		const rep = await drift.ownReport({ batch: 'batch', referenceBatches: 3, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 });
		expect(rep.status === 'done' && rep.result?.batches.length).toBe(7);
		const read = await imbalance.importFile(blob(fixture('imbalance-data.csv')));
		expect(read.status === 'done' && read.result.rows).toBe(300);
	});

	it('malformed files give their messages', async () => {
		const cases: Array<[string, RegExp]> = [
			['ragged.csv', /Row 4 has 2 fields; the header has 3/],
			['no-header.csv', /first row has no column names/],
			['duplicate-columns.csv', /Two columns are called “x”/],
			['unclosed-quote.csv', /quoted value is not closed/]
		];
		for (const [name, message] of cases) await expect(drift.importFile('current', blob(fixture(name))), name).rejects.toThrow(message);
		await expect(importExperiment(blob(fixture('abtest-negative.csv')), LIVE)).rejects.toThrow(/Row 3, column “visitors_b”: a count cannot be negative/);
		await expect(importExperiment(blob(fixture('abtest-too-many-conversions.csv')), LIVE)).rejects.toThrow(/120 conversions is more than the 100 visitors/);
		expect((await imbalance.importFile(blob(fixture('one-class.csv')))).status).toBe('done');
		expect(() =>
			imbalance.checkOwn({ label: 'label', positive: 'yes', features: ['x', 'z'], standardize: true, surface: { kind: 'features', x: 'x', y: 'z' } })
		).toThrow(/the label has one class/);
	});
});
