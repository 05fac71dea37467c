/**
 * The drift report's comparison of one feature: how it is read (numbers, numbers with heavy ties, categories), the
 * statistics against the target sample and batch by batch, and the verdict with the rule behind it.
 *
 * - Numbers: PSI on the reference's deciles with psi-null.ts's exact no-drift band (it depends only on the sizes).
 * - Numbers with heavy ties (a value held by 1% of the reference or more: counts, ages, a zero most rows share): PSI
 *   on bins cut at the reference's distinct values and its no-drift band simulated from the reference's own
 *   distribution, ties included (psi-tied.ts).
 * - Categories (text, or numbers with at most FEW_VALUES distinct values): PSI over the TOP_CATEGORIES most frequent
 *   (the rest pooled as “other”) and Pearson's χ² test, its p-value conditional on the totals by Monte Carlo where
 *   expected counts are small (homogeneity.ts), never the asymptotic χ² on expected counts near 0. PSI is shown but
 *   has no no-drift limit here: the verdict is the χ² test's.
 */
import { flooredProportions, jensenShannonDivergence, ksSorted, psiDetailSorted, psiFromProportions, wassersteinSorted } from '$lib/stats/drift';
import { histogramCounts } from '$lib/stats/histogram';
import { homogeneityTest } from '$lib/stats/homogeneity';
import { drawsFor, mcCritical, psiFamilyCritical, psiNullCached, psiNullDrawsCached, psiNullQuantile, type PsiNull } from '$lib/stats/psi-null';
import { hasHeavyTies, nullMoments, psiNullTiedSample, psiTied, tiedSupport, type TiedSupport } from '$lib/stats/psi-tied';
import { quantileSorted } from '$lib/stats/quantile';
import { createRng, hashString, mixSeed } from '$lib/data/rng';
import type { StoredColumn } from '$lib/data/table/column-store';
import { PSI_BINS, PSI_FAMILY_ALPHA, PSI_MODERATE, type DriftTest, type FeatureNote, type FeatureRule } from '../types';
import { codeCounts, mergeSorted, missingShare, sortedValues, type Group } from './own-groups';
import type { FeatureDrift, Verdict } from './own-report';

/** Numbers with this many distinct values or fewer are compared as categories. */
export const FEW_VALUES = 10;
export const TOP_CATEGORIES = 30;
const HIST_BINS = 30;
/**
 * Numbers: a verdict is the Monte Carlo test at its level on drawsFor(level) draws of the no-drift PSI (psi-null.ts,
 * or psi-tied.ts for tied numbers: 20/level draws), run only when PSI passes SCREEN × the moment-matched critical value — that value
 * is good to the 0.99 quantile but not far out, so the screen sits well below it. TIED_REPLICATES (per batch size:
 * TIED_BATCH_REPLICATES) draws give a tied feature's moments.
 */
const TIED_REPLICATES = 1000;
const TIED_BATCH_REPLICATES = 500;
const SCREEN = 0.7;

export interface Prepared {
	name: string;
	kind: 'numeric' | 'categorical';
	note: FeatureNote | null;
	ref: { sorted: Float64Array | null; counts: Float64Array | null; present: number; size: number };
	/** Numbers with heavy ties: the reference's distinct values and counts, and its no-drift PSI per current size. */
	tied: TiedSupport | null;
	tiedNulls: Map<string, Float64Array>;
	/**
	 * Categorical: which codes are kept (top categories), the rest pooled; the values kept, and how many values are
	 * pooled in a last bin (0: none); the reference's counts per bin.
	 */
	keep: Int32Array | null;
	refBins: number[] | null;
	labels: string[] | null;
	other: number;
	refCol: StoredColumn;
	curCol: StoredColumn;
}

/** A size rounded down to two significant digits. */
const twoDigitsDown = (x: number) => {
	if (x < 100) return x;
	const p = 10 ** (Math.floor(Math.log10(x)) - 1);
	return Math.floor(x / p) * p;
};

function pooled(counts: Float64Array, keep: Int32Array, bins: number): number[] {
	const out = new Array<number>(bins).fill(0);
	for (let c = 0; c < counts.length; c++) if (counts[c]) out[keep[c]] += counts[c];
	return out;
}

/** A feature that cannot be compared, and why. */
export interface Skip {
	skip: FeatureRule;
}

/** A numeric feature read as numbers; a reason when it cannot be compared. Ties are found later (detectTies). */
export function prepareNumeric(name: string, refCol: StoredColumn, curCol: StoredColumn, reference: Group): Prepared | Skip {
	const sorted = sortedValues(refCol, reference);
	if (sorted.length < PSI_BINS) return { skip: { kind: 'too-few-reference', min: PSI_BINS } };
	return {
		name,
		kind: 'numeric',
		note: null,
		ref: { sorted, counts: null, present: sorted.length, size: 0 },
		tied: null,
		tiedNulls: new Map(),
		refBins: null,
		keep: null,
		labels: null,
		other: 0,
		refCol,
		curCol
	};
}

/**
 * A numeric feature with heavy ties in the reference and all current values together is compared on their distinct
 * values, and its no-drift distribution drawn from that pooled sample (the bootstrap under no drift: Efron &
 * Tibshirani 1993, §16.2) — with a small reference, its own values alone give too narrow a band.
 */
export function detectTies(f: Prepared, allCurrent: Float64Array): void {
	const pooled = mergeSorted([f.ref.sorted!, allCurrent]);
	if (!hasHeavyTies(pooled)) return;
	const tied = tiedSupport(pooled);
	f.tied = tied;
	f.note = { kind: 'tied-numbers', distinct: tied.distinct, groups: tied.counts.length };
}

/** A feature read as categories: the most frequent (reference and all current rows together) keep a bin each. */
export function prepareCategorical(
	name: string,
	refCol: StoredColumn,
	curCol: StoredColumn,
	reference: Group,
	allCurrent: Group,
	numeric: boolean
): Prepared | Skip {
	const size = refCol.dictionary.values.length;
	const { counts, present } = codeCounts(refCol, reference, size);
	if (present === 0) return { skip: { kind: 'no-reference-values' } };
	const curAll = codeCounts(curCol, allCurrent, size).counts;
	const order = Array.from({ length: size }, (_, c) => c).sort((a, b) => counts[b] + curAll[b] - (counts[a] + curAll[a]) || a - b);
	const top = order.slice(0, TOP_CATEGORIES).filter((c) => counts[c] + curAll[c] > 0);
	const rest = order.slice(top.length).filter((c) => counts[c] + curAll[c] > 0).length;
	const keep = new Int32Array(size).fill(top.length);
	top.forEach((c, k) => (keep[c] = k));
	const labels = top.map((c) => refCol.dictionary.values[c]);
	return {
		name,
		kind: 'categorical',
		note: numeric ? { kind: 'few-numbers', distinct: size } : null,
		ref: { sorted: null, counts, present, size },
		tied: null,
		tiedNulls: new Map(),
		keep,
		refBins: pooled(counts, keep, labels.length + (rest > 0 ? 1 : 0)),
		labels,
		other: rest,
		refCol,
		curCol
	};
}

/** Sorted draws of a tied feature's no-drift PSI for a current sample of m, simulated once per size (seeded by them). */
function tiedDraws(f: Prepared, m: number, replicates: number): Float64Array {
	const n = f.ref.present;
	const key = `${m}/${replicates}`;
	let draws = f.tiedNulls.get(key);
	if (!draws) {
		// Seeded by the data's own counts too: files of the same sizes do not share one critical value's simulation error.
		const counts = f.tied!.counts.reduce((h, c) => mixSeed(h, c), f.tied!.counts.length);
		const seed = mixSeed(mixSeed(hashString(f.name), mixSeed(n, counts)), mixSeed(m, replicates));
		draws = psiNullTiedSample(f.tied!, n, m, PSI_BINS, createRng(seed), replicates).sort();
		f.tiedNulls.set(key, draws);
	}
	return draws;
}

/**
 * PSI's test at `level` for a numeric feature: the critical value (moment-matched below the screen, from the draws
 * above it) and whether PSI is beyond it. `n`, `m`: the sizes the no-drift distribution is simulated for.
 */
function psiTest(f: Prepared, psi: number, nul: PsiNull, n: number, m: number, level: number): { critical: number; over: boolean } {
	const screen = psiFamilyCritical(nul, level, 1);
	if (psi <= SCREEN * screen) return { critical: screen, over: false };
	// Tied draws cost O(groups) each: 20/level of them (at most 200,000; the critical value's spread ≈ ±22%).
	const draws = f.tied ? tiedDraws(f, m, drawsFor(level, 20, 200_000)) : psiNullDrawsCached(n, m, PSI_BINS, drawsFor(level));
	const critical = mcCritical(draws, level) ?? Infinity;
	return { critical, over: psi > critical };
}

/** The verdict of a compared feature: beyond noise by `test` or not, and drift when PSI is a moderate shift or more. */
function verdictOf(psi: number, significant: boolean, test: DriftTest, n: number, m: number): { verdict: Verdict; rule: FeatureRule } {
	if (!significant) return { verdict: 'none', rule: { kind: 'within-noise', test, psi, n, m } };
	if (psi >= PSI_MODERATE) return { verdict: 'drift', rule: { kind: 'drift', test, psi, n, m } };
	return { verdict: 'small', rule: { kind: 'small', test, psi, n, m } };
}

/** Numbers: PSI (tied or not), its no-drift distribution for these sizes and the test at `level`. */
function numericTest(f: Prepared, cur: Float64Array, level: number, use: 'report' | 'batch') {
	const ref = f.ref.sorted!;
	// Batches: sizes rounded down to two significant digits (fewer simulations; smaller samples are noisier, so
	// rounding down errs towards fewer alarms).
	const n = use === 'report' ? ref.length : twoDigitsDown(ref.length);
	const m = use === 'report' ? cur.length : twoDigitsDown(cur.length);
	if (f.tied) {
		const d = psiTied(f.tied, ref, cur, PSI_BINS);
		const nul = nullMoments(tiedDraws(f, m, use === 'report' ? TIED_REPLICATES : TIED_BATCH_REPLICATES), ref.length, m, PSI_BINS);
		return { d, nul, ...psiTest(f, d.psi, nul, ref.length, m, level) };
	}
	const d = psiDetailSorted(ref, cur, PSI_BINS);
	const nul = psiNullCached(n, m, PSI_BINS, use === 'report' ? 20000 : 4000);
	return { d, nul, ...psiTest(f, d.psi, nul, n, m, level) };
}

export function compareFeature(f: Prepared, reference: Group, target: Group, F: number, targetSorted: Float64Array | null): FeatureDrift {
	const base = { name: f.name, kind: f.kind, note: f.note, missingRef: missingShare(f.refCol, reference), missingCur: missingShare(f.curCol, target) };
	const level = PSI_FAMILY_ALPHA / F;
	if (f.kind === 'numeric') {
		const ref = f.ref.sorted!;
		const cur = targetSorted ?? sortedValues(f.curCol, target);
		const n = ref.length;
		const m = cur.length;
		if (m === 0) return { ...base, ...notCompared(n), rule: { kind: 'no-current-values' } };
		const { d, nul, critical, over } = numericTest(f, cur, level, 'report');
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
		const v = verdictOf(d.psi, over, { kind: 'psi', critical, family: F, tied: f.tied !== null }, n, m);
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
			hist: { edges, labels: null, other: 0, ref: share(ref), cur: share(cur) }
		};
	}
	const { counts: curCounts, present: m } = codeCounts(f.curCol, target, f.ref.size);
	const refBins = f.refBins!;
	const curBins = pooled(curCounts, f.keep!, refBins.length);
	const n = f.ref.present;
	if (m === 0) return { ...base, ...notCompared(n), rule: { kind: 'no-current-values' } };
	const { psi, test } = compareBins(refBins, n, curBins, m, level);
	const chi2: DriftTest = { kind: 'chi2', family: F, replicates: test?.method === 'conditional' ? test.replicates : null };
	const v = test ? verdictOf(psi, test.pValue < level, chi2, n, m) : { verdict: 'none' as Verdict, rule: { kind: 'one-value' } as FeatureRule };
	return {
		...base,
		n,
		m,
		psi,
		psiQ95: null,
		psiCritical: null,
		test: test ? { name: 'χ²', statistic: test.statistic, df: test.df, pValue: test.pValue } : null,
		js: jensenShannonDivergence(refBins, curBins),
		wasserstein: null,
		wassersteinSd: null,
		...v,
		hist: { edges: null, labels: f.labels, other: f.other, ref: refBins.map((c) => c / n), cur: curBins.map((c) => c / m) }
	};
}

/** The fields of a feature that was not compared (`n` reference values). */
export function notCompared(n: number) {
	return {
		n,
		m: 0,
		psi: 0,
		psiQ95: null,
		psiCritical: null,
		test: null,
		js: 0,
		wasserstein: null,
		wassersteinSd: null,
		verdict: 'skipped' as Verdict,
		hist: { edges: null, labels: null, other: 0, ref: [], cur: [] }
	};
}

export function batchPsi(f: Prepared, g: Group, comparisons: number, sorted?: Float64Array): { psi: number; over: boolean } {
	if (f.kind === 'numeric') {
		const cur = sorted ?? sortedValues(f.curCol, g);
		if (!cur.length) return { psi: NaN, over: false };
		const { d, over } = numericTest(f, cur, PSI_FAMILY_ALPHA / comparisons, 'batch');
		return { psi: d.psi, over };
	}
	const { counts, present } = codeCounts(f.curCol, g, f.ref.size);
	if (!present) return { psi: NaN, over: false };
	const { psi, test } = compareBins(f.refBins!, f.ref.present, pooled(counts, f.keep!, f.refBins!.length), present, PSI_FAMILY_ALPHA / comparisons);
	return { psi, over: test !== null && test.pValue < PSI_FAMILY_ALPHA / comparisons };
}

/** Categories: PSI (an empty bin as half an observation) and Pearson's χ² with sparse cells pooled (none with one cell). */
function compareBins(refBins: number[], n: number, curBins: number[], m: number, level: number) {
	const psi = psiFromProportions(flooredProportions(refBins, n), flooredProportions(curBins, m));
	return { psi, test: homogeneityTest(refBins, curBins, level) };
}
