/**
 * The drift report on the user's own data: a reference sample against current data, feature by feature, and the
 * current data batch by batch (how each feature is read and tested: own-features.ts).
 *
 * - Numeric features: PSI on the reference's deciles (as the lab), its no-drift distribution for these sample sizes
 *   (psi-null.ts; for numbers with heavy ties, bins at distinct values and the distribution simulated from the
 *   reference's own values, psi-tied.ts), the two-sample KS test, Jensen–Shannon divergence on the PSI bins and the
 *   Wasserstein distance.
 * - Categorical features (text, or numbers with at most FEW_VALUES distinct values): PSI over categories, Pearson's
 *   χ² test of homogeneity with sparse cells pooled and a conditional Monte Carlo p-value where expected counts are
 *   small (homogeneity.ts), JS divergence. Rare categories beyond the TOP_CATEGORIES most frequent are pooled as
 *   “other”.
 * - The verdict of a feature uses a test whose level accounts for the number of features (Bonferroni at 5%: the
 *   chance that any drift-free feature is flagged is at most 5%) and PSI's size: “drift” when the change is beyond
 *   noise and PSI ≥ 0.1 (Siddiqi's “moderate shift”), “beyond noise, PSI below 0.1” when it is beyond noise but PSI is below 0.1 — with a
 *   million rows a negligible shift is significant — and “within noise” otherwise, however large PSI is.
 * - Batch by batch: PSI of each feature in each current batch, flagged where it exceeds its no-drift value for that
 *   batch's size with Bonferroni over batches × features. If a label and a prediction (a score in [0, 1] or the
 *   label's values) are named, the error stream of the current rows, in order, goes through DDM and Page–Hinkley
 *   (the lab's settings), with accuracy and AUC per batch.
 */
import type { StoredTable } from '$lib/data/table/column-store';
import { ImportError } from '$lib/data/table/text-stream';
import { NEVER_STALE, checkpoint, type Ticket } from '../../../engine/run-control';
import type { FeatureNote, FeatureRule, ReportNote } from '../types';
import { errorStream } from './own-errors';
import { FEW_VALUES, batchPsi, compareFeature, detectTies, notCompared, prepareCategorical, prepareNumeric, type Prepared, type Skip } from './own-features';
import { codesOf, colOf, concatRows, groupSize, mergeSorted, missingShare, sortedValues, type Group } from './own-groups';
import { formBatches, type BatchRoles, type PeriodInfo } from './own-batches';

export { CHUNKS, MIN_CHUNK, mergeSorted } from './own-groups';
export { FEW_VALUES, TOP_CATEGORIES } from './own-features';

export interface DriftRoles extends BatchRoles {
	/** A column naming each row's batch, or its date or time (one file: required). */
	batch: string | null;
	/** One file: the first this many batches (periods) are the reference. */
	referenceBatches: number;
	/** Columns left out of the comparison (unticked on the page; by default those over half missing). */
	exclude?: string[];
	label: string | null;
	prediction: string | null;
	/** The report compares the reference with all current rows (null) or with one current batch (its index). */
	target: number | null;
	/** DDM's drift level and Page–Hinkley's λ in σ (the lab's settings). */
	ddmLevel: number;
	phLambda: number;
}

export interface OwnDriftData {
	reference: StoredTable;
	/** null: one file, split by the batch column. */
	current: StoredTable | null;
}

export type Verdict = 'drift' | 'small' | 'none' | 'skipped';

export interface FeatureDrift {
	name: string;
	kind: 'numeric' | 'categorical' | 'skipped';
	/** How a compared feature is read (numbers with heavy ties, numbers with few values read as categories). */
	note: FeatureNote | null;
	/** Present values compared, and the share missing in each sample. */
	n: number;
	m: number;
	missingRef: number;
	missingCur: number;
	psi: number;
	/** Numbers: PSI's no-drift 95% quantile for one feature, and the Bonferroni value for the family (null for categories: their verdict is the χ² test's). */
	psiQ95: number | null;
	psiCritical: number | null;
	/** Numeric: KS statistic and p-value; categorical: χ² statistic, df and p-value. */
	test: { name: 'KS' | 'χ²'; statistic: number; df: number | null; pValue: number } | null;
	js: number;
	wasserstein: number | null;
	/** Wasserstein distance in units of the reference's standard deviation. */
	wassersteinSd: number | null;
	verdict: Verdict;
	/** The verdict's rule (the test, its level and the sizes), or why the feature was not compared. */
	rule: FeatureRule;
	/**
	 * Before/after shares: numeric on shared equal-width bins (`edges`), categorical per category (`labels`, then a
	 * last bin pooling the `other` rarer values when `other` > 0).
	 */
	hist: { edges: number[] | null; labels: string[] | null; other: number; ref: number[]; cur: number[] };
}

export interface BatchErrors {
	rows: number;
	accuracy: number;
	auc: number | null;
}

export interface OwnDriftReport {
	mode: 'two-files' | 'one-file';
	/** The reference: its rows, and (one file) the labels of the batches or periods that make it up. */
	reference: { rows: number; batches: string[] };
	/** The current sample compared: its rows, and the batch it is (an index into `batches`; null: all current rows). */
	target: { rows: number; batch: number | null };
	batches: Array<{ label: string; rows: number }>;
	/** A date column grouped the rows by period (how, and what it left out); null for batch values or chunks. */
	period: PeriodInfo | null;
	features: FeatureDrift[];
	/** Features compared (the Bonferroni family). */
	family: number;
	timeline: { features: Array<{ name: string; psi: number[]; over: boolean[] }>; comparisons: number };
	errors: {
		positive: string;
		scores: boolean;
		referenceAccuracy: number;
		/** Alarms raised while the detectors learned on the reference rows (false alarms, or drift inside the reference). */
		referenceAlarms: number;
		perBatch: BatchErrors[];
		ddm: number[];
		pageHinkley: number[];
		skipped: number;
	} | null;
	notes: ReportNote[];
}

export async function driftReport(
	data: OwnDriftData,
	roles: DriftRoles,
	ticket: Ticket = NEVER_STALE,
	onProgress?: (fraction: number) => void
): Promise<OwnDriftReport> {
	const refTable = data.reference;
	const curTable = data.current ?? data.reference;
	const formed = formBatches(refTable, data.current, roles);
	const { reference, labels: batchLabels, rows: batchRows, period } = formed;
	const notes = formed.notes;
	const B = batchLabels.length;
	if (roles.target !== null && !(Number.isInteger(roles.target) && roles.target >= 0 && roles.target < B))
		throw new ImportError(`There is no current batch ${roles.target} (there are ${B}).`);
	const allCurrent: Group = { table: curTable, rows: data.current && !roles.batch ? null : concatRows(batchRows) };
	const target: Group = roles.target === null ? allCurrent : { table: curTable, rows: batchRows[roles.target] };
	const batchGroups: Group[] = batchRows.map((rows) => ({ table: curTable, rows }));

	// Features: every column but the roles, present in both files.
	const roleNames = new Set([roles.batch, roles.label, roles.prediction].filter((x): x is string => !!x));
	const names = refTable.columns.map((c) => c.name).filter((n) => !roleNames.has(n));
	if (data.current) {
		const onlyRef = names.filter((n) => !colOf(curTable, n));
		const onlyCur = curTable.columns.map((c) => c.name).filter((n) => !colOf(refTable, n) && !roleNames.has(n));
		if (onlyRef.length) notes.push({ kind: 'only-in-reference', columns: onlyRef });
		if (onlyCur.length) notes.push({ kind: 'only-in-current', columns: onlyCur });
	}
	const excluded = new Set(roles.exclude ?? []);
	const skipped: FeatureDrift[] = [];
	const prepared: Prepared[] = [];
	for (const name of names) {
		const refCol = colOf(refTable, name)!;
		const curCol = colOf(curTable, name);
		if (!curCol) continue;
		const numeric = !!refCol.numbers && !!curCol.numbers;
		const codes = codesOf(refCol) && codesOf(curCol);
		const missing = () => ({ missingRef: missingShare(refCol, reference), missingCur: missingShare(curCol, target) });
		const p: Prepared | Skip = excluded.has(name)
			? { skip: { kind: 'unticked', ...missing() } }
			: refCol.dates && !numeric
				? { skip: { kind: 'dates' } }
				: numeric && !(codes && refCol.dictionary.values.length <= FEW_VALUES)
					? prepareNumeric(name, refCol, curCol, reference)
					: codes
						? prepareCategorical(name, refCol, curCol, reference, allCurrent, numeric)
						: { skip: { kind: 'identifier' } };
		if ('skip' in p) skipped.push({ name, kind: 'skipped', note: null, ...missing(), ...notCompared(0), rule: p.skip });
		else prepared.push(p);
	}
	const F = Math.max(1, prepared.length);
	// Each feature against the target, and batch by batch. A numeric feature's batches are sorted once; the target
	// (all current rows, or one batch) is their merge.
	// Periods with too few rows are shown but not tested: the family is the batches tested × the features.
	const small = new Set(period?.small ?? []);
	const comparisons = Math.max(1, (B - small.size) * prepared.length);
	const features: FeatureDrift[] = [];
	const timeline: OwnDriftReport['timeline']['features'] = [];
	for (const [k, f] of prepared.entries()) {
		const sorted = f.kind === 'numeric' ? batchGroups.map((g) => sortedValues(f.curCol, g)) : null;
		const allSorted = sorted ? mergeSorted(sorted) : null;
		if (allSorted) detectTies(f, allSorted);
		const targetSorted = sorted ? (roles.target === null ? allSorted : sorted[roles.target]) : null;
		features.push(compareFeature(f, reference, target, F, targetSorted));
		const psi: number[] = [];
		const over: boolean[] = [];
		batchGroups.forEach((g, b) => {
			const v = small.has(b) ? { psi: NaN, over: false } : batchPsi(f, g, comparisons, sorted?.[b]);
			psi.push(v.psi);
			over.push(v.over);
		});
		timeline.push({ name: f.name, psi, over });
		onProgress?.((k + 1) / prepared.length);
		await checkpoint(ticket);
	}
	const verdictRank: Record<Verdict, number> = { drift: 0, small: 1, none: 2, skipped: 3 };
	features.sort((a, b) => verdictRank[a.verdict] - verdictRank[b.verdict] || b.psi - a.psi);

	const errors = roles.label && roles.prediction ? errorStream(refTable, reference, curTable, batchGroups, roles) : null;
	return {
		mode: data.current ? 'two-files' : 'one-file',
		reference: { rows: groupSize(reference), batches: formed.referenceLabels },
		target: { rows: groupSize(target), batch: roles.target },
		batches: batchLabels.map((label, b) => ({ label, rows: batchRows[b].length })),
		period,
		features: [...features, ...skipped],
		family: F,
		timeline: { features: timeline, comparisons },
		errors,
		notes
	};
}
