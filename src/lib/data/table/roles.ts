/**
 * Which column of a user's file plays which role, guessed here for every lab: a classifier's label, its positive class
 * and the features ticked at first (imbalance); a batch or time column, a label and a prediction, the features
 * compared at first (drift); an experiment's day, arm, outcome or per-day counts (A/B). The page lets the user change
 * every guess, and each lab keeps its own words.
 *
 * Two things decide. A column's profile (`roleProfile`), in one vocabulary of kinds — 'number', 'category', 'date',
 * 'identifier' (text with more distinct values than the column store keeps as categories), 'empty', 'constant' — with
 * its distinct values, its missing share, and whether it is two-valued or 0/1; it is made from the summary the reader
 * makes of the column store (read-table.ts's FileColumn), once per column. And its name, compared with the
 * vocabularies of NAMES after normalising (lower case, letters and digits only: “Is Fraud” is “isfraud”). The A/B lab
 * knows its layout from the header alone (it streams the rows into day counts), so its pickers take the header's names.
 *
 * One rule is shared by the labs that tick features: a column missing in over half the rows is left unticked at
 * first, with the reason (“62% missing”).
 */

/** What the reader tells about a column: read-table.ts's FileColumn, or any summary with these fields. */
export interface ColumnFacts {
	name: string;
	/** 'numeric': every present value is a number; 'date': every one is a date or timestamp; any other type is text. */
	type: 'numeric' | 'categorical' | 'date';
	/** Filled cells (not missing). */
	present: number;
	missing: number;
	/** Distinct values, or null when there are more than the store keeps as categories (1,000). */
	distinct: number | null;
	/** Its distinct values (the first ones, in order of appearance), or null when they are not kept. */
	values?: readonly string[] | null;
}

/**
 * What a column is, in one word: 'empty' (no value), 'date' (dates or timestamps, however many), 'constant' (one value,
 * a number or text), 'number', 'identifier' (text with more distinct values than are kept: an id, free text), or
 * 'category' (text with fewer).
 */
export type ColumnKind = 'number' | 'category' | 'date' | 'identifier' | 'empty' | 'constant';

export interface RoleProfile {
	name: string;
	kind: ColumnKind;
	/** Every present value is a number (an empty column too: none says otherwise). A constant number's kind is 'constant'. */
	numeric: boolean;
	/** Every present value is a date or timestamp. */
	dated: boolean;
	/** Distinct values, or null past what is kept (1,000). */
	distinct: number | null;
	/** Its values are kept (at most 1,000): it can be a label, a batch column, a category. */
	categories: boolean;
	/** The values kept (the first ones), or null. */
	values: readonly string[] | null;
	present: number;
	missing: number;
	/** The share of the rows where it is missing (0 for no rows). */
	missingShare: number;
	/** Exactly two distinct values. */
	twoValued: boolean;
	/** Two values, 0 and 1 or false and true: a yes/no column. */
	zeroOne: boolean;
}

/** A column's share of missing rows (0 for no rows). */
export function missingShare(c: Pick<ColumnFacts, 'present' | 'missing'>): number {
	const rows = c.present + c.missing;
	return rows ? c.missing / rows : 0;
}

/** 0 or 1 for a value written as a 0/1 number or false/true, else null. */
function bit(v: string): 0 | 1 | null {
	const t = v.trim().toLowerCase();
	if (t === 'true') return 1;
	if (t === 'false') return 0;
	const x = /^[+-]?\d+([.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN;
	return x === 0 || x === 1 ? x : null;
}

function kindOf(c: ColumnFacts, numeric: boolean, dated: boolean): ColumnKind {
	if (c.present === 0) return 'empty';
	if (dated) return 'date';
	if (c.distinct === 1) return 'constant';
	if (numeric) return 'number';
	return c.distinct === null ? 'identifier' : 'category';
}

function profile(c: ColumnFacts): RoleProfile {
	const numeric = c.type === 'numeric';
	const dated = c.type === 'date';
	const values = c.values ?? null;
	const twoValued = c.distinct === 2;
	const bits = twoValued && values?.length === 2 ? values.map(bit) : null;
	return {
		name: c.name,
		kind: kindOf(c, numeric, dated),
		numeric,
		dated,
		distinct: c.distinct,
		categories: c.distinct !== null,
		values,
		present: c.present,
		missing: c.missing,
		missingShare: missingShare(c),
		twoValued,
		zeroOne: !!bits && bits.includes(0) && bits.includes(1)
	};
}

const profiles = new WeakMap<ColumnFacts, RoleProfile>();

/** The column's profile, made once per column summary (summaries are not changed once read). */
export function roleProfile(c: ColumnFacts): RoleProfile {
	let p = profiles.get(c);
	if (!p) profiles.set(c, (p = profile(c)));
	return p;
}

// ——— Names ———

/** A name as the vocabularies are written: lower case, letters and digits only (“Is Fraud” → “isfraud”). */
export const normName = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The names each role is recognised by (normalised). */
export const NAMES = {
	/** A label, in every lab that has one. */
	label: ['label', 'target', 'y', 'class', 'outcome'],
	/** A classifier's label named after the event it flags (imbalance). */
	event: ['fraud', 'churn', 'default', 'isfraud', 'response'],
	/** The true label beside a model's prediction (drift). */
	truth: ['actual', 'truth', 'ytrue'],
	/** A model's prediction or score, in order of preference. */
	prediction: ['score', 'prediction', 'pred', 'prob', 'probability', 'proba', 'yhat', 'ypred', 'p'],
	/** A row's identifier: never a feature at first. */
	identifier: ['id', 'uuid', 'index', 'row', 'rowid', 'key'],
	/** A batch or time column, in order of preference (a batch first). */
	time: ['batch', 'date', 'day', 'ds', 'dt', 'timestamp', 'datetime', 'time', 'ts', 'week', 'month', 'period', 'window', 'hour', 't'],
	/** An experiment's day (A/B). */
	day: ['day', 'date', 'dt', 'ds', 'period', 'timestamp', 'datetime', 'ts'],
	/** An experiment's arm column, and whether a user converted or what they spent. */
	arm: ['arm', 'group', 'variant', 'variation', 'bucket', 'cohort'],
	converted: ['converted', 'conversion', 'convert', 'outcome', 'success'],
	revenue: ['revenue', 'value', 'amount', 'spend', 'sales'],
	/** Per-day counts: a quantity and an arm, either way round (“visitors_a”, “control conversions”, “b_conv”). */
	visitors: ['visitors', 'visits', 'users', 'sessions', 'n'],
	conversions: ['conversions', 'converted', 'conv', 'orders'],
	controlSuffix: ['a', 'control', 'ctrl'],
	variantSuffix: ['b', 'variant', 'treatment', 'test'],
	/** An arm's value that names the control. */
	control: ['a', 'control', 'ctrl', 'baseline', 'old', 'current', '0']
} as const satisfies Record<string, readonly string[]>;

export const namedLike = (name: string, vocabulary: readonly string[]): boolean => vocabulary.includes(normName(name));

/** The first of `columns`, in the file's order, named like a word of `vocabulary` (and passing `ok`). */
export function firstNamed<T extends { name: string }>(
	columns: readonly T[],
	vocabulary: readonly string[],
	ok: (c: T) => boolean = () => true
): T | undefined {
	return columns.find((c) => namedLike(c.name, vocabulary) && ok(c));
}

/** The column named like the earliest word of `vocabulary` that names one (passing `ok`): the vocabulary is a preference. */
export function preferredNamed<T extends { name: string }>(
	columns: readonly T[],
	vocabulary: readonly string[],
	ok: (c: T) => boolean = () => true
): T | undefined {
	for (const word of vocabulary) {
		const c = columns.find((x) => normName(x.name) === word && ok(x));
		if (c) return c;
	}
	return undefined;
}

// ——— Missing values ———

/** A column missing in more than this share of the rows is left unticked at first. */
export const MOSTLY_MISSING = 0.5;

export const overHalfMissing = (share: number): boolean => share > MOSTLY_MISSING;

/** A share of the rows as the pages write it: “62%”, “<1%” for some but under one percent. */
export const percentText = (share: number): string => (share > 0 && share < 0.01 ? '<1%' : `${Math.round(100 * share)}%`);

/** Why a column is left unticked at first: “62% missing” when over half its rows are (null when not). */
export const missingReason = (share: number): string | null => (overHalfMissing(share) ? `${percentText(share)} missing` : null);

// ——— Features ———

/** A column offered as a feature, ticked at first or not. */
export interface FeatureDefault<T> {
	column: T;
	on: boolean;
	/** Why it is not ticked at first, e.g. “62% missing” (null when ticked, or when it cannot be used at all). */
	reason: string | null;
}

export interface FeatureRules<T> {
	/** Whether the lab can use the column at all (unusable ones are unticked, without a reason: the lab says why). */
	usable: (c: T) => boolean;
	/** The share of the rows its missing values cost (default: its own missing share). */
	share?: (c: T) => number;
	/** A lab's further defaults: false leaves a usable column unticked without a missing reason. */
	ticked?: (c: T) => boolean;
}

/** Each of `columns` as a feature: ticked at first if usable, not over half missing (said as the reason) and `ticked`. */
export function featureDefaults<T extends ColumnFacts>(columns: readonly T[], rules: FeatureRules<T>): Array<FeatureDefault<T>> {
	return columns.map((column) => {
		if (!rules.usable(column)) return { column, on: false, reason: null };
		const reason = missingReason(rules.share ? rules.share(column) : roleProfile(column).missingShare);
		return { column, on: !reason && (rules.ticked?.(column) ?? true), reason };
	});
}

/** A column a model takes as a feature: numbers, or categories (not text or dates with more values than are kept). */
export function featureUsable(c: ColumnFacts): boolean {
	const p = roleProfile(c);
	return p.numeric || p.categories;
}

/** What keeps a column from being compared between two samples: dates (they move with time) or an identifier. */
export function notComparable(c: ColumnFacts): 'date' | 'identifier' | null {
	const kind = roleProfile(c).kind;
	return kind === 'date' || kind === 'identifier' ? kind : null;
}

// ——— Labels ———

/** Columns that can be a label: their values are kept, at least one (a constant is offered too: training then says why not). */
export function labelCandidates<T extends ColumnFacts>(columns: readonly T[]): T[] {
	return columns.filter((c) => {
		const p = roleProfile(c);
		return p.values !== null && (p.distinct ?? 0) >= 1;
	});
}

/** A classifier's label: the first candidate named like a label or an event, else the last two-valued one, else the last. */
export function guessLabel<T extends ColumnFacts>(columns: readonly T[]): T | undefined {
	const labels = labelCandidates(columns);
	return firstNamed(labels, [...NAMES.label, ...NAMES.event]) ?? [...labels].reverse().find((c) => roleProfile(c).twoValued) ?? labels[labels.length - 1];
}

/** Which value of a label is the positive class: 1, true, yes, positive… if present, else the later in sort order. */
const POSITIVE = ['1', '1.0', 'true', 'yes', 'positive', 'pos', 'y', 't'];

export function positiveClass(values: readonly string[]): string {
	const lower = values.map((v) => v.toLowerCase());
	for (const p of POSITIVE) {
		const i = lower.indexOf(p);
		if (i >= 0) return values[i];
	}
	return [...values].sort()[Math.min(1, values.length - 1)];
}

/**
 * A true label and a model's prediction, both named (drift), or neither: the label has at most two values and is
 * named like a label or the truth; the prediction is named like a score or a prediction.
 */
export function guessTruthAndPrediction<T extends ColumnFacts>(columns: readonly T[]): { label: T | null; prediction: T | null } {
	const label = preferredNamed(columns, [...NAMES.label, ...NAMES.truth], (c) => {
		const p = roleProfile(c);
		return p.distinct !== null && p.distinct <= 2;
	});
	const prediction = preferredNamed(columns, NAMES.prediction);
	return label && prediction ? { label, prediction } : { label: null, prediction: null };
}

// ——— Time ———

/** A column that can split the rows in time: dates (grouped by period), or batch values (2 to 1,000 distinct). */
export function canSplit(c: ColumnFacts): boolean {
	const p = roleProfile(c);
	return p.dated || (p.distinct !== null && p.distinct >= 2);
}

export const timeCandidates = <T extends ColumnFacts>(columns: readonly T[]): T[] => columns.filter(canSplit);

/** The batch or time column: one named like a batch or a time (by preference) that can split the rows, else the first of dates. */
export function guessTimeColumn<T extends ColumnFacts>(columns: readonly T[]): T | undefined {
	return preferredNamed(columns, NAMES.time, canSplit) ?? columns.find((c) => roleProfile(c).dated);
}

// ——— An experiment (from its header) ———

export type DailyCount = 'controlVisitors' | 'controlConversions' | 'variantVisitors' | 'variantConversions';

const DAILY: Record<DailyCount, [readonly string[], readonly string[]]> = {
	controlVisitors: [NAMES.visitors, NAMES.controlSuffix],
	controlConversions: [NAMES.conversions, NAMES.controlSuffix],
	variantVisitors: [NAMES.visitors, NAMES.variantSuffix],
	variantConversions: [NAMES.conversions, NAMES.variantSuffix]
};

/** A name made of a quantity and an arm, either way round. */
function pairNamed(name: string, quantity: readonly string[], arm: readonly string[]): boolean {
	const n = normName(name);
	return quantity.some((q) => arm.some((a) => n === q + a || n === a + q));
}

export interface ExperimentColumns {
	/** Indices into the header, −1 when no column is named so (the first so named, in the file's order). */
	day: number;
	arm: number;
	converted: number;
	revenue: number;
	counts: Record<DailyCount, number>;
}

/** An experiment's columns by their names: a day, an arm and its outcome (per-user rows), each arm's daily counts. */
export function experimentColumns(names: readonly string[]): ExperimentColumns {
	const find = (vocabulary: readonly string[]) => names.findIndex((n) => namedLike(n, vocabulary));
	const counts = {} as Record<DailyCount, number>;
	for (const [role, [quantity, arm]] of Object.entries(DAILY) as Array<[DailyCount, [readonly string[], readonly string[]]]>)
		counts[role] = names.findIndex((n) => pairNamed(n, quantity, arm));
	return { day: find(NAMES.day), arm: find(NAMES.arm), converted: find(NAMES.converted), revenue: find(NAMES.revenue), counts };
}

/** Of an experiment's two arm values (in order of appearance), the control's index: the second only when only it is named like one. */
export function controlArm(values: readonly [string, string]): 0 | 1 {
	return !namedLike(values[0], NAMES.control) && namedLike(values[1], NAMES.control) ? 1 : 0;
}
