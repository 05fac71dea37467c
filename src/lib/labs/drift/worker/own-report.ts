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
import { overHalfMissing } from '$lib/data/table/roles';
import { plural } from '$lib/format';
import { NEVER_STALE, checkpoint, type Ticket } from '../../../engine/run-control';
import { errorStream } from './own-errors';
import { FEW_VALUES, batchPsi, compareFeature, detectTies, notCompared, prepareCategorical, prepareNumeric, type Prepared } from './own-features';
import { codesOf, colOf, concatRows, groupSize, mergeSorted, missingShare, sortedValues, type Group } from './own-groups';
import { formBatches, type BatchRoles, type PeriodInfo } from './own-batches';

export { CHUNKS, MIN_CHUNK, mergeSorted } from './own-groups';
export { FEW_VALUES, PSI_MODERATE, TOP_CATEGORIES } from './own-features';

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
	/** Why a feature is skipped, or how it is read (e.g. numbers with few values read as categories). */
	note: string | null;
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
	/** The verdict in words, naming the rule. */
	rule: string;
	/** Before/after shares: numeric on shared equal-width bins (`edges`), categorical per category (`labels`). */
	hist: { edges: number[] | null; labels: string[] | null; ref: number[]; cur: number[] };
}

export interface BatchErrors {
	rows: number;
	accuracy: number;
	auc: number | null;
}

export interface OwnDriftReport {
	mode: 'two-files' | 'one-file';
	reference: { rows: number; label: string };
	target: { rows: number; label: string };
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
	notes: string[];
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
		if (onlyRef.length) notes.push(`Only in the reference file (not compared): ${onlyRef.map((n) => `“${n}”`).join(', ')}.`);
		if (onlyCur.length) notes.push(`Only in the current file (not compared): ${onlyCur.map((n) => `“${n}”`).join(', ')}.`);
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
		const p = excluded.has(name)
			? leftOut(missingShare(refCol, reference), missingShare(curCol, target))
			: refCol.dates && !numeric
				? 'Dates or times: not compared as a feature (their values move with time by construction); choose the column as the time column to split the rows by period.'
				: numeric && !(codes && refCol.dictionary.values.length <= FEW_VALUES)
					? prepareNumeric(name, refCol, curCol, reference)
					: codes
						? prepareCategorical(name, refCol, curCol, reference, allCurrent, numeric)
						: 'Text with more than 1,000 distinct values (an identifier?): not compared.';
		if (typeof p !== 'string') prepared.push(p);
		else
			skipped.push({
				name,
				kind: 'skipped',
				note: p,
				missingRef: missingShare(refCol, reference),
				missingCur: missingShare(curCol, target),
				...notCompared(0),
				rule: p
			});
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
		reference: {
			rows: groupSize(reference),
			label: data.current ? 'the reference file' : referenceLabel(roles.referenceBatches, formed.referenceLabels, period)
		},
		target: {
			rows: groupSize(target),
			label:
				roles.target === null
					? data.current
						? 'the current file'
						: `the ${plural(B, `later ${period ? period.unit : 'batch'}`)}`
					: period
						? batchLabels[roles.target]
						: `batch ${batchLabels[roles.target]}`
		},
		batches: batchLabels.map((label, b) => ({ label, rows: batchRows[b].length })),
		period,
		features: [...features, ...skipped],
		family: F,
		timeline: { features: timeline, comparisons },
		errors,
		notes
	};
}

/** "the first 3 batches"; by period, "the first 3 months, 2012-01 to 2012-03". */
function referenceLabel(R: number, labels: string[], period: PeriodInfo | null): string {
	if (!period) return `the first ${plural(R, 'batch')}`;
	const span = labels.length > 1 ? `${labels[0]} to ${labels[labels.length - 1]}` : labels[0];
	return `the first ${plural(R, period.unit)}, ${span}`;
}

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** Why an unticked column is not compared (over half missing is the default reason: roles.ts). */
function leftOut(missingRef: number, missingCur: number): string {
	const most = Math.max(missingRef, missingCur);
	return overHalfMissing(most)
		? `Not compared: ${pct(most)} of its values are missing${missingRef === missingCur ? '' : ` (${pct(missingRef)} → ${pct(missingCur)})`}, so it is left out by default; tick it under “Features compared” to compare it.`
		: 'Not compared: unticked under “Features compared”.';
}
