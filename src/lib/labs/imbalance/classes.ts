/**
 * What the imbalance lab calls its two classes, and the "always predict the majority" baseline of its metrics table.
 * The synthetic data's class 1 is the minority by construction ("minority", "majority"). On the user's file class 1
 * is the positive class they chose, named by its value, and it may be the majority: then the baseline predicts it
 * for everyone, and no label calls it the minority.
 */
import type { ImbalanceSetup } from '$lib/labs/imbalance/types';
import { fmtPct } from '$lib/format';
import type { Confusion } from '$lib/metrics/classification';

export interface ClassNames {
	/** Class 0 and class 1 as labels show them: majority / minority, or the file's values in quotes (“no”, “yes”; “not yes” when several). */
	neg: string;
	pos: string;
	own: boolean;
	/** The more frequent class in the training split (the baseline predicts it); null: as many of each. */
	majority: 0 | 1 | null;
}

export function classNames(setup: Pick<ImbalanceSetup, 'counts' | 'own'>): ClassNames {
	if (!setup.own) return { neg: 'majority', pos: 'minority', own: false, majority: 0 };
	const [n0, n1] = setup.counts.train;
	const { positive, negative } = setup.own;
	return {
		neg: negative === null ? `not “${positive}”` : `“${negative}”`,
		pos: `“${positive}”`,
		own: true,
		majority: n0 > n1 ? 0 : n1 > n0 ? 1 : null
	};
}

/** A class name short enough for a chart's axis (the full name stays in the chart's summary). */
export function shortName(name: string, max = 12): string {
	return name.length <= max ? name : `${name.slice(0, max - 2)}…${name.endsWith('”') ? '”' : ''}`;
}

/** “(the minority)”, “(the majority)” or nothing (as many of each) after the positive class's name. */
function role(c: ClassNames): string {
	return c.majority === 0 ? ' (the minority)' : c.majority === 1 ? ' (the majority)' : '';
}

export interface MetricLabels {
	recall: string;
	precision: string;
	f1: string;
	recallHint: string;
	precisionHint: string;
	apHint: string;
	/** The positive class's examples, as a sentence names them: “minority examples”, “the “yes” rows”. */
	examples: string;
}

/** The labels of the metrics computed for class 1: “Minority recall” on the synthetic data, “Recall of “yes” (the majority)” on a file. */
export function metricLabels(c: ClassNames): MetricLabels {
	if (!c.own)
		return {
			recall: 'Minority recall',
			precision: 'Minority precision',
			f1: 'F1 (minority)',
			recallHint: 'share of minority examples found',
			precisionHint: 'share of minority predictions that are right',
			apHint: 'rank-based like ROC AUC; sensitive to minority ranking and prevalence',
			examples: 'minority examples'
		};
	return {
		recall: `Recall of ${c.pos}${role(c)}`,
		precision: `Precision of ${c.pos}`,
		f1: `F1 of ${c.pos}`,
		recallHint: `share of the ${c.pos} rows found`,
		precisionHint: `share of the ${c.pos} predictions that are right`,
		apHint: `rank-based like ROC AUC; about finding ${c.pos}, sensitive to its prevalence`,
		examples: `the ${c.pos} rows`
	};
}

export interface Baseline {
	/** The column's heading: what it predicts and, when it is, that it is the majority. */
	name: string;
	/** The class it predicts for every example. */
	predicts: 0 | 1;
	accuracy: number;
	recall: number;
	/** NaN when it predicts no example positive. */
	precision: number;
	f1: number;
	rocAuc: number;
	ap: number;
}

/**
 * The model that predicts the training split's more frequent class for every test example (class 0 on a tie), and
 * its test metrics for class 1. `test` is the test set's class counts [class 0, class 1].
 */
export function majorityBaseline(c: ClassNames, test: [number, number]): Baseline {
	const predicts: 0 | 1 = c.majority === 1 ? 1 : 0;
	const n = test[0] + test[1];
	const prevalence = test[1] / n;
	const name = !c.own ? 'Always “majority”' : `Always ${predicts ? c.pos : c.neg}${c.majority === null ? '' : ' (the majority)'}`;
	const common = { name, predicts, rocAuc: 0.5, ap: prevalence };
	return predicts
		? { ...common, accuracy: prevalence, recall: 1, precision: prevalence, f1: (2 * prevalence) / (1 + prevalence) }
		: { ...common, accuracy: test[0] / n, recall: 0, precision: NaN, f1: 0 };
}

/** A model's accuracy against the baseline's: within a point ('about'), more than a point below ('less') or above ('more'). */
export function baselineStanding(c: Pick<Confusion, 'accuracy'>, base: Pick<Baseline, 'accuracy'>): 'about' | 'less' | 'more' {
	return c.accuracy > base.accuracy + 0.01 ? 'more' : c.accuracy >= base.accuracy - 0.01 ? 'about' : 'less';
}

/** The table's sentence: who is no more accurate than the baseline while missing most of class 1, and who finds more of it. */
export function comparisonSentence(models: Array<{ tag: string; confusion: Confusion }>, base: Baseline, c: ClassNames): string {
	const [a, b] = models;
	if (!a || !b) return '';
	const labels = metricLabels(c);
	const always = c.own ? `always predicting ${base.predicts ? c.pos : c.neg}${c.majority === null ? '' : ', the majority'}` : 'always predicting the majority';
	const missing = c.own ? `missing most of ${labels.examples}` : 'missing most of the minority';
	const parts: string[] = [];
	// Models that miss most of class 1 and are no more accurate than the baseline (within a point).
	const fooled = [a, b].filter((m) => baselineStanding(m.confusion, base) !== 'more' && m.confusion.recall < 0.5);
	for (const about of [true, false]) {
		const group = fooled.filter((m) => (baselineStanding(m.confusion, base) === 'about') === about);
		if (!group.length) continue;
		parts.push(
			`${group.map((m) => m.tag).join(' and ')} ${group.length > 1 ? 'are' : 'is'} ${about ? 'about as accurate as' : 'less accurate than'} ${always} (${fmtPct(base.accuracy)}) while ${missing}.`
		);
	}
	const better = a.confusion.recall >= b.confusion.recall ? a : b;
	const worse = better === a ? b : a;
	// Precision has no value when a model flags nothing: said in words.
	const flagsNone = (m: { confusion: Confusion }) => m.confusion.tp + m.confusion.fp === 0;
	const at = (m: { confusion: Confusion }, long: boolean) =>
		flagsNone(m) ? ' (it predicts no positive)' : ` at ${fmtPct(m.confusion.precision, 0)}${long ? ' precision' : ''}`;
	parts.push(
		`${better.tag} finds ${fmtPct(better.confusion.recall, 0)} of ${labels.examples}${at(better, true)}; ${worse.tag} finds ${fmtPct(worse.confusion.recall, 0)}${at(worse, flagsNone(better))}.`
	);
	return parts.join(' ');
}

/**
 * The warning next to the positive-class choice when the chosen class is most of the rows (null otherwise), with the
 * value to swap to when the label has exactly one other value.
 */
export function positiveMajorityWarning(counts: Array<{ value: string; count: number }>, positive: string): { text: string; swap: string | null } | null {
	const total = counts.reduce((s, v) => s + v.count, 0);
	const pos = counts.find((v) => v.value === positive)?.count ?? 0;
	const others = counts.filter((v) => v.value !== positive);
	// One class only: training says why it cannot; no swap to offer.
	if (!total || pos <= total / 2 || !others.length) return null;
	const swap = others.length === 1 ? others[0].value : null;
	const share = fmtPct(pos / total, 0);
	return {
		text: `“${positive}” is ${share} of the rows with a label: the majority. The lab's recall, precision and PR AUC measure how well the models find the positive class, usually the rare one you care about. ${
			swap !== null ? `Make “${swap}” the positive class?` : 'Choose a rarer value as the positive class?'
		}`,
		swap
	};
}
