/**
 * Binary classification metrics. Labels are 0/1; scores are any finite numbers (probabilities where noted).
 *
 * - rocAuc: area under the ROC curve; tied scores count one half (the Mann–Whitney U statistic / (n₊·n₋)),
 *   identical to sklearn.metrics.roc_auc_score.
 * - averagePrecision: sklearn's step definition AP = Σ_k (R_k − R_{k−1}) P_k over distinct score thresholds in
 *   decreasing order, with no interpolation (sklearn.metrics.average_precision_score).
 * - rocCurve / prCurve: one point per distinct threshold (a sample is predicted positive iff score ≥ threshold).
 *   rocCurve starts at (0, 0); prCurve ends at recall 0, precision 1, as sklearn's precision_recall_curve (≥ 1.1).
 * - confusionAt: positive iff score ≥ threshold; a ratio with a zero denominator is reported as 0.
 * - logLoss: mean −[y ln p + (1 − y) ln(1 − p)] with p clipped to [1e−15, 1 − 1e−15].
 * - brierScore: mean (p − y)².
 * - expectedCalibrationError: Σ_b (n_b/N)·|mean(y in b) − mean(p in b)| over `bins` equal-width bins of [0, 1];
 *   p falls in bin min(⌊p·bins⌋, bins − 1) (Naeini, Cooper & Hauskrecht, AAAI 2015; Guo et al., ICML 2017).
 */
import { assertBinaryLabels, assertNumericArray, assertProbabilities, assertSameLength, type NumericArray } from '../stats/validate';

function checkPair(labels: NumericArray, scores: NumericArray, scoreName = 'scores'): void {
	assertNumericArray('labels', labels);
	assertNumericArray(scoreName, scores);
	assertSameLength('labels', labels, scoreName, scores);
	assertBinaryLabels('labels', labels);
}

function countPositives(labels: NumericArray): number {
	let p = 0;
	for (let i = 0; i < labels.length; i++) p += labels[i];
	return p;
}

function requireBothClasses(labels: NumericArray, what: string): { pos: number; neg: number } {
	const pos = countPositives(labels);
	const neg = labels.length - pos;
	if (pos === 0 || neg === 0) {
		throw new RangeError(`${what} needs both classes in the labels (got ${pos} positives and ${neg} negatives).`);
	}
	return { pos, neg };
}

/** Indices sorted by score, descending (stable). */
function orderByScoreDesc(scores: NumericArray): Uint32Array {
	const idx = new Uint32Array(scores.length);
	for (let i = 0; i < idx.length; i++) idx[i] = i;
	return idx.sort((a, b) => scores[b] - scores[a] || a - b);
}

interface ThresholdCounts {
	thresholds: number[];
	tps: number[];
	fps: number[];
}

/** Cumulative true/false positives at each distinct threshold, from the highest score down. */
function countsAtThresholds(labels: NumericArray, scores: NumericArray): ThresholdCounts {
	const order = orderByScoreDesc(scores);
	const thresholds: number[] = [];
	const tps: number[] = [];
	const fps: number[] = [];
	let tp = 0;
	let fp = 0;
	for (let k = 0; k < order.length; k++) {
		const i = order[k];
		if (labels[i] === 1) tp++;
		else fp++;
		const next = k + 1 < order.length ? scores[order[k + 1]] : NaN;
		if (next !== scores[i]) {
			thresholds.push(scores[i]);
			tps.push(tp);
			fps.push(fp);
		}
	}
	return { thresholds, tps, fps };
}

export function rocAuc(labels: NumericArray, scores: NumericArray): number {
	checkPair(labels, scores);
	const { pos, neg } = requireBothClasses(labels, 'ROC AUC');
	const { tps, fps } = countsAtThresholds(labels, scores);
	// Trapezoids between successive distinct thresholds: ties contribute one half.
	let area = 0;
	let prevTp = 0;
	let prevFp = 0;
	for (let k = 0; k < tps.length; k++) {
		area += (fps[k] - prevFp) * (tps[k] + prevTp) * 0.5;
		prevTp = tps[k];
		prevFp = fps[k];
	}
	return area / (pos * neg);
}

export function averagePrecision(labels: NumericArray, scores: NumericArray): number {
	checkPair(labels, scores);
	const pos = countPositives(labels);
	if (pos === 0) throw new RangeError('Average precision needs at least one positive label.');
	const { tps, fps } = countsAtThresholds(labels, scores);
	let ap = 0;
	let prevRecall = 0;
	for (let k = 0; k < tps.length; k++) {
		const recall = tps[k] / pos;
		const precision = tps[k] / (tps[k] + fps[k]);
		ap += (recall - prevRecall) * precision;
		prevRecall = recall;
	}
	return ap;
}

export interface RocCurve {
	fpr: number[];
	tpr: number[];
	thresholds: number[];
}

export function rocCurve(labels: NumericArray, scores: NumericArray): RocCurve {
	checkPair(labels, scores);
	const { pos, neg } = requireBothClasses(labels, 'The ROC curve');
	const { thresholds, tps, fps } = countsAtThresholds(labels, scores);
	return {
		fpr: [0, ...fps.map((f) => f / neg)],
		tpr: [0, ...tps.map((t) => t / pos)],
		thresholds: [Infinity, ...thresholds]
	};
}

export interface PrCurve {
	precision: number[];
	recall: number[];
	thresholds: number[];
}

/** Points in order of increasing threshold (as sklearn), ending at recall 0, precision 1. */
export function prCurve(labels: NumericArray, scores: NumericArray): PrCurve {
	checkPair(labels, scores);
	const pos = countPositives(labels);
	if (pos === 0) throw new RangeError('The precision–recall curve needs at least one positive label.');
	const { thresholds, tps, fps } = countsAtThresholds(labels, scores);
	const last = tps.length - 1;
	const precision: number[] = [];
	const recall: number[] = [];
	const th: number[] = [];
	for (let k = last; k >= 0; k--) {
		precision.push(tps[k] / (tps[k] + fps[k]));
		recall.push(tps[k] / pos);
		th.push(thresholds[k]);
	}
	precision.push(1);
	recall.push(0);
	return { precision, recall, thresholds: th };
}

export interface Confusion {
	tp: number;
	fp: number;
	tn: number;
	fn: number;
	precision: number;
	recall: number;
	f1: number;
	accuracy: number;
}

export function confusionAt(labels: NumericArray, scores: NumericArray, threshold: number): Confusion {
	checkPair(labels, scores);
	if (typeof threshold !== 'number' || Number.isNaN(threshold)) throw new RangeError(`threshold must be a number (got ${threshold}).`);
	let tp = 0;
	let fp = 0;
	let tn = 0;
	let fn = 0;
	for (let i = 0; i < labels.length; i++) {
		const predicted = scores[i] >= threshold;
		if (labels[i] === 1) {
			if (predicted) tp++;
			else fn++;
		} else if (predicted) fp++;
		else tn++;
	}
	const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
	const precision = ratio(tp, tp + fp);
	const recall = ratio(tp, tp + fn);
	return { tp, fp, tn, fn, precision, recall, f1: ratio(2 * precision * recall, precision + recall), accuracy: ratio(tp + tn, labels.length) };
}

function checkProbs(labels: NumericArray, probs: NumericArray): void {
	checkPair(labels, probs, 'probs');
	assertProbabilities('probs', probs);
}

export function logLoss(labels: NumericArray, probs: NumericArray): number {
	checkProbs(labels, probs);
	let total = 0;
	for (let i = 0; i < labels.length; i++) {
		const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i]));
		total -= labels[i] === 1 ? Math.log(p) : Math.log1p(-p);
	}
	return total / labels.length;
}

export function brierScore(labels: NumericArray, probs: NumericArray): number {
	checkProbs(labels, probs);
	let total = 0;
	for (let i = 0; i < labels.length; i++) total += (probs[i] - labels[i]) ** 2;
	return total / labels.length;
}

export interface CalibrationBin {
	lo: number;
	hi: number;
	count: number;
	meanProb: number;
	fractionPositive: number;
}

/** Reliability diagram bins (empty bins included with count 0). */
export function calibrationBins(labels: NumericArray, probs: NumericArray, bins = 10): CalibrationBin[] {
	checkProbs(labels, probs);
	if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number ≥ 1 (got ${bins}).`);
	const count = new Array<number>(bins).fill(0);
	const sumP = new Array<number>(bins).fill(0);
	const sumY = new Array<number>(bins).fill(0);
	for (let i = 0; i < labels.length; i++) {
		const b = Math.min(Math.floor(probs[i] * bins), bins - 1);
		count[b]++;
		sumP[b] += probs[i];
		sumY[b] += labels[i];
	}
	return count.map((c, b) => ({
		lo: b / bins,
		hi: (b + 1) / bins,
		count: c,
		meanProb: c > 0 ? sumP[b] / c : 0,
		fractionPositive: c > 0 ? sumY[b] / c : 0
	}));
}

/**
 * Reliability bins with equal counts (each holds ~n/bins examples, cut at the sorted probabilities), so that every
 * point of the diagram has data even when a model's probabilities crowd near 0 or 1. lo/hi are the bin's smallest
 * and largest probability.
 */
export function calibrationBinsQuantile(labels: NumericArray, probs: NumericArray, bins = 10): CalibrationBin[] {
	checkProbs(labels, probs);
	if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a whole number ≥ 1 (got ${bins}).`);
	const order = Array.from({ length: probs.length }, (_, i) => i).sort((a, b) => probs[a] - probs[b]);
	const out: CalibrationBin[] = [];
	const n = order.length;
	for (let b = 0; b < bins; b++) {
		const from = Math.floor((b * n) / bins);
		const to = Math.floor(((b + 1) * n) / bins);
		if (to <= from) continue;
		let sp = 0;
		let sy = 0;
		for (let k = from; k < to; k++) {
			sp += probs[order[k]];
			sy += labels[order[k]];
		}
		out.push({ lo: probs[order[from]], hi: probs[order[to - 1]], count: to - from, meanProb: sp / (to - from), fractionPositive: sy / (to - from) });
	}
	return out;
}

export function expectedCalibrationError(labels: NumericArray, probs: NumericArray, bins = 10): number {
	const table = calibrationBins(labels, probs, bins);
	let ece = 0;
	for (const b of table) if (b.count > 0) ece += (b.count / labels.length) * Math.abs(b.fractionPositive - b.meanProb);
	return ece;
}
