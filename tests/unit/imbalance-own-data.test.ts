import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { ColumnStore, type StoredTable } from '../../src/lib/data/table/column-store';
import { ImportError } from '../../src/lib/data/table/text-stream';
import { createRng } from '../../src/lib/data/rng';
import { encode, ONE_HOT_CAP, principalComponents, standardizer, type OwnSpec } from '../../src/lib/labs/imbalance/worker/own-data';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import type { ImbalanceConfig } from '../../src/lib/labs/imbalance/types';
import { guessAxes, guessSpec } from '../../src/lib/labs/imbalance/own-columns';
import type { FileColumn } from '../../src/lib/engine/read-table';
import { classNames, comparisonSentence, majorityBaseline, metricLabels, positiveMajorityWarning } from '../../src/lib/labs/imbalance/classes';
import { confusionAt } from '../../src/lib/metrics/classification';

const base: ImbalanceConfig = {
	n: 1500,
	ratio: 10,
	overlap: 0.35,
	seed: 7,
	gamma: 2,
	alpha: 0.75,
	beta: 0.999,
	lr: 0.02,
	batchSize: 64,
	hidden: [8, 8],
	models: [
		{ loss: 'focal', resampling: 'none' },
		{ loss: 'bce', resampling: 'none' }
	]
};

function store(header: string[], rows: string[][]): StoredTable {
	const s = new ColumnStore();
	s.header(header);
	s.push(rows);
	return s.finish();
}

/** A table: age (number, some missing), income (number), city (category, 25 values), label yes/no. */
function customers(n: number, seed: number): string[][] {
	const rng = createRng(seed);
	const rows: string[][] = [];
	for (let i = 0; i < n; i++) {
		const age = 20 + 50 * rng.next();
		const income = rng.normal(50, 15);
		const city = `c${Math.min(24, Math.floor(-Math.log(rng.next()) * 5))}`;
		const p = 1 / (1 + Math.exp(-(0.08 * (age - 55) + 0.05 * (income - 50) + (city === 'c0' ? 1 : 0))));
		rows.push([i % 50 === 0 ? 'NA' : age.toFixed(2), income.toFixed(2), city, rng.next() < p ? 'yes' : 'no']);
	}
	return rows;
}

const spec = (o: Partial<OwnSpec> = {}): OwnSpec => ({
	label: 'label',
	positive: 'yes',
	features: ['age', 'income', 'city'],
	standardize: true,
	surface: { kind: 'features', x: 'age', y: 'income' },
	...o
});

function error(f: () => unknown): string {
	try {
		f();
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return (e as Error).message;
	}
	throw new Error('expected an ImportError');
}

describe('encoding your table for the imbalance lab', () => {
	const t = store(['age', 'income', 'city', 'label'], customers(2000, 1));

	it('numbers as they are, categories one-hot with a cap and “(other)”; rows missing a number are left out', () => {
		const e = encode(t, spec());
		expect(e.dropped).toEqual({ label: 0, feature: 40 });
		expect(e.data.n).toBe(1960);
		expect(e.names.slice(0, 2)).toEqual(['age', 'income']);
		const city = e.names.slice(2);
		expect(city.length).toBe(ONE_HOT_CAP);
		expect(city[0]).toBe('city = c0');
		expect(city[city.length - 1]).toBe('city = (other)');
		expect(e.numeric).toEqual([true, true, ...city.map(() => false)]);
		// Each row has exactly one city column set.
		for (let i = 0; i < e.data.n; i++) {
			let s = 0;
			for (let j = 2; j < e.data.d; j++) s += e.data.x[i * e.data.d + j];
			expect(s).toBe(1);
		}
		const pos = e.data.y.reduce((a, b) => a + b, 0);
		expect(pos).toBeGreaterThan(100);
		expect(pos).toBeLessThan(e.data.n - 100);
	});

	it('standardises with the given rows’ mean and standard deviation; one-hot columns untouched', () => {
		const e = encode(t, spec());
		const s = standardizer(e.data, e.numeric);
		let m = 0;
		for (let i = 0; i < e.data.n; i++) m += e.data.x[i * e.data.d + 1];
		expect(s.mean[1]).toBeCloseTo(m / e.data.n, 9);
		expect(s.sd[1]).toBeGreaterThan(13);
		expect(s.sd[1]).toBeLessThan(17);
		expect(s.mean[2]).toBe(0);
		expect(s.sd[2]).toBe(1);
	});

	it('principal components: orthonormal, the first along the direction of most variance', () => {
		const rng = createRng(3);
		const n = 3000;
		const x = new Float32Array(n * 3);
		for (let i = 0; i < n; i++) {
			const a = rng.normal() * 3;
			x[3 * i] = a;
			x[3 * i + 1] = a + rng.normal() * 0.1;
			x[3 * i + 2] = rng.normal();
		}
		const pca = principalComponents({ x, y: new Uint8Array(n), n, d: 3 }, 1);
		const [v1, v2] = pca.vectors;
		expect(Math.hypot(...v1)).toBeCloseTo(1, 9);
		expect(Math.hypot(...v2)).toBeCloseTo(1, 9);
		expect(v1[0] * v2[0] + v1[1] * v2[1] + v1[2] * v2[2]).toBeCloseTo(0, 9);
		expect(v1[0]).toBeCloseTo(Math.SQRT1_2, 2);
		expect(v1[1]).toBeCloseTo(Math.SQRT1_2, 2);
		expect(Math.abs(v2[2])).toBeGreaterThan(0.99);
		expect(pca.variance[0] / pca.total).toBeGreaterThan(0.9);
	});

	it('bad choices get messages in words', () => {
		expect(error(() => encode(t, spec({ positive: 'maybe' })))).toMatch(/has no value “maybe”/);
		expect(error(() => encode(t, spec({ features: [] })))).toMatch(/at least one feature/);
		expect(error(() => encode(t, spec({ features: ['income'], surface: { kind: 'pca' } })))).toMatch(/at least two input columns/);
		expect(error(() => encode(t, spec({ surface: { kind: 'features', x: 'age', y: 'city' } })))).toMatch(/“city” is not/);
		const one = store(
			['a', 'b', 'label'],
			Array.from({ length: 50 }, (_, i) => [String(i), String(i * 2), 'no'])
		);
		expect(error(() => encode(one, spec({ features: ['a', 'b'], positive: 'no', surface: { kind: 'pca' } })))).toMatch(/the label has one class/);
		const ids = store(
			['id', 'a', 'label'],
			Array.from({ length: 1200 }, (_, i) => [`u${i}`, String(i), i % 2 ? 'yes' : 'no'])
		);
		expect(error(() => encode(ids, spec({ features: ['id', 'a'], surface: { kind: 'pca' } })))).toMatch(/“id” has more than 1,000 distinct text values/);
	});

	it('first guesses: the label by name, its positive class, features without identifiers, the components for the surface (over two inputs)', () => {
		const columns: FileColumn[] = [
			{ name: 'id', type: 'numeric', present: 10, missing: 0, distinct: null, values: null },
			{ name: 'amount', type: 'numeric', present: 10, missing: 0, distinct: null, values: null },
			{ name: 'age', type: 'numeric', present: 10, missing: 0, distinct: 60, values: ['1'] },
			{ name: 'country', type: 'categorical', present: 10, missing: 0, distinct: 12, values: ['fr'] },
			{ name: 'is_fraud', type: 'categorical', present: 10, missing: 0, distinct: 2, values: ['false', 'true'] }
		];
		const g = guessSpec(columns);
		expect(g).toEqual({
			label: 'is_fraud',
			positive: 'true',
			features: ['amount', 'age', 'country'],
			standardize: true,
			surface: { kind: 'pca' }
		});
		expect(guessAxes(columns, g!.features)).toEqual(['amount', 'age']);
	});
});

describe('training on your file (CPU backend)', () => {
	const api = createImbalanceApi();
	beforeAll(async () => {
		await api.init('cpu');
	});

	it('the lab’s synthetic data, exported and imported (not standardised), trains to the very same scores', async () => {
		await api.setup(base);
		await api.train(4);
		const synthetic = await api.peek();
		const csv = api.datasetCsv(base);
		expect(csv.split('\n')[0]).toBe('x1,x2,label');
		expect(csv.trim().split('\n').length).toBe(1 + base.n);
		const read = await api.importFile(new Blob([gzipSync(csv)]));
		expect(read.status === 'done' && read.result.rows).toBe(base.n);
		const own: OwnSpec = { label: 'label', positive: '1', features: ['x1', 'x2'], standardize: false, surface: { kind: 'features', x: 'x1', y: 'x2' } };
		const setup = await api.setup({ ...base, own });
		expect(setup.own?.inputs).toEqual(['x1', 'x2']);
		expect(setup.axes).toEqual(['x1', 'x2']);
		await api.train(4);
		const mine = await api.peek();
		for (const m of [0, 1]) {
			expect(mine.models[m].rocAuc).toBe(synthetic.models[m].rocAuc);
			expect(mine.models[m].averagePrecision).toBe(synthetic.models[m].averagePrecision);
			expect(Array.from(mine.models[m].testScores)).toEqual(Array.from(synthetic.models[m].testScores));
		}
	});

	it('a table with numbers and a category trains well; surface over two features or the principal components; no tensor left behind', async () => {
		const text =
			'age,income,city,label\n' +
			customers(3000, 2)
				.map((r) => r.join(','))
				.join('\n');
		expect((await api.importFile(new Blob([text]))).status).toBe('done');
		await api.dispose();
		const before = tf.memory().numTensors;
		for (const surface of [{ kind: 'features', x: 'age', y: 'income' } as const, { kind: 'pca' } as const]) {
			const s = spec({ surface });
			expect(api.checkOwn(s)).toEqual({ rows: 2940, inputs: 22, positives: expect.any(Number), dropped: 60 });
			const setup = await api.setup({ ...base, own: s });
			expect(setup.own?.inputs.length).toBe(22);
			expect(setup.points.allMinority).toBe(true);
			expect(setup.axes[0]).toMatch(surface.kind === 'pca' ? /^PC1 \(\d+% of the variance\)$/ : /^age$/);
			await api.train(20);
			const p = await api.peek();
			expect(p.models[0].grid.length).toBe(setup.grid.nx * setup.grid.ny);
			// age, income and the city carry signal: both models rank well above chance.
			for (const m of p.models) expect(m.rocAuc).toBeGreaterThan(0.75);
			if (surface.kind === 'features') {
				// The plotted points are in the file's units (age 20–70), the grid spans them.
				expect(setup.grid.x0).toBeLessThan(22);
				expect(setup.grid.x1).toBeGreaterThan(68);
			}
		}
		await api.dispose();
		expect(tf.memory().numTensors).toBe(before);
	});

	it('a setup naming a file that is no longer loaded fails in words', async () => {
		api.forgetOwn();
		await expect(api.setup({ ...base, own: spec() })).rejects.toThrow(/no longer loaded/);
		expect(() => api.checkOwn(spec())).toThrow(/No file is loaded/);
	});
});

/** A file where “yes” is about 80% of the rows: x1 and x2 move the odds. */
function mostlyYes(n: number, seed: number): string {
	const rng = createRng(seed);
	const lines = ['x1,x2,label'];
	for (let i = 0; i < n; i++) {
		const x1 = rng.normal();
		const x2 = rng.normal();
		const p = 1 / (1 + Math.exp(-(1.6 + 1.2 * x1 - 0.8 * x2)));
		lines.push(`${x1.toFixed(3)},${x2.toFixed(3)},${rng.next() < p ? 'yes' : 'no'}`);
	}
	return lines.join('\n') + '\n';
}

describe('the positive class is the majority: the table names each class by what it is', () => {
	const api = createImbalanceApi();
	beforeAll(async () => {
		await api.init('cpu');
		expect((await api.importFile(new Blob([mostlyYes(2000, 5)]))).status).toBe('done');
	});
	const own = (positive: string): OwnSpec => ({ label: 'label', positive, features: ['x1', 'x2'], standardize: true, surface: { kind: 'pca' } });

	it('the form warns, in words, that “yes” is the majority and offers “no”; no warning for “no”', () => {
		const counts = api.labelCounts('label');
		expect(counts.map((c) => c.value)).toEqual(['yes', 'no']);
		const share = counts[0].count / 2000;
		expect(share).toBeGreaterThan(0.75);
		expect(share).toBeLessThan(0.85);
		const w = positiveMajorityWarning(counts, 'yes');
		expect(w?.swap).toBe('no');
		expect(w?.text).toMatch(new RegExp(`^“yes” is ${Math.round(100 * share)}% of the rows with a label: the majority\\. .*Make “no” the positive class\\?$`));
		expect(positiveMajorityWarning(counts, 'no')).toBeNull();
		// Three values: no single value to swap to.
		expect(positiveMajorityWarning([...counts, { value: 'maybe', count: 3 }], 'yes')?.swap).toBeNull();
		expect(positiveMajorityWarning([counts[0]], 'yes')).toBeNull();
	});

	it('“yes” positive (80%): the baseline is “always yes”, its accuracy ≈ 80%, and recall is of “yes” (the majority)', async () => {
		const setup = await api.setup({ ...base, own: own('yes') });
		expect(setup.own).toMatchObject({ positive: 'yes', negative: 'no' });
		const c = classNames(setup);
		expect(c).toMatchObject({ pos: '“yes”', neg: '“no”', majority: 1 });
		const b = majorityBaseline(c, setup.counts.test);
		expect(b.name).toBe('Always “yes” (the majority)');
		expect(b.accuracy).toBeGreaterThan(0.75);
		expect(b.accuracy).toBeLessThan(0.85);
		// The column is what it is named: the metrics of predicting “yes” (class 1) for every test row.
		const always = confusionAt(setup.testLabels, new Float32Array(setup.testLabels.length).fill(1), 0.5);
		expect(b.accuracy).toBeCloseTo(always.accuracy, 12);
		expect(b.recall).toBe(1);
		expect(b.precision).toBeCloseTo(always.precision, 12);
		expect(b.f1).toBeCloseTo(always.f1, 12);
		const labels = metricLabels(c);
		expect([labels.recall, labels.precision, labels.f1]).toEqual(['Recall of “yes” (the majority)', 'Precision of “yes”', 'F1 of “yes”']);
		await api.train(10);
		const p = await api.peek();
		const models = p.models.map((m, i) => ({ tag: 'AB'[i], confusion: confusionAt(setup.testLabels, m.testScores, 0.5) }));
		const sentence = comparisonSentence(models, b, c);
		expect(sentence).toMatch(/finds \d+% of the “yes” rows/);
		expect(sentence).not.toMatch(/minority/);
	});

	it('“no” positive (20%): the baseline is “always no”, its accuracy ≈ 80%, and recall is of “no” (the minority)', async () => {
		const setup = await api.setup({ ...base, own: own('no') });
		const c = classNames(setup);
		expect(c).toMatchObject({ pos: '“no”', neg: '“yes”', majority: 0 });
		const b = majorityBaseline(c, setup.counts.test);
		expect(b.name).toBe('Always “yes” (the majority)');
		const always = confusionAt(setup.testLabels, new Float32Array(setup.testLabels.length), 0.5);
		expect(b.accuracy).toBeCloseTo(always.accuracy, 12);
		expect(b.accuracy).toBeGreaterThan(0.75);
		expect([b.recall, b.f1, b.precision]).toEqual([0, 0, NaN]);
		expect(metricLabels(c).recall).toBe('Recall of “no” (the minority)');
	});

	it('the synthetic data keeps its names: “Always “majority””, minority recall, and the baseline accuracy is the majority’s share', async () => {
		const setup = await api.setup(base);
		const c = classNames(setup);
		const b = majorityBaseline(c, setup.counts.test);
		expect(b.name).toBe('Always “majority”');
		expect(b.accuracy).toBeCloseTo(setup.counts.test[0] / (setup.counts.test[0] + setup.counts.test[1]), 12);
		expect(metricLabels(c).recall).toBe('Minority recall');
		const models = [0, 1].map((i) => ({ tag: 'AB'[i], confusion: confusionAt(setup.testLabels, new Float32Array(setup.testLabels.length), 0.5) }));
		expect(comparisonSentence(models, b, c)).toMatch(
			/^A and B are about as accurate as always predicting the majority \(\d+\.\d%\) while missing most of the minority\. A finds 0% of minority examples/
		);
		await api.dispose();
	});
});
