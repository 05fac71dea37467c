/**
 * Many seeded A/A experiments (both arms share one true rate), each looked at once a day, to measure how often each
 * stopping policy declares a winner that is not there:
 * - naive: stop at the first day the two-proportion z-test gives p < alpha;
 * - fixed: test once, on the last day;
 * - sequential: stop when the mSPRT's always-valid p-value drops below alpha;
 * - bayes: stop when P(variant beats control) ≥ threshold or ≤ 1 − threshold (normal approximation to the Beta
 *   posteriors here, for speed; the single-experiment view uses the exact value). This is a two-sided rule: with one
 *   look its false-positive rate is about 2·(1 − threshold), so a threshold of 1 − α/2 matches the z-test's α.
 * Each rule is also scored with a single look at the end (the "one look" rates), so the cost of peeking is seen
 * separately from the level a rule is set at.
 * Each day brings round(dailyTraffic·split) visitors to the variant and the rest to control (the single-experiment
 * view randomises arrivals too). The inner loop is written out (no validation per look) for speed.
 */
import { createRng, mixSeed } from '$lib/data/rng';
import { normalSf } from '$lib/stats/distributions';
import { msprtLikelihoodRatio, probabilityVariantBeatsNormal } from '$lib/stats/abtest';
import type { PeekingConfig, PeekingResult } from '../types';
import { checkpoint, throttle, type Ticket } from '../../../engine/run-control';

export function validatePeeking(c: PeekingConfig): void {
	if (!Number.isInteger(c.experiments) || c.experiments < 100) throw new RangeError(`Run at least 100 experiments (got ${c.experiments}).`);
	if (!Number.isInteger(c.days) || c.days < 1) throw new RangeError(`The number of days must be a whole number ≥ 1 (got ${c.days}).`);
	if (!(c.baselineRate > 0 && c.baselineRate < 1)) throw new RangeError(`The baseline rate must be between 0 and 1 (got ${c.baselineRate}).`);
	if (!(c.split > 0 && c.split < 1)) throw new RangeError(`The allocation split must be between 0 and 1 (got ${c.split}).`);
	if (!(c.dailyTraffic >= 2)) throw new RangeError(`Daily traffic must be at least 2 visitors (got ${c.dailyTraffic}).`);
	const b = Math.round(c.dailyTraffic * c.split);
	if (b < 1 || b > Math.round(c.dailyTraffic) - 1) throw new RangeError('With this traffic and split one arm gets no visitors each day.');
}

const BINS = 20;

/** Runs experiments [from, to) and adds their outcomes to `tally`. */
export function peekingChunk(c: PeekingConfig, from: number, to: number, tally: PeekingTally): void {
	const p = c.baselineRate;
	const b = Math.round(c.dailyTraffic * c.split);
	const a = Math.round(c.dailyTraffic) - b;
	for (let e = from; e < to; e++) {
		const rng = createRng(mixSeed(c.seed, e));
		let nA = 0;
		let nB = 0;
		let cA = 0;
		let cB = 0;
		let seqP = 1;
		let naiveDay = 0;
		let seqDay = 0;
		let bayesDay = 0;
		let minP = 1;
		let lastP = 1;
		let lastSeq = 1;
		let lastBeat = 0.5;
		for (let d = 1; d <= c.days; d++) {
			nA += a;
			nB += b;
			cA += rng.binomial(a, p);
			cB += rng.binomial(b, p);
			if (nA < 2 || nB < 2) continue;
			const pA = cA / nA;
			const pB = cB / nB;
			const pooled = (cA + cB) / (nA + nB);
			const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
			const pv = se > 0 ? Math.min(1, 2 * normalSf(Math.abs(pB - pA) / se)) : 1;
			lastP = pv;
			if (pv < minP) minP = pv;
			if (!naiveDay && pv < c.alpha) naiveDay = d;
			const v = (pA * (1 - pA)) / nA + (pB * (1 - pB)) / nB;
			if (v > 0) {
				// The look's own p-value (one look) and the always-valid running minimum, from one likelihood ratio.
				lastSeq = Math.min(1, 1 / msprtLikelihoodRatio(pB - pA, v, c.tau));
				seqP = Math.min(seqP, lastSeq);
				if (!seqDay && seqP < c.alpha) seqDay = d;
				// Beta(1 + c, 1 + n − c) posteriors, approximated by normals.
				const pBeat = probabilityVariantBeatsNormal(cA, nA, cB, nB);
				lastBeat = pBeat;
				if (!bayesDay && (pBeat >= c.bayesThreshold || pBeat <= 1 - c.bayesThreshold)) bayesDay = d;
			}
		}
		if (naiveDay) tally.naiveByDay[naiveDay - 1]++;
		if (seqDay) tally.seqByDay[seqDay - 1]++;
		if (bayesDay) tally.bayesByDay[bayesDay - 1]++;
		if (lastP < c.alpha) tally.fixed++;
		if (lastSeq < c.alpha) tally.seqOneLook++;
		if (lastBeat >= c.bayesThreshold || lastBeat <= 1 - c.bayesThreshold) tally.bayesOneLook++;
		tally.pFinal[Math.min(BINS - 1, Math.floor(lastP * BINS))]++;
		tally.pMin[Math.min(BINS - 1, Math.floor(minP * BINS))]++;
		tally.done++;
	}
}

export interface PeekingTally {
	done: number;
	fixed: number;
	/** Experiments the mSPRT or the Bayesian rule would call with one look, at the end. */
	seqOneLook: number;
	bayesOneLook: number;
	naiveByDay: number[];
	seqByDay: number[];
	bayesByDay: number[];
	pFinal: number[];
	pMin: number[];
}

export function emptyTally(days: number): PeekingTally {
	const z = (n: number) => new Array<number>(n).fill(0);
	return { done: 0, fixed: 0, seqOneLook: 0, bayesOneLook: 0, naiveByDay: z(days), seqByDay: z(days), bayesByDay: z(days), pFinal: z(BINS), pMin: z(BINS) };
}

function cumulative(xs: number[], total: number): number[] {
	let s = 0;
	return xs.map((x) => (s += x) / total);
}

export function summarize(t: PeekingTally, seconds: number): PeekingResult {
	const n = Math.max(1, t.done);
	const naive = cumulative(t.naiveByDay, n);
	const sequential = cumulative(t.seqByDay, n);
	const bayes = cumulative(t.bayesByDay, n);
	return {
		experiments: t.done,
		rates: { naive: naive[naive.length - 1], fixed: t.fixed / n, sequential: sequential[sequential.length - 1], bayes: bayes[bayes.length - 1] },
		oneLook: { ztest: t.fixed / n, sequential: t.seqOneLook / n, bayes: t.bayesOneLook / n },
		byDay: { naive, sequential, bayes },
		pFinal: t.pFinal.slice(),
		pMin: t.pMin.slice(),
		experimentsPerSecond: seconds > 0 ? t.done / seconds : 0
	};
}

/** Tally `config.experiments` A/A experiments in chunks, with a checkpoint (and a throttled progress report) after each. */
export async function runPeeking(config: PeekingConfig, ticket: Ticket, onProgress?: (p: PeekingResult) => void): Promise<PeekingResult> {
	validatePeeking(config);
	const tally = emptyTally(config.days);
	const t0 = performance.now();
	const report = throttle(150);
	const chunk = 500;
	for (let from = 0; from < config.experiments; from += chunk) {
		peekingChunk(config, from, Math.min(config.experiments, from + chunk), tally);
		if (onProgress && report()) onProgress(summarize(tally, (performance.now() - t0) / 1000));
		await checkpoint(ticket);
	}
	return summarize(tally, (performance.now() - t0) / 1000);
}
