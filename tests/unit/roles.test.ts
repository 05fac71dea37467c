/**
 * The one column-role guesser (src/lib/data/table/roles.ts): each column's profile in one vocabulary of kinds, from
 * files read as the labs read them (dates, decimal commas, identifiers, mostly missing, two-valued, 0/1, constant,
 * empty), and the pickers the three labs use — labels and the positive class, time columns, the truth and a
 * prediction, features ticked at first (over half missing: unticked, with the reason), an experiment's columns by name.
 */
import { describe, expect, it } from 'vitest';
import { readTable, type FileColumn, type FileSummary } from '../../src/lib/engine/read-table';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import {
	MOSTLY_MISSING,
	NAMES,
	canSplit,
	controlArm,
	experimentColumns,
	featureDefaults,
	featureUsable,
	firstNamed,
	guessLabel,
	guessTimeColumn,
	guessTruthAndPrediction,
	labelCandidates,
	missingReason,
	missingShare,
	namedLike,
	normName,
	notComparable,
	percentText,
	positiveClass,
	preferredNamed,
	roleProfile,
	timeCandidates,
	type ColumnFacts
} from '../../src/lib/data/table/roles';

async function read(text: string): Promise<FileSummary> {
	return (await readTable(new Blob([text]), new Map(), NEVER_STALE)).summary;
}

const col = (s: FileSummary, name: string): FileColumn => s.columns.find((c) => c.name === name)!;
const facts = (name: string, type: ColumnFacts['type'], distinct: number | null, more: Partial<ColumnFacts> = {}): ColumnFacts => ({
	name,
	type,
	present: 10,
	missing: 0,
	distinct,
	values: distinct === null ? null : Array.from({ length: Math.min(distinct, 50) }, (_, i) => String(i)),
	...more
});

/** 1,200 rows: an id, a date, a number mostly missing, a two-valued text, a 0/1, a constant, an empty column, a category. */
function mixed(sep = ',', decimal = '.'): string {
	const head = ['id', 'when', 'score', 'sparse', 'churn', 'flag', 'const', 'nothing', 'city'].join(sep);
	const rows = Array.from({ length: 1200 }, (_, i) => {
		const day = `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`;
		const score = `${i % 97}${decimal}${i % 10}5`;
		const sparse = i % 10 < 7 ? '' : String(i);
		return [`u${i}`, day, score, sparse, i % 3 ? 'no' : 'yes', String(i % 2), '7', '', ['paris', 'lyon', 'nice'][i % 3]].join(sep);
	});
	return [head, ...rows].join('\n') + '\n';
}

describe('a column profile, once per column', () => {
	it('kinds, distinct values, missing share, two-valued and 0/1, from a file as the labs read it', async () => {
		const s = await read(mixed());
		const p = (name: string) => roleProfile(col(s, name));
		expect(p('id')).toMatchObject({ kind: 'identifier', numeric: false, dated: false, distinct: null, categories: false, values: null });
		expect(p('when')).toMatchObject({ kind: 'date', dated: true, categories: true, distinct: 84 });
		expect(p('score')).toMatchObject({ kind: 'number', numeric: true, missingShare: 0, twoValued: false, zeroOne: false });
		expect(p('sparse')).toMatchObject({ kind: 'number', numeric: true, missing: 840, present: 360 });
		expect(p('sparse').missingShare).toBeCloseTo(0.7, 12);
		expect(p('churn')).toMatchObject({ kind: 'category', distinct: 2, twoValued: true, zeroOne: false });
		expect(p('flag')).toMatchObject({ kind: 'number', distinct: 2, twoValued: true, zeroOne: true });
		expect(p('const')).toMatchObject({ kind: 'constant', numeric: true, distinct: 1, twoValued: false });
		expect(p('nothing')).toMatchObject({ kind: 'empty', numeric: true, present: 0, missing: 1200, missingShare: 1 });
		expect(p('city')).toMatchObject({ kind: 'category', distinct: 3 });
		// Made once: the same object for the same column.
		expect(roleProfile(col(s, 'city'))).toBe(p('city'));
	});

	it('a file written with decimal commas: its numbers are numbers, its dotted dates dates', async () => {
		const s = await read(mixed(';', ','));
		expect(s.format.decimalComma).toBe(true);
		expect(roleProfile(col(s, 'score'))).toMatchObject({ kind: 'number', numeric: true });
		const dotted = await read('datum;preis\n' + Array.from({ length: 30 }, (_, i) => `${String(i + 1).padStart(2, '0')}.03.2024;${i},5`).join('\n'));
		expect(roleProfile(col(dotted, 'datum'))).toMatchObject({ kind: 'date', dated: true });
		expect(roleProfile(col(dotted, 'preis'))).toMatchObject({ kind: 'number', numeric: true, zeroOne: false });
	});

	it('0/1 written as booleans or decimals; a date with one value is still a date; one text value is constant', () => {
		expect(roleProfile(facts('b', 'categorical', 2, { values: ['true', 'False'] })).zeroOne).toBe(true);
		expect(roleProfile(facts('b', 'numeric', 2, { values: ['1.0', '0,0'] })).zeroOne).toBe(true);
		expect(roleProfile(facts('b', 'numeric', 2, { values: ['1', '2'] })).zeroOne).toBe(false);
		expect(roleProfile(facts('b', 'categorical', 2, { values: ['yes', 'no'] })).zeroOne).toBe(false);
		expect(roleProfile(facts('d', 'date', 1)).kind).toBe('date');
		expect(roleProfile(facts('t', 'categorical', 1)).kind).toBe('constant');
		expect(roleProfile(facts('n', 'numeric', null)).kind).toBe('number');
		expect(roleProfile(facts('t', 'categorical', null)).kind).toBe('identifier');
	});
});

describe('names', () => {
	it('are compared normalised; a vocabulary is a set in the file’s order or a preference', () => {
		expect(normName('Is Fraud')).toBe('isfraud');
		expect(namedLike('y_true', NAMES.truth)).toBe(true);
		const cols = [{ name: 'Class' }, { name: 'label' }];
		expect(firstNamed(cols, NAMES.label)?.name).toBe('Class');
		expect(preferredNamed(cols, NAMES.label)?.name).toBe('label');
		expect(preferredNamed(cols, NAMES.label, (c) => c.name !== 'label')?.name).toBe('Class');
	});
});

describe('missing values', () => {
	it('over half missing: unticked, with the reason in words', () => {
		expect(MOSTLY_MISSING).toBe(0.5);
		expect(missingShare({ present: 0, missing: 0 })).toBe(0);
		expect(missingShare({ present: 38, missing: 62 })).toBeCloseTo(0.62, 12);
		expect(percentText(0.004)).toBe('<1%');
		expect(percentText(0)).toBe('0%');
		expect(percentText(0.617)).toBe('62%');
		expect(missingReason(0.5)).toBeNull();
		expect(missingReason(0.62)).toBe('62% missing');
	});

	it('feature defaults: usable columns ticked, the mostly missing left out with the reason, the unusable without one', async () => {
		const s = await read(mixed());
		const d = featureDefaults(s.columns, { usable: featureUsable });
		const by = Object.fromEntries(d.map((f) => [f.column.name, { on: f.on, reason: f.reason }]));
		expect(by.id).toEqual({ on: false, reason: null });
		expect(by.score).toEqual({ on: true, reason: null });
		expect(by.sparse).toEqual({ on: false, reason: '70% missing' });
		expect(by.nothing).toEqual({ on: false, reason: '100% missing' });
		expect(by.city).toEqual({ on: true, reason: null });
		// A lab's own share (a missing category costs nothing) and further defaults.
		const cheap = featureDefaults(s.columns, { usable: featureUsable, share: () => 0, ticked: (c) => c.name !== 'when' });
		expect(cheap.filter((f) => f.on).map((f) => f.column.name)).toEqual(['score', 'sparse', 'churn', 'flag', 'const', 'nothing', 'city']);
	});

	it('what can be a feature or compared: numbers and kept categories; dates and identifiers are not compared', async () => {
		const s = await read(mixed());
		expect(s.columns.filter(featureUsable).map((c) => c.name)).toEqual(['when', 'score', 'sparse', 'churn', 'flag', 'const', 'nothing', 'city']);
		expect(s.columns.map((c) => notComparable(c))).toEqual(['identifier', 'date', null, null, null, null, null, null, null]);
	});
});

describe('labels', () => {
	it('candidates have kept values; the guess is named, else the last two-valued column, else the last', async () => {
		const s = await read(mixed());
		expect(labelCandidates(s.columns).map((c) => c.name)).toEqual(['when', 'score', 'sparse', 'churn', 'flag', 'const', 'city']);
		expect(guessLabel(s.columns)?.name).toBe('churn');
		expect(positiveClass(col(s, 'churn').values!)).toBe('yes');
		const unnamed = [facts('a', 'numeric', 40), facts('b', 'categorical', 2), facts('c', 'categorical', 2), facts('d', 'categorical', 5)];
		expect(guessLabel(unnamed)?.name).toBe('c');
		expect(guessLabel([facts('a', 'numeric', 40), facts('d', 'categorical', 5)])?.name).toBe('d');
		expect(guessLabel([facts('a', 'numeric', null)])).toBeUndefined();
	});

	it('the positive class: 1, true, yes… if present, else the later in sort order', () => {
		expect(positiveClass(['0', '1'])).toBe('1');
		expect(positiveClass(['False', 'True'])).toBe('True');
		expect(positiveClass(['benign', 'malignant'])).toBe('malignant');
		expect(positiveClass(['only'])).toBe('only');
	});

	it('a true label and a prediction are both named, or neither', () => {
		const label = facts('y_true', 'numeric', 2);
		const score = facts('score', 'numeric', null);
		expect(guessTruthAndPrediction([label, score])).toEqual({ label, prediction: score });
		expect(guessTruthAndPrediction([label])).toEqual({ label: null, prediction: null });
		// A label has at most two values.
		expect(guessTruthAndPrediction([facts('label', 'categorical', 3), score])).toEqual({ label: null, prediction: null });
	});
});

describe('time columns', () => {
	it('dates or 2 to 1,000 batch values; named by preference, else the first column of dates', async () => {
		const s = await read(mixed());
		expect(timeCandidates(s.columns).map((c) => c.name)).toEqual(['when', 'score', 'sparse', 'churn', 'flag', 'city']);
		expect(canSplit(col(s, 'const'))).toBe(false);
		expect(guessTimeColumn(s.columns)?.name).toBe('when');
		const named = [facts('day', 'categorical', 30), facts('batch', 'categorical', 5), facts('time', 'date', null)];
		expect(guessTimeColumn(named)?.name).toBe('batch');
		expect(guessTimeColumn([facts('batch', 'categorical', 1), facts('x', 'numeric', null)])).toBeUndefined();
	});
});

describe('an experiment, from its header', () => {
	it('per-day counts either way round, a day, an arm and its outcome; the control by its value', () => {
		expect(experimentColumns(['Date', 'Control Visitors', 'conv_control', 'visitors_b', 'B Conversions'])).toEqual({
			day: 0,
			arm: -1,
			converted: -1,
			revenue: -1,
			counts: { controlVisitors: 1, controlConversions: 2, variantVisitors: 3, variantConversions: 4 }
		});
		expect(experimentColumns(['user', 'group', 'converted', 'revenue', 'ts'])).toMatchObject({ day: 4, arm: 1, converted: 2, revenue: 3 });
		expect(experimentColumns(['time', 'bucket', 'success']).day).toBe(-1);
		expect(controlArm(['B', 'A'])).toBe(1);
		expect(controlArm(['treatment', 'Control'])).toBe(1);
		expect(controlArm(['x', 'y'])).toBe(0);
		expect(controlArm(['a', 'control'])).toBe(0);
	});
});
