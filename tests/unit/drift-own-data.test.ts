import { beforeAll, describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { createRng } from '../../src/lib/data/rng';
import { CODE_CAP, ColumnStore, Dictionary, type StoredTable } from '../../src/lib/data/table/column-store';
import { ImportError } from '../../src/lib/data/table/text-stream';
import { readTable } from '../../src/lib/labs/drift/worker/own-data';
import { driftReport, type DriftRoles, type OwnDriftReport } from '../../src/lib/labs/drift/worker/own-report';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import type { DriftConfig } from '../../src/lib/labs/drift/types';
import { featureNoteText, ruleText, sampleTexts } from '../../src/lib/labs/drift/own-words';

const LIVE = { stale: false };
const blob = (text: string | Uint8Array) => new Blob([text as BlobPart]);
const ROLES: DriftRoles = { batch: null, referenceBatches: 1, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 };

async function table(text: string, dicts: Map<string, Dictionary>): Promise<StoredTable> {
	return (await readTable(blob(text), dicts, LIVE)).table;
}

/** Rows of a synthetic table: x ~ N(shift, 1), z ~ N(0, 1), colour from weights, an id, label/score. */
function csv(rows: number, seed: number, opts: { shift?: number; colours?: number[]; flip?: number; batch?: (i: number) => string } = {}): string {
	const rng = createRng(seed);
	const { shift = 0, colours = [0.5, 0.3, 0.2], flip = 0 } = opts;
	const lines = [`${opts.batch ? 'batch,' : ''}x,z,colour,id,label,score`];
	for (let i = 0; i < rows; i++) {
		const x = shift + rng.normal();
		const u = rng.next();
		const colour = u < colours[0] ? 'red' : u < colours[0] + colours[1] ? 'green' : 'blue';
		const y = rng.next() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
		// The score follows the reference relation; `flip` of the rows have it reversed (concept drift).
		const s = 1 / (1 + Math.exp(-2 * (rng.next() < flip ? -x : x)));
		lines.push(`${opts.batch ? opts.batch(i) + ',' : ''}${x},${rng.normal()},${colour},u${seed}-${i},${y},${s}`);
	}
	return lines.join('\n') + '\n';
}

async function report(ref: string, cur: string | null, roles: Partial<DriftRoles> = {}): Promise<OwnDriftReport> {
	const dicts = new Map<string, Dictionary>();
	return driftReport({ reference: await table(ref, dicts), current: cur === null ? null : await table(cur, dicts) }, { ...ROLES, ...roles });
}

async function reportError(ref: string, cur: string | null, roles: Partial<DriftRoles> = {}): Promise<string> {
	try {
		await report(ref, cur, roles);
	} catch (e) {
		expect(e).toBeInstanceOf(ImportError);
		return (e as Error).message;
	}
	throw new Error('expected an ImportError');
}

const feature = (r: OwnDriftReport, name: string) => r.features.find((f) => f.name === name)!;

describe('column store', () => {
	it('keeps numbers and codes, drops the form a column does not have, shares codes between tables', () => {
		const dicts = new Map<string, Dictionary>();
		const a = new ColumnStore(dicts);
		a.header(['n', 'c', 'id']);
		const rows: string[][] = [];
		for (let i = 0; i < CODE_CAP + 5; i++) rows.push([String(i % 3), i % 2 ? 'x' : 'NA', `id${i}`]);
		a.push(rows);
		const t = a.finish();
		expect(t.rows).toBe(CODE_CAP + 5);
		const [n, c, id] = t.columns;
		expect(n.numbers![4]).toBe(1);
		expect(n.codes![4]).toBe(n.dictionary.codes.get('1'));
		expect(c.numbers).toBeNull();
		expect(c.codes![0]).toBe(-1);
		expect(c.missing).toBe(Math.ceil((CODE_CAP + 5) / 2));
		expect(id.codes).toBeNull();
		expect(id.dictionary.overflow).toBe(true);
		const b = new ColumnStore(dicts);
		b.header(['c']);
		b.push([['x'], ['y']]);
		const u = b.finish();
		expect(u.columns[0].codes![0]).toBe(c.dictionary.codes.get('x'));
		expect(u.columns[0].dictionary).toBe(c.dictionary);
	});
});

describe('drift report on your own files', () => {
	it('no drift: every feature within noise; the id column is skipped; verdicts name their rule', async () => {
		const r = await report(csv(3000, 1), csv(3000, 2));
		expect(r.mode).toBe('two-files');
		expect(r.family).toBe(5);
		for (const f of r.features.filter((x) => x.kind !== 'skipped')) {
			expect(f.verdict, f.name).toBe('none');
			expect(ruleText(f.rule)).toMatch(/Within noise/);
		}
		expect(feature(r, 'id').kind).toBe('skipped');
		expect(ruleText(feature(r, 'id').rule)).toMatch(/identifier/);
		// label and score are features when not named as roles; the label has two values: compared as categories.
		expect(feature(r, 'label').kind).toBe('categorical');
		expect(featureNoteText(feature(r, 'label').note!)).toMatch(/2 distinct values/);
		expect(feature(r, 'x').test!.name).toBe('KS');
		expect(feature(r, 'colour').test!.name).toBe('χ²');
	});

	it('a shifted numeric and a re-weighted categorical feature drift, sorted first; histograms sum to 1', async () => {
		const r = await report(csv(3000, 1), csv(3000, 2, { shift: 0.6, colours: [0.2, 0.3, 0.5] }));
		const [first, second] = r.features;
		expect(new Set([first.name, second.name])).toEqual(new Set(['x', 'colour']));
		// label and score follow x, so they drift too.
		for (const name of ['x', 'colour', 'score']) expect(feature(r, name).verdict, name).toBe('drift');
		expect(feature(r, 'z').verdict).toBe('none');
		const x = feature(r, 'x');
		expect(x.psi).toBeGreaterThan(x.psiCritical!);
		expect(x.wassersteinSd!).toBeGreaterThan(0.4);
		expect(x.wassersteinSd!).toBeLessThan(0.8);
		expect(x.test!.pValue).toBeLessThan(1e-10);
		expect(x.hist.edges!.length).toBe(x.hist.ref.length + 1);
		for (const f of [x, feature(r, 'colour')]) {
			expect(f.hist.ref.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
			expect(f.hist.cur.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
		}
		expect([...feature(r, 'colour').hist.labels!].sort()).toEqual(['blue', 'green', 'red']);
	});

	it('a tiny shift on large samples is beyond noise with PSI below 0.1, not "drift"', async () => {
		const r = await report(csv(60000, 1), csv(60000, 2, { shift: 0.06 }));
		const x = feature(r, 'x');
		expect(x.verdict).toBe('small');
		expect(x.psi).toBeLessThan(0.1);
		expect(ruleText(x.rule)).toMatch(/Beyond noise, PSI below 0.1/);
	});

	it('PSI over 0.1 on tiny samples can still be noise, and the page says so', async () => {
		// 40 current rows against 40: PSI's no-drift mean is ≈ 9·(1/40 + 1/40) ≈ 0.45.
		const r = await report(csv(40, 1), csv(40, 2));
		const x = feature(r, 'x');
		expect(x.psi).toBeGreaterThan(0.1);
		expect(x.verdict).toBe('none');
		expect(ruleText(x.rule)).toMatch(/over the 0.1 rule of thumb, but not beyond what chance gives/);
	});

	it('one file with a batch column: reference batches, a timeline, a single batch as target', async () => {
		// Batches d1…d10 of 400 rows; x shifts from d7 on.
		const rows = 4000;
		const text = csv(rows, 5, { batch: (i) => `d${Math.floor(i / 400) + 1}` });
		const lines = text.trim().split('\n');
		const shifted = lines.map((l, i) => {
			if (i === 0 || i <= 2400) return l;
			const f = l.split(',');
			f[1] = String(Number(f[1]) + 1);
			return f.join(',');
		});
		const r = await report(shifted.join('\n'), null, { batch: 'batch', referenceBatches: 3 });
		expect(r.mode).toBe('one-file');
		expect(r.reference.rows).toBe(1200);
		expect(r.batches.map((b) => b.label)).toEqual(['d4', 'd5', 'd6', 'd7', 'd8', 'd9', 'd10']);
		const tx = r.timeline.features.find((f) => f.name === 'x')!;
		expect(tx.over).toEqual([false, false, false, true, true, true, true]);
		expect(r.timeline.features.find((f) => f.name === 'z')!.over.every((o) => !o)).toBe(true);
		expect(r.timeline.comparisons).toBe(7 * r.family);
		const one = await report(shifted.join('\n'), null, { batch: 'batch', referenceBatches: 3, target: 1 });
		expect(one.target).toEqual({ rows: 400, batch: 1 });
		expect(sampleTexts(one)).toEqual({ reference: 'the first 3 batches', target: 'batch d5' });
		expect(feature(one, 'x').verdict).toBe('none');
	});

	it('two files without a batch column: the current file in consecutive chunks', async () => {
		const r = await report(csv(1000, 1), csv(2000, 2));
		expect(r.batches.length).toBe(20);
		expect(r.batches[0]).toEqual({ label: 'rows 2–101', rows: 100 });
		expect(r.timeline.features[0].psi.length).toBe(20);
	});

	it('label and score: accuracy and AUC per batch; DDM and Page–Hinkley alarm when the relation flips', async () => {
		const cur = csv(6000, 2, { flip: 0.5 });
		const calm = await report(csv(6000, 1), csv(6000, 3), { label: 'label', prediction: 'score' });
		expect(calm.errors!.scores).toBe(true);
		expect(calm.errors!.positive).toBe('1');
		expect(calm.errors!.ddm).toEqual([]);
		expect(calm.errors!.pageHinkley).toEqual([]);
		const acc0 = calm.errors!.referenceAccuracy;
		expect(acc0).toBeGreaterThan(0.7);
		const r = await report(csv(6000, 1), cur, { label: 'label', prediction: 'score' });
		const e = r.errors!;
		expect(e.perBatch.length).toBe(20);
		const meanAcc = e.perBatch.reduce((a, b) => a + b.accuracy, 0) / e.perBatch.length;
		expect(meanAcc).toBeLessThan(acc0 - 0.1);
		expect(e.perBatch[0].auc).not.toBeNull();
		expect(e.ddm.length + e.pageHinkley.length).toBeGreaterThan(0);
		// The label and the score are roles, not features.
		expect(r.features.map((f) => f.name).sort()).toEqual(['colour', 'id', 'x', 'z']);
	});

	it('bad roles get messages in words', async () => {
		const ref = csv(500, 1);
		expect(await reportError(ref, null)).toMatch(/One file needs a batch or time column/);
		expect(await reportError(csv(1200, 1), null, { batch: 'id' })).toMatch(/more than 1,000 distinct values/);
		expect(await reportError(ref, null, { batch: 'colour', referenceBatches: 3 })).toMatch(/has 3 batches; with 3 reference batches there is nothing left/);
		expect(await reportError(ref, null, { batch: 'nope' })).toMatch(/no column “nope”/);
		expect(await reportError(ref, csv(500, 2), { label: 'colour', prediction: 'score' })).toMatch(/“colour” has 3 values/);
		expect(await reportError(ref, csv(500, 2), { label: 'label', prediction: 'x' })).toMatch(/must lie in \[0, 1\]/);
		expect(await reportError(ref, csv(500, 2), { label: 'label', prediction: 'colour' })).toMatch(/not a value of the label/);
		const oneClass = ref.replace(/,0,(?=[0-9.e-]+\n)/g, ',1,');
		expect(await reportError(oneClass, oneClass, { label: 'label', prediction: 'score' })).toMatch(/only one value/);
	});

	it('a value in the current file that is not a number makes that column categorical in both; missing shares per sample', async () => {
		const ref = 'a,b\n' + Array.from({ length: 200 }, (_, i) => `${i % 7},${i}`).join('\n');
		const cur = 'a,b\n' + Array.from({ length: 200 }, (_, i) => `${i % 5 === 0 ? 'NA' : i % 7},${i === 3 ? 'oops' : i}`).join('\n');
		const r = await report(ref, cur);
		expect(feature(r, 'a').missingCur).toBeCloseTo(0.2, 9);
		expect(feature(r, 'a').missingRef).toBe(0);
		expect(feature(r, 'b').kind).toBe('categorical');
	});
});

describe('round trip: the lab exports its stream; importing it gives the lab’s own PSI and KS', () => {
	const api = createDriftApi();
	beforeAll(async () => {
		await api.init('cpu');
	});

	it('per-batch PSI equals the simulation’s for every batch after the reference', async () => {
		const config: DriftConfig = {
			covariate: 1,
			prior: 0,
			concept: 0,
			schedule: 'sudden',
			onset: 12,
			span: 4,
			noise: 0.3,
			seed: 11,
			batches: 20,
			batchSize: 150,
			referenceBatches: 4,
			labelDelay: 1,
			retrainEvery: 8,
			detector: 'ddm',
			window: 4,
			ddmLevel: 3.5,
			phLambda: 80
		};
		const out = await api.run(config);
		if (out.status !== 'done') throw new Error('cancelled');
		const text = api.streamCsv()!;
		expect(text.split('\n')[0]).toBe('batch,x1,x2,label');
		const imported = await api.importFile('reference', blob(gzipSync(text)));
		expect(imported.status).toBe('done');
		const rep = await api.ownReport({ ...ROLES, batch: 'batch', referenceBatches: 4 });
		if (rep.status !== 'done' || !rep.result) throw new Error('no report');
		const r = rep.result;
		expect(r.batches.length).toBe(16);
		for (const [j, name] of ['x1', 'x2'].entries()) {
			const t = r.timeline.features.find((f) => f.name === name)!;
			t.psi.forEach((v, b) => expect(v).toBe(out.result.batches[b + 4].features[j].psi));
		}
		// The whole current stream against the reference: x2 drifts (covariate shift), the report says so.
		expect(feature(r, 'x2').verdict).toBe('drift');
		// Forgetting clears it.
		api.forgetOwn(null);
		const gone = await api.ownReport({ ...ROLES, batch: 'batch', referenceBatches: 4 });
		expect(gone.status === 'done' && gone.result).toBe(null);
	});

	it('two files dropped at once are both read (one lane per slot); a newer file for a slot supersedes the older', async () => {
		api.forgetOwn(null);
		const [a, b, c] = await Promise.all([
			api.importFile('reference', blob(csv(20000, 1))),
			api.importFile('current', blob(csv(500, 2))),
			api.importFile('current', blob(csv(700, 3)))
		]);
		expect(a.status).toBe('done');
		expect(b.status).toBe('cancelled');
		expect(c.status === 'done' && [c.result.reference?.rows, c.result.current?.rows]).toEqual([20000, 700]);
	});

	it('a failed read keeps the file read before', async () => {
		api.forgetOwn(null);
		expect((await api.importFile('reference', blob(csv(300, 1)))).status).toBe('done');
		await expect(api.importFile('current', blob('x,z\n1,2\n3\n'))).rejects.toThrow(/Current file: Row 3 has 1 field/);
		const rep = await api.ownReport({ ...ROLES, batch: 'colour' });
		expect(rep.status === 'done' && rep.result?.mode).toBe('one-file');
	});
});

describe('no drift: the family-wise false-flag rate stays at or below 5% (simulation)', () => {
	it('over 300 A/A pairs of files (4 numeric and 2 categorical features, 20 batches), any feature flagged ≤ 5%', async () => {
		const rng = createRng(2024);
		const make = (rows: number) => {
			const s = new ColumnStore(dicts);
			s.header(['a', 'b', 'c', 'd', 'e', 'f']);
			const rs: string[][] = [];
			for (let i = 0; i < rows; i++)
				rs.push(
					[rng.normal(), rng.gamma(2), rng.next(), rng.normal(5, 3)]
						.map(String)
						.concat([rng.next() < 0.3 ? 'p' : rng.next() < 0.5 ? 'q' : 'r', String(rng.int(4))])
				);
			s.push(rs);
			return s.finish();
		};
		let dicts = new Map<string, Dictionary>();
		let anyFeature = 0;
		let anyBatch = 0;
		const runs = 300;
		for (let r = 0; r < runs; r++) {
			dicts = new Map();
			const rep = await driftReport({ reference: make(400), current: make(1000) }, ROLES);
			if (rep.features.some((f) => f.verdict === 'drift' || f.verdict === 'small')) anyFeature++;
			if (rep.timeline.features.some((f) => f.over.some(Boolean))) anyBatch++;
		}
		// Bonferroni is conservative; 5% of 300 is 15, and a binomial(300, 0.05) exceeds 24 with probability < 1%.
		expect(anyFeature).toBeLessThanOrEqual(24);
		expect(anyBatch).toBeLessThanOrEqual(24);
		// …but not vacuous: with the level at 5% per feature (no correction) flags would be several times more frequent.
		expect(anyFeature + anyBatch).toBeGreaterThan(0);
	}, 120_000);
});
