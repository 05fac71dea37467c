/**
 * The drift report on the user's own data: a reference sample against current data, feature by feature, and the
 * current data batch by batch.
 *
 * - Numeric features: PSI on the reference's deciles (as the lab), its no-drift distribution for these sample sizes
 *   (psi-null.ts), the two-sample KS test, Jensen–Shannon divergence on the PSI bins and the Wasserstein distance.
 * - Categorical features (text, or numbers with at most FEW_VALUES distinct values): PSI over categories, Pearson's
 *   χ² test of homogeneity (scipy.stats.chi2_contingency without correction), JS divergence. Rare categories beyond
 *   the TOP_CATEGORIES most frequent are pooled as “other”.
 * - The verdict of a feature uses a test whose level accounts for the number of features (Bonferroni at 5%: the
 *   chance that any drift-free feature is flagged is at most 5%) and PSI's size: “drift” when the change is beyond
 *   noise and PSI ≥ 0.1 (Siddiqi's “moderate shift”), “small but real” when it is beyond noise but below 0.1 — with a
 *   million rows a negligible shift is significant — and “within noise” otherwise, however large PSI is.
 * - Batch by batch: PSI of each feature in each current batch, flagged where it exceeds its no-drift value for that
 *   batch's size with Bonferroni over batches × features. If a label and a prediction (a score in [0, 1] or the
 *   label's values) are named, the error stream of the current rows, in order, goes through DDM and Page–Hinkley
 *   (the lab's settings), with accuracy and AUC per batch.
 */
import { chiSquareTest } from '$lib/stats/abtest';
import { DDM, DDM_RECOMMENDED, PageHinkley, pageHinkleyForErrorRate } from '$lib/stats/detectors';
import { chiSquarePpf } from '$lib/stats/distributions';
import { flooredProportions, jensenShannonDivergence, ksSorted, psiDetailSorted, psiFromProportions, wassersteinSorted } from '$lib/stats/drift';
import { histogramCounts } from '$lib/stats/histogram';
import { psiFamilyCritical, psiNullCached, psiNullQuantile } from '$lib/stats/psi-null';
import { quantileSorted } from '$lib/stats/quantile';
import { rocAuc } from '$lib/metrics/classification';
import type { StoredColumn, StoredTable } from '$lib/data/table/column-store';
import { ImportError } from '$lib/data/table/text-stream';
import { plural } from '$lib/format';
import { positiveClass } from '$lib/data/table/positive-class';
import { PSI_BINS, PSI_FAMILY_ALPHA } from '../drift.types';
import { NEVER_STALE, checkpoint, type Ticket } from '../lib/run-control';

/** Numbers with this many distinct values or fewer are compared as categories (PSI's no-drift band assumes no ties). */
export const FEW_VALUES = 10;
export const TOP_CATEGORIES = 30;
/** Without a batch column, the current file is cut into this many consecutive batches (at least MIN_CHUNK rows each). */
export const CHUNKS = 20;
export const MIN_CHUNK = 50;
/** PSI at or above this is a "moderate shift" (Siddiqi 2006). */
export const PSI_MODERATE = 0.1;
const HIST_BINS = 30;

export interface DriftRoles {
	/** A column naming each row's batch or time period (one file: required). */
	batch: string | null;
	/** One file: the first this many batches are the reference. */
	referenceBatches: number;
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
	/** PSI's no-drift 95% quantile for one feature, and the Bonferroni value for the family of features. */
	psiQ95: number;
	psiCritical: number;
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

/** Rows of a table making up one sample: all of them (null) or these indices. */
interface Group {
	table: StoredTable;
	rows: Int32Array | null;
}

const colOf = (t: StoredTable, name: string): StoredColumn | undefined => t.columns.find((c) => c.name === name);
const codesOf = (c: StoredColumn): Int32Array | null => (c.dictionary.overflow ? null : c.codes);

function groupSize(g: Group): number {
	return g.rows ? g.rows.length : g.table.rows;
}

/** Present values of a numeric column in a group, sorted. */
function sortedValues(col: StoredColumn, g: Group): Float64Array {
	const x = col.numbers!;
	const out = new Float64Array(groupSize(g));
	let k = 0;
	if (g.rows) {
		for (const i of g.rows) if (!Number.isNaN(x[i])) out[k++] = x[i];
	} else for (let i = 0; i < x.length; i++) if (!Number.isNaN(x[i])) out[k++] = x[i];
	const s = out.subarray(0, k);
	s.sort();
	return s;
}

function codeCounts(col: StoredColumn, g: Group, size: number): { counts: Float64Array; present: number } {
	const codes = codesOf(col)!;
	const counts = new Float64Array(size);
	let present = 0;
	const add = (i: number) => {
		const c = codes[i];
		if (c >= 0) {
			counts[c]++;
			present++;
		}
	};
	if (g.rows) for (const i of g.rows) add(i);
	else for (let i = 0; i < codes.length; i++) add(i);
	return { counts, present };
}

/** Batches by the values of a column, in order of first appearance among `rows` (all rows when null). */
function batchesBy(table: StoredTable, name: string, rows: Int32Array | null): { labels: string[]; rows: Int32Array[]; missing: number } {
	const col = colOf(table, name);
	if (!col) throw new ImportError(`There is no column “${name}” to split the data into batches.`, undefined, name);
	const codes = codesOf(col);
	if (!codes)
		throw new ImportError(
			`Column “${name}” has more than 1,000 distinct values: choose a column of batches or periods (a day, a week), not a timestamp or an identifier.`,
			undefined,
			name
		);
	const order = new Map<number, number>();
	const lists: number[][] = [];
	let missing = 0;
	const visit = (i: number) => {
		const c = codes[i];
		if (c < 0) {
			missing++;
			return;
		}
		let b = order.get(c);
		if (b === undefined) {
			order.set(c, (b = lists.length));
			lists.push([]);
		}
		lists[b].push(i);
	};
	if (rows) for (const i of rows) visit(i);
	else for (let i = 0; i < table.rows; i++) visit(i);
	return { labels: [...order.keys()].map((c) => col.dictionary.values[c]), rows: lists.map((l) => Int32Array.from(l)), missing };
}

function chunks(rows: number): { labels: string[]; rows: Int32Array[] } {
	const k = Math.max(1, Math.min(CHUNKS, Math.floor(rows / MIN_CHUNK)));
	const out: Int32Array[] = [];
	const labels: string[] = [];
	for (let b = 0; b < k; b++) {
		const from = Math.floor((b * rows) / k);
		const to = Math.floor(((b + 1) * rows) / k);
		out.push(Int32Array.from({ length: to - from }, (_, i) => from + i));
		labels.push(`rows ${from + 2}–${to + 1}`);
	}
	return { labels, rows: out };
}

/** One sorted array from several (pairwise merges). */
export function mergeSorted(parts: Float64Array[]): Float64Array {
	if (parts.length === 0) return new Float64Array(0);
	let level = parts;
	while (level.length > 1) {
		const next: Float64Array[] = [];
		for (let i = 0; i < level.length; i += 2) {
			if (i + 1 === level.length) {
				next.push(level[i]);
				continue;
			}
			const a = level[i];
			const b = level[i + 1];
			const out = new Float64Array(a.length + b.length);
			let x = 0;
			let y = 0;
			let o = 0;
			while (x < a.length && y < b.length) out[o++] = a[x] <= b[y] ? a[x++] : b[y++];
			while (x < a.length) out[o++] = a[x++];
			while (y < b.length) out[o++] = b[y++];
			next.push(out);
		}
		level = next;
	}
	return level[0];
}

function concatRows(parts: Int32Array[]): Int32Array {
	const out = new Int32Array(parts.reduce((s, p) => s + p.length, 0));
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

/**
 * PSI's no-drift distribution depends only on the two sample sizes (psiNullCached: simulated once per pair; 20,000
 * replicates for the report, 4,000 for batch sizes rounded down to two significant digits in the timeline — smaller
 * samples are noisier, so rounding down errs towards fewer alarms).
 */
const twoDigitsDown = (x: number) => {
	if (x < 100) return x;
	const p = 10 ** (Math.floor(Math.log10(x)) - 1);
	return Math.floor(x / p) * p;
};

interface Prepared {
	name: string;
	kind: 'numeric' | 'categorical';
	note: string | null;
	ref: { sorted: Float64Array | null; counts: Float64Array | null; present: number; size: number };
	/** Categorical: which codes are kept (top categories), the rest pooled; labels of the bins; the reference's counts per bin. */
	keep: Int32Array | null;
	refBins: number[] | null;
	labels: string[] | null;
	refCol: StoredColumn;
	curCol: StoredColumn;
}

function pooled(counts: Float64Array, keep: Int32Array, bins: number): number[] {
	const out = new Array<number>(bins).fill(0);
	for (let c = 0; c < counts.length; c++) if (counts[c]) out[keep[c]] += counts[c];
	return out;
}

/** Categorical PSI's no-drift quantile: PSI·nm/(n + m) is asymptotically χ²(k − 1), like Pearson's statistic. */
const categoricalQuantile = (q: number, n: number, m: number, k: number) => (k < 2 ? 0 : (1 / n + 1 / m) * chiSquarePpf(q, k - 1));

export async function driftReport(
	data: OwnDriftData,
	roles: DriftRoles,
	ticket: Ticket = NEVER_STALE,
	onProgress?: (fraction: number) => void
): Promise<OwnDriftReport> {
	const notes: string[] = [];
	const refTable = data.reference;
	const curTable = data.current ?? data.reference;
	let reference: Group;
	let batchLabels: string[];
	let batchRows: Int32Array[];
	if (!data.current) {
		if (!roles.batch) throw new ImportError('One file needs a batch or time column to tell the reference from the current data (or add a second file).');
		const b = batchesBy(refTable, roles.batch, null);
		if (b.missing) notes.push(`${plural(b.missing, 'row')} without a value in “${roles.batch}” left out.`);
		const R = roles.referenceBatches;
		if (!Number.isInteger(R) || R < 1) throw new ImportError('The number of reference batches must be a whole number, at least 1.');
		if (b.labels.length < R + 1)
			throw new ImportError(
				`Column “${roles.batch}” has ${plural(b.labels.length, 'batch')}; with ${plural(R, 'reference batch')} there is nothing left to compare. Choose fewer reference batches or another column.`,
				undefined,
				roles.batch
			);
		reference = { table: refTable, rows: concatRows(b.rows.slice(0, R)) };
		batchLabels = b.labels.slice(R);
		batchRows = b.rows.slice(R);
	} else {
		reference = { table: refTable, rows: null };
		if (roles.batch) {
			const b = batchesBy(curTable, roles.batch, null);
			if (b.missing) notes.push(`${plural(b.missing, 'current row')} without a value in “${roles.batch}” left out.`);
			batchLabels = b.labels;
			batchRows = b.rows;
		} else {
			const c = chunks(curTable.rows);
			batchLabels = c.labels;
			batchRows = c.rows;
		}
	}
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
	const skipped: FeatureDrift[] = [];
	const prepared: Prepared[] = [];
	const skip = (name: string, note: string, refCol?: StoredColumn, curCol?: StoredColumn) =>
		skipped.push({
			name,
			kind: 'skipped',
			note,
			missingRef: refCol ? missingShare(refCol, reference) : 0,
			missingCur: curCol ? missingShare(curCol, target) : 0,
			...notCompared(0),
			rule: note
		});
	for (const name of names) {
		const refCol = colOf(refTable, name)!;
		const curCol = colOf(curTable, name);
		if (!curCol) continue;
		const numeric = !!refCol.numbers && !!curCol.numbers;
		const codes = codesOf(refCol) && codesOf(curCol);
		const distinct = refCol.dictionary.values.length;
		if (numeric && !(codes && distinct <= FEW_VALUES)) {
			const sorted = sortedValues(refCol, reference);
			if (sorted.length < PSI_BINS) {
				skip(name, `Fewer than ${PSI_BINS} values in the reference: too few to compare.`, refCol, curCol);
				continue;
			}
			// Repeated values (up to 1,000 distinct): PSI's band is simulated for continuous values and KS's p-value is
			// conservative with ties — said on the page.
			const ties = codes
				? `Numbers with ${distinct} distinct values (repeated): the no-drift PSI band assumes continuous values and is approximate; KS's p-value is conservative.`
				: null;
			prepared.push({
				name,
				kind: 'numeric',
				note: ties,
				ref: { sorted, counts: null, present: sorted.length, size: 0 },
				refBins: null,
				keep: null,
				labels: null,
				refCol,
				curCol
			});
		} else if (codes) {
			const size = refCol.dictionary.values.length;
			const { counts, present } = codeCounts(refCol, reference, size);
			if (present === 0) {
				skip(name, 'No values in the reference.', refCol, curCol);
				continue;
			}
			const curAll = codeCounts(curCol, allCurrent, size).counts;
			// The most frequent categories (reference and current together) keep their own bin; the rest share one.
			const order = Array.from({ length: size }, (_, c) => c).sort((a, b) => counts[b] + curAll[b] - (counts[a] + curAll[a]) || a - b);
			const top = order.slice(0, TOP_CATEGORIES).filter((c) => counts[c] + curAll[c] > 0);
			const rest = order.slice(top.length).filter((c) => counts[c] + curAll[c] > 0).length;
			const keep = new Int32Array(size).fill(top.length);
			top.forEach((c, k) => (keep[c] = k));
			const labels = top.map((c) => refCol.dictionary.values[c]);
			if (rest > 0) labels.push(`other (${plural(rest, 'value')})`);
			const note = numeric ? `Numbers with ${distinct} distinct values: compared as categories.` : null;
			prepared.push({
				name,
				kind: 'categorical',
				note,
				ref: { sorted: null, counts, present, size },
				keep,
				refBins: pooled(counts, keep, labels.length),
				labels,
				refCol,
				curCol
			});
		} else {
			skip(name, 'Text with more than 1,000 distinct values (an identifier?): not compared.', refCol, curCol);
		}
	}
	const F = Math.max(1, prepared.length);
	// Each feature against the target, and batch by batch. A numeric feature's batches are sorted once; the target
	// (all current rows, or one batch) is their merge.
	const comparisons = Math.max(1, B * prepared.length);
	const features: FeatureDrift[] = [];
	const timeline: OwnDriftReport['timeline']['features'] = [];
	for (const [k, f] of prepared.entries()) {
		const sorted = f.kind === 'numeric' ? batchGroups.map((g) => sortedValues(f.curCol, g)) : null;
		const targetSorted = sorted ? (roles.target === null ? mergeSorted(sorted) : sorted[roles.target]) : null;
		features.push(compareFeature(f, reference, target, F, targetSorted));
		const psi: number[] = [];
		const over: boolean[] = [];
		batchGroups.forEach((g, b) => {
			const v = batchPsi(f, g, comparisons, sorted?.[b]);
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
		reference: { rows: groupSize(reference), label: data.current ? 'the reference file' : `the first ${plural(roles.referenceBatches, 'batch')}` },
		target: {
			rows: groupSize(target),
			label: roles.target === null ? (data.current ? 'the current file' : `the ${plural(B, 'later batch')}`) : `batch ${batchLabels[roles.target]}`
		},
		batches: batchLabels.map((label, b) => ({ label, rows: batchRows[b].length })),
		features: [...features, ...skipped],
		family: F,
		timeline: { features: timeline, comparisons },
		errors,
		notes
	};
}

/** Share of a group's rows where the column is missing (a column kept in neither form: its share in the whole file). */
function missingShare(col: StoredColumn, g: Group): number {
	const size = groupSize(g);
	const x = col.numbers;
	const c = codesOf(col);
	if (!x && !c) return col.missing / Math.max(1, g.table.rows);
	if (!size) return 0;
	const isMiss = x ? (i: number) => Number.isNaN(x[i]) : (i: number) => c![i] < 0;
	let miss = 0;
	if (g.rows) {
		for (const i of g.rows) if (isMiss(i)) miss++;
	} else for (let i = 0; i < size; i++) if (isMiss(i)) miss++;
	return miss / size;
}

function fmt(x: number, digits = 3): string {
	if (x === 0) return '0';
	if (Math.abs(x) >= 0.01) return x.toFixed(digits);
	return x.toPrecision(2);
}

function verdictOf(psi: number, significant: boolean, rule: string, n: number, m: number): { verdict: Verdict; rule: string } {
	const sizes = `${n.toLocaleString('en-US')} reference and ${m.toLocaleString('en-US')} current values`;
	if (!significant)
		return {
			verdict: 'none',
			rule:
				psi >= PSI_MODERATE
					? `Within noise: ${rule} does not flag it. PSI ${fmt(psi)} is over the 0.1 rule of thumb, but that is what chance gives with ${sizes}.`
					: `Within noise: ${rule} does not flag it (${sizes}).`
		};
	if (psi >= PSI_MODERATE) return { verdict: 'drift', rule: `Drift: ${rule} flags it and PSI ${fmt(psi)} ≥ 0.1 (a moderate shift or more).` };
	return {
		verdict: 'small',
		rule: `Small but real: ${rule} flags it, but PSI ${fmt(psi)} < 0.1 — a shift this small is detectable only because the samples are large (${sizes}).`
	};
}

function compareFeature(f: Prepared, reference: Group, target: Group, F: number, targetSorted: Float64Array | null): FeatureDrift {
	const base = { name: f.name, kind: f.kind, note: f.note, missingRef: missingShare(f.refCol, reference), missingCur: missingShare(f.curCol, target) };
	const level = PSI_FAMILY_ALPHA / F;
	const levelText = F > 1 ? `${PSI_FAMILY_ALPHA} / ${F} features` : `${PSI_FAMILY_ALPHA}`;
	if (f.kind === 'numeric') {
		const ref = f.ref.sorted!;
		const cur = targetSorted ?? sortedValues(f.curCol, target);
		const n = ref.length;
		const m = cur.length;
		if (m === 0) return { ...base, ...notCompared(n), rule: 'No values in the current data: nothing to compare.' };
		const d = psiDetailSorted(ref, cur, PSI_BINS);
		const nul = psiNullCached(n, m, PSI_BINS, 20000);
		const critical = psiFamilyCritical(nul, PSI_FAMILY_ALPHA, F);
		const ks = ksSorted(ref, cur);
		const w = wassersteinSorted(ref, cur);
		let mean = 0;
		for (const v of ref) mean += v;
		mean /= n;
		let ss = 0;
		for (const v of ref) ss += (v - mean) ** 2;
		const sd = Math.sqrt(ss / Math.max(1, n - 1));
		const lo = Math.min(quantileSorted(ref, 0.001), quantileSorted(cur, 0.001));
		const hi = Math.max(quantileSorted(ref, 0.999), quantileSorted(cur, 0.999));
		const edges = Array.from({ length: HIST_BINS + 1 }, (_, i) => lo + ((hi - lo) * i) / HIST_BINS);
		const share = (v: Float64Array) => histogramCounts(v, lo, hi, HIST_BINS).map((c) => c / v.length);
		const v = verdictOf(d.psi, d.psi > critical, `PSI above ${fmt(critical)} (what no drift exceeds with probability ${levelText})`, n, m);
		return {
			...base,
			n,
			m,
			psi: d.psi,
			psiQ95: psiNullQuantile(nul, 0.95),
			psiCritical: critical,
			test: { name: 'KS', statistic: ks.statistic, df: null, pValue: ks.pValue },
			js: jensenShannonDivergence(d.expectedCounts, d.actualCounts),
			wasserstein: w,
			wassersteinSd: sd > 0 ? w / sd : null,
			...v,
			hist: { edges, labels: null, ref: share(ref), cur: share(cur) }
		};
	}
	const { counts: curCounts, present: m } = codeCounts(f.curCol, target, f.ref.size);
	const refBins = f.refBins!;
	const curBins = pooled(curCounts, f.keep!, refBins.length);
	const n = f.ref.present;
	if (m === 0) return { ...base, ...notCompared(n), rule: 'No values in the current data: nothing to compare.' };
	const { psi, k, test } = compareBins(refBins, n, curBins, m);
	const critical = categoricalQuantile(1 - level, n, m, k);
	const v = test
		? verdictOf(psi, test.pValue < level, `Pearson's χ² test at ${levelText}`, n, m)
		: { verdict: 'none' as Verdict, rule: 'One value only, in both samples: nothing changes.' };
	return {
		...base,
		n,
		m,
		psi,
		psiQ95: categoricalQuantile(0.95, n, m, k),
		psiCritical: critical,
		test: test ? { name: 'χ²', statistic: test.statistic, df: test.df, pValue: test.pValue } : null,
		js: jensenShannonDivergence(refBins, curBins),
		wasserstein: null,
		wassersteinSd: null,
		...v,
		hist: { edges: null, labels: f.labels, ref: refBins.map((c) => c / n), cur: curBins.map((c) => c / m) }
	};
}

/** The fields of a feature that was not compared (`n` reference values). */
function notCompared(n: number) {
	return {
		n,
		m: 0,
		psi: 0,
		psiQ95: 0,
		psiCritical: 0,
		test: null,
		js: 0,
		wasserstein: null,
		wassersteinSd: null,
		verdict: 'skipped' as Verdict,
		hist: { edges: null, labels: null, ref: [], cur: [] }
	};
}

function batchPsi(f: Prepared, g: Group, comparisons: number, sorted?: Float64Array): { psi: number; over: boolean } {
	if (f.kind === 'numeric') {
		const cur = sorted ?? sortedValues(f.curCol, g);
		if (!cur.length) return { psi: NaN, over: false };
		const psi = psiDetailSorted(f.ref.sorted!, cur, PSI_BINS).psi;
		const nul = psiNullCached(twoDigitsDown(f.ref.sorted!.length), twoDigitsDown(cur.length), PSI_BINS, 4000);
		return { psi, over: psi > psiFamilyCritical(nul, PSI_FAMILY_ALPHA, comparisons) };
	}
	const { counts, present } = codeCounts(f.curCol, g, f.ref.size);
	if (!present) return { psi: NaN, over: false };
	const { psi, test } = compareBins(f.refBins!, f.ref.present, pooled(counts, f.keep!, f.refBins!.length), present);
	return { psi, over: test !== null && test.pValue < PSI_FAMILY_ALPHA / comparisons };
}

/** Categories: PSI (an empty bin as half an observation) and Pearson's χ² over the bins either sample uses (none with one). */
function compareBins(refBins: number[], n: number, curBins: number[], m: number) {
	const psi = psiFromProportions(flooredProportions(refBins, n), flooredProportions(curBins, m));
	const used = refBins.map((r, i) => r + curBins[i] > 0);
	const k = used.filter(Boolean).length;
	const test = k >= 2 ? chiSquareTest([refBins.filter((_, i) => used[i]), curBins.filter((_, i) => used[i])]) : null;
	return { psi, k, test };
}

function errorStream(
	refTable: StoredTable,
	reference: Group,
	curTable: StoredTable,
	batches: Group[],
	roles: DriftRoles
): NonNullable<OwnDriftReport['errors']> {
	const labelName = roles.label!;
	const predName = roles.prediction!;
	const pick = (t: StoredTable, n: string) => {
		const c = colOf(t, n);
		if (!c) throw new ImportError(`There is no column “${n}”.`, undefined, n);
		return c;
	};
	const refLabel = pick(refTable, labelName);
	const curLabel = pick(curTable, labelName);
	const refPred = pick(refTable, predName);
	const curPred = pick(curTable, predName);
	const dict = refLabel.dictionary;
	if (!codesOf(refLabel) || !codesOf(curLabel))
		throw new ImportError(`The label “${labelName}” has more than 1,000 values; a label has two.`, undefined, labelName);
	// The label's values actually present.
	const values = [...usedCodes(refLabel, curLabel)].map((c) => dict.values[c]);
	if (values.length !== 2)
		throw new ImportError(
			values.length < 2
				? `The label “${labelName}” has only one value (${values.map((v) => `“${v}”`).join('')}): accuracy and AUC need two classes.`
				: `The label “${labelName}” has ${values.length} values (${values
						.slice(0, 5)
						.map((v) => `“${v}”`)
						.join(', ')}${values.length > 5 ? ', …' : ''}); a binary label has two.`,
			undefined,
			labelName
		);
	const positive = positiveClass(values);
	const posCode = dict.codes.get(positive)!;
	// Scores: numbers in [0, 1] with more than two values; otherwise hard predictions with the label's values.
	const predNumbers = refPred.numbers && curPred.numbers;
	let scores = false;
	if (predNumbers) {
		let lo = Infinity;
		let hi = -Infinity;
		for (const x of [refPred.numbers!, curPred.numbers!])
			for (const v of x)
				if (!Number.isNaN(v)) {
					if (v < lo) lo = v;
					if (v > hi) hi = v;
				}
		const few = codesOf(refPred) && refPred.dictionary.values.length <= 2;
		if (!few) {
			if (lo < 0 || hi > 1)
				throw new ImportError(
					`The prediction “${predName}” has values from ${lo} to ${hi}: a score must lie in [0, 1] (a probability of “${positive}”).`,
					undefined,
					predName
				);
			scores = true;
		}
	}
	const predDict = refPred.dictionary;
	if (!scores) {
		if (!codesOf(refPred) || !codesOf(curPred))
			throw new ImportError(`The prediction “${predName}” is neither a score in [0, 1] nor one of the label's values.`, undefined, predName);
		const present = usedCodes(refPred, curPred);
		const bad = predDict.values.find((v, c) => !values.includes(v) && present.has(c));
		if (bad !== undefined)
			throw new ImportError(
				`The prediction “${predName}” has the value “${bad}”, which is not a value of the label (${values.map((v) => `“${v}”`).join(', ')}) nor a score in [0, 1].`,
				undefined,
				predName
			);
	}
	let skipped = 0;
	/** Per row: label (0/1), prediction score (0/1 for hard predictions); null when either is missing. */
	const rowOf = (lab: StoredColumn, pred: StoredColumn, i: number): [number, number] | null => {
		const l = codesOf(lab)![i];
		if (l < 0) return null;
		let s: number;
		if (scores) {
			s = pred.numbers![i];
			if (Number.isNaN(s)) return null;
		} else {
			const c = codesOf(pred)![i];
			if (c < 0) return null;
			s = predDict.values[c] === positive ? 1 : 0;
		}
		return [l === posCode ? 1 : 0, s];
	};
	let refN = 0;
	let refRight = 0;
	const visit = (g: Group, lab: StoredColumn, pred: StoredColumn, f: (y: number, s: number) => void) => {
		const each = (i: number) => {
			const r = rowOf(lab, pred, i);
			if (!r) skipped++;
			else f(r[0], r[1]);
		};
		if (g.rows) for (const i of g.rows) each(i);
		else for (let i = 0; i < g.table.rows; i++) each(i);
	};
	const refErrors: number[] = [];
	visit(reference, refLabel, refPred, (y, s) => {
		refN++;
		const e = (s >= 0.5 ? 1 : 0) === y ? 0 : 1;
		refRight += 1 - e;
		refErrors.push(e);
	});
	if (!refN) throw new ImportError(`No reference row has both “${labelName}” and “${predName}”.`);
	const referenceAccuracy = refRight / refN;
	const ddm = new DDM({ ...DDM_RECOMMENDED, driftLevel: roles.ddmLevel });
	const ph = new PageHinkley(pageHinkleyForErrorRate(1 - referenceAccuracy, roles.phLambda));
	// The detectors learn the error rate on the reference rows first: a stream that is worse than the reference from
	// its first row on would otherwise be their baseline, and never alarm. Alarms within the reference are counted.
	let referenceAlarms = 0;
	for (const e of refErrors) if (ddm.update(e) === 'drift' || ph.update(e) === 'drift') referenceAlarms++;
	const ddmAt: number[] = [];
	const phAt: number[] = [];
	const perBatch = batches.map((g, b) => {
		const ys: number[] = [];
		const ss: number[] = [];
		let right = 0;
		let ddmHit = false;
		let phHit = false;
		visit(g, curLabel, curPred, (y, s) => {
			const e = (s >= 0.5 ? 1 : 0) === y ? 0 : 1;
			right += 1 - e;
			ys.push(y);
			ss.push(s);
			if (ddm.update(e) === 'drift') ddmHit = true;
			if (ph.update(e) === 'drift') phHit = true;
		});
		if (ddmHit) ddmAt.push(b);
		if (phHit) phAt.push(b);
		const pos = ys.reduce((a, v) => a + v, 0);
		return {
			rows: ys.length,
			accuracy: ys.length ? right / ys.length : NaN,
			auc: scores && pos > 0 && pos < ys.length ? rocAuc(ys, ss) : null
		};
	});
	return { positive, scores, referenceAccuracy, referenceAlarms, perBatch, ddm: ddmAt, pageHinkley: phAt, skipped };
}

/** The codes that occur in these columns (one pass over each). */
function usedCodes(...cols: StoredColumn[]): Set<number> {
	const seen = new Set<number>();
	for (const col of cols) for (const c of codesOf(col)!) if (c >= 0) seen.add(c);
	return seen;
}
