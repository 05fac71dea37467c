/**
 * The drift report on the user's data: the worker returns data (verdict rules, how a feature was read, notes, the
 * samples compared) and the page words it (own-words.ts). The worker's report holds no sentence; each kind of message
 * is worded as the page has always shown it.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dictionary } from '../../src/lib/data/table/column-store';
import { readTable } from '../../src/lib/labs/drift/worker/own-data';
import { driftReport, type DriftRoles, type OwnDriftReport } from '../../src/lib/labs/drift/worker/own-report';
import type { DriftTest, FeatureNote, FeatureRule, ReportNote } from '../../src/lib/labs/drift/types';
import {
	categoryLabels,
	featureNoteText,
	psiText,
	reportNoteText,
	reportNotes,
	ruleText,
	sampleTexts,
	testText,
	whyTexts
} from '../../src/lib/labs/drift/own-words';

const LIVE = { stale: false };
const ROLES: DriftRoles = { batch: null, referenceBatches: 1, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 };
const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/own-data', name), 'utf8');

async function report(ref: string, cur: string | null, roles: Partial<DriftRoles>): Promise<OwnDriftReport> {
	const dicts = new Map<string, Dictionary>();
	const reference = (await readTable(new Blob([ref]), dicts, LIVE)).table;
	const current = cur === null ? null : (await readTable(new Blob([cur]), dicts, LIVE)).table;
	return driftReport({ reference, current }, { ...ROLES, ...roles });
}

/** Every string in a value, with its path. */
function strings(x: unknown, path = ''): Array<{ path: string; value: string }> {
	if (typeof x === 'string') return [{ path, value: x }];
	if (Array.isArray(x)) return x.flatMap((v, i) => strings(v, `${path}[${i}]`));
	if (x && typeof x === 'object') return Object.entries(x).flatMap(([k, v]) => strings(v, `${path}.${k}`));
	return [];
}

const SENTENCE_FIELDS = /\.(note|notes|rule|label)(\[\d+\])?$/;

describe("the worker's report holds data, not sentences", () => {
	it('the dated fixture split by month, a column left out: no sentence anywhere in the report', async () => {
		const r = await report(fixture('drift-daily.csv'), null, { batch: 'date', referenceBatches: 3, period: 'month', exclude: ['sparse'] });
		// Through structured cloning, as the page receives it.
		const all = strings(JSON.parse(JSON.stringify(r)));
		expect(all.filter((s) => / /.test(s.value))).toEqual([]);
		// note, rule and each of notes are objects (a kind and its data), never text.
		expect(all.filter((s) => /\.(note|rule)$|\.notes\[\d+\]$/.test(s.path))).toEqual([]);
		// The page words it as before.
		expect(sampleTexts(r)).toEqual({ reference: 'the first 3 months, 2023-01 to 2023-03', target: 'the 11 later months' });
		expect(reportNotes(r)).toEqual([
			'Rows split by month of “date” (dates read as year-month-day), in time order whatever the order of the rows in the file.',
			'6 rows without a date in “date” left out.'
		]);
		const sparse = r.features.find((f) => f.name === 'sparse')!;
		expect(sparse.rule).toEqual({ kind: 'unticked', missingRef: sparse.missingRef, missingCur: sparse.missingCur });
		expect(ruleText(sparse.rule)).toMatch(/^Not compared: 6\d% of its values are missing \(\d\d% → \d\d%\), so it is left out by default/);
		expect(r.features.find((f) => f.name === 'x')!.rule).toMatchObject({ kind: 'drift', test: { kind: 'psi', family: 3, tied: false } });
	});

	it('two files: columns in one file only, current rows without a batch, a current batch as target', async () => {
		const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('\n') + '\n';
		const ref = 'a,x,colour\n' + rows(300, (i) => `${i},${Math.sin(i)},${i % 3 ? 'red' : 'blue'}`);
		const cur = 'x,colour,batch,c\n' + rows(300, (i) => `${Math.cos(i)},${i % 4 ? 'red' : 'blue'},${i % 50 ? `w${Math.floor(i / 100)}` : ''},${i}`);
		const r = await report(ref, cur, { batch: 'batch', target: 1 });
		expect(r.notes).toEqual([
			{ kind: 'rows-without-batch', rows: 6, column: 'batch', current: true },
			{ kind: 'only-in-reference', columns: ['a'] },
			{ kind: 'only-in-current', columns: ['c'] }
		]);
		expect(r.reference).toEqual({ rows: 300, batches: [] });
		expect(r.target).toEqual({ rows: 98, batch: 1 });
		expect(strings(JSON.parse(JSON.stringify(r))).filter((s) => SENTENCE_FIELDS.test(s.path) && / /.test(s.value))).toEqual([]);
		expect(sampleTexts(r)).toEqual({ reference: 'the reference file', target: 'batch w1' });
		expect(reportNotes(r)).toEqual([
			'6 current rows without a value in “batch” left out.',
			'Only in the reference file (not compared): “a”.',
			'Only in the current file (not compared): “c”.'
		]);
	});
});

describe('the page words each kind', () => {
	const psi = (critical: number, family: number, tied = false): DriftTest => ({ kind: 'psi', critical, family, tied });
	const chi2 = (family: number, replicates: number | null = null): DriftTest => ({ kind: 'chi2', family, replicates });

	it('the tests behind a verdict, and PSI in a sentence', () => {
		expect(testText(psi(0.0754, 4))).toBe('PSI above 0.075 (what no drift exceeds with probability 0.05 / 4 features)');
		expect(testText(psi(0.176, 1))).toBe('PSI above 0.176 (what no drift exceeds with probability 0.05)');
		expect(testText(psi(0.106, 3, true))).toBe('PSI above 0.106 (what no drift exceeds with probability 0.05 / 3 features, simulated from the pooled values)');
		expect(testText(chi2(5))).toBe("Pearson's χ² test at 0.05 / 5 features");
		expect(testText(chi2(6, 2000))).toBe("Pearson's χ² test at 0.05 / 6 features (p-value conditional on the totals, by Monte Carlo over 2,000 tables)");
		expect([0, 0.0022, 0.00699, 0.37].map(psiText)).toEqual(['0', '0.0022', '0.0070', '0.370']);
	});

	it('every rule', () => {
		const rules: Record<FeatureRule['kind'], Array<[FeatureRule, string]>> = {
			drift: [
				[
					{ kind: 'drift', test: chi2(5), psi: 0.503, n: 3000, m: 3000 },
					"Drift: Pearson's χ² test at 0.05 / 5 features flags it and PSI 0.503 ≥ 0.1 (a moderate shift or more)."
				]
			],
			small: [
				[
					{ kind: 'small', test: psi(0.0022, 5), psi: 0.00699, n: 20000, m: 20000 },
					'Beyond noise, PSI below 0.1: PSI above 0.0022 (what no drift exceeds with probability 0.05 / 5 features) flags it, but PSI 0.0070 < 0.1, under the rule of thumb for a moderate shift (20,000 reference and 20,000 current values; with large samples a negligible shift is detectable, and PSI stays small for a column with few values even when their shares move).'
				]
			],
			'within-noise': [
				[
					{ kind: 'within-noise', test: psi(0.014, 5), psi: 0.002, n: 3000, m: 3000 },
					'Within noise: PSI above 0.014 (what no drift exceeds with probability 0.05 / 5 features) does not flag it (3,000 reference and 3,000 current values).'
				],
				[
					{ kind: 'within-noise', test: psi(1.013, 6), psi: 0.63, n: 40, m: 40 },
					'Within noise: PSI above 1.013 (what no drift exceeds with probability 0.05 / 6 features) does not flag it (40 reference and 40 current values). PSI 0.630 is over the 0.1 rule of thumb, but not beyond what chance gives at this level with samples this size.'
				]
			],
			'one-value': [[{ kind: 'one-value' }, 'One value only, in both samples: nothing changes.']],
			'no-current-values': [[{ kind: 'no-current-values' }, 'No values in the current data: nothing to compare.']],
			'too-few-reference': [[{ kind: 'too-few-reference', min: 10 }, 'Fewer than 10 values in the reference: too few to compare.']],
			'no-reference-values': [[{ kind: 'no-reference-values' }, 'No values in the reference.']],
			dates: [
				[
					{ kind: 'dates' },
					'Dates or times: not compared as a feature (their values move with time by construction); choose the column as the time column to split the rows by period.'
				]
			],
			identifier: [[{ kind: 'identifier' }, 'Text with more than 1,000 distinct values (an identifier?): not compared.']],
			unticked: [
				[
					{ kind: 'unticked', missingRef: 0.667, missingCur: 0.667 },
					'Not compared: 67% of its values are missing, so it is left out by default; tick it under “Features compared” to compare it.'
				],
				[
					{ kind: 'unticked', missingRef: 0.667, missingCur: 0.8 },
					'Not compared: 80% of its values are missing (67% → 80%), so it is left out by default; tick it under “Features compared” to compare it.'
				],
				[{ kind: 'unticked', missingRef: 0, missingCur: 0.1 }, 'Not compared: unticked under “Features compared”.']
			]
		};
		for (const [kind, cases] of Object.entries(rules)) for (const [rule, text] of cases) expect(ruleText(rule), kind).toBe(text);
	});

	it('how a feature was read, and the "Why" cell (a feature not compared says its reason twice, as it always has)', () => {
		const notes: Array<[FeatureNote, string]> = [
			[{ kind: 'few-numbers', distinct: 2 }, 'Numbers with 2 distinct values: compared as categories.'],
			[
				{ kind: 'tied-numbers', distinct: 19, groups: 19 },
				"Numbers with repeated values (19 distinct values): bins at distinct values, the no-drift band simulated from the reference and current values pooled; KS's p-value is conservative with ties."
			],
			[
				{ kind: 'tied-numbers', distinct: 400, groups: 66 },
				"Numbers with repeated values (400 distinct values, grouped into 66): bins at distinct values, the no-drift band simulated from the reference and current values pooled; KS's p-value is conservative with ties."
			]
		];
		for (const [note, text] of notes) expect(featureNoteText(note)).toBe(text);
		const id = 'Text with more than 1,000 distinct values (an identifier?): not compared.';
		expect(whyTexts({ kind: 'skipped', note: null, rule: { kind: 'identifier' } })).toEqual({ rule: id, note: id });
		expect(whyTexts({ kind: 'categorical', note: notes[0][0], rule: { kind: 'no-current-values' } })).toEqual({
			rule: 'No values in the current data: nothing to compare.',
			note: notes[0][1]
		});
		expect(whyTexts({ kind: 'numeric', note: null, rule: { kind: 'one-value' } }).note).toBeNull();
	});

	it('report notes, the samples compared and the pooled category', () => {
		const notes: Array<[ReportNote, string]> = [
			[{ kind: 'rows-without-batch', rows: 25, column: 'batch', current: false }, '25 rows without a value in “batch” left out.'],
			[{ kind: 'rows-without-batch', rows: 1, column: 'day', current: true }, '1 current row without a value in “day” left out.'],
			[{ kind: 'only-in-reference', columns: ['a', 'b'] }, 'Only in the reference file (not compared): “a”, “b”.'],
			[{ kind: 'only-in-current', columns: ['c'] }, 'Only in the current file (not compared): “c”.']
		];
		for (const [note, text] of notes) expect(reportNoteText(note)).toBe(text);
		const batches = [
			{ label: 'd3', rows: 400 },
			{ label: 'd4', rows: 400 },
			{ label: 'rows 2–51', rows: 50 }
		];
		const oneFile = { mode: 'one-file' as const, batches, period: null, reference: { rows: 800, batches: ['d1', 'd2'] } };
		expect(sampleTexts({ ...oneFile, target: { rows: 1200, batch: null } })).toEqual({ reference: 'the first 2 batches', target: 'the 3 later batches' });
		expect(sampleTexts({ ...oneFile, target: { rows: 50, batch: 2 } }).target).toBe('batch rows 2–51');
		expect(sampleTexts({ ...oneFile, mode: 'two-files', reference: { rows: 800, batches: [] }, target: { rows: 850, batch: null } })).toEqual({
			reference: 'the reference file',
			target: 'the current file'
		});
		expect(categoryLabels({ labels: ['red', 'blue'], other: 0 })).toEqual(['red', 'blue']);
		expect(categoryLabels({ labels: ['c1', 'c2'], other: 30 })).toEqual(['c1', 'c2', 'other (30 values)']);
		expect(categoryLabels({ labels: ['c1'], other: 1 })).toEqual(['c1', 'other (1 value)']);
	});
});
