/**
 * The A/B lab's facts for its lessons (lessons/types.ts): the numbers of a complete run — the one simulated
 * experiment and the A/A peeking tally of the current settings — that a lesson asks about and explains with, read
 * the way the page words them (the decision strip's first stop, the status line's p-values, the peeking table's rates
 * with the bar chart's 95% Wilson intervals).
 */
import type { Facts } from '$lib/lessons/types';
import { wilsonInterval } from '$lib/stats/abtest';
import { daysFor, type AbtestParams } from './params';
import type { Decision, ExperimentConfig, ExperimentResult, PeekingResult } from './types';

export interface AbtestRun {
	config: ExperimentConfig;
	experiment: ExperimentResult;
	peeking: PeekingResult;
}

/** The first day a rule decides (index of the first cell that is not "continue", "wait" or "stopped"), as the decision strip reads it. */
export function firstStopIndex(cells: Decision[]): number {
	return cells.findIndex((c) => c !== 'continue' && c !== 'wait' && c !== 'stopped');
}

/** Whether a share of `n` experiments is distinguishable from α by its 95% Wilson interval: 'above', 'below' or 'about'. */
function againstAlpha(rate: number, n: number, alpha: number): { lo: number; hi: number; vs: string } {
	const [lo, hi] = wilsonInterval({ conversions: Math.round(rate * n), visitors: n });
	return { lo, hi, vs: lo > alpha ? 'above' : hi < alpha ? 'below' : 'about' };
}

export function abtestFacts({ config, experiment, peeking }: AbtestRun): Facts {
	const days = experiment.days;
	const last = days[days.length - 1];
	const rule = (k: 'naive' | 'fixed' | 'sequential' | 'bayes') => {
		const i = firstStopIndex(days.map((d) => d.decisions[k]));
		return { decision: i < 0 ? 'none' : days[i].decisions[k], day: i < 0 ? 0 : i + 1 };
	};
	const naive = rule('naive');
	const fixed = rule('fixed');
	const seq = rule('sequential');
	const bayes = rule('bayes');
	const n = peeking.experiments;
	const a = config.alpha;
	const pn = againstAlpha(peeking.rates.naive, n, a);
	const pf = againstAlpha(peeking.rates.fixed, n, a);
	const ps = againstAlpha(peeking.rates.sequential, n, a);
	const minP = Math.min(...days.map((d) => d.pValue));
	const minPDay = days.findIndex((d) => d.pValue === minP) + 1;
	const trueDiff = experiment.trueDiff ?? 0;
	return {
		seed: config.seed,
		lift: config.lift,
		alpha: a,
		days: days.length,
		baseRate: config.baselineRate,
		trueDiff,
		visitors: last.control.n + last.variant.n,
		plannedPerArm: config.plannedControl,
		/** Days the plan needs at this traffic and split (the power section's "about N days"). */
		plannedDays: daysFor({ control: config.plannedControl, variant: config.plannedVariant }, {
			traffic: config.dailyTraffic,
			split: config.split
		} as AbtestParams),
		planReached: experiment.planReached,
		planDay: experiment.planDay,
		lastP: last.pValue,
		lastSeqP: last.seqPValue,
		lastSignificant: last.pValue < a,
		lastDiff: last.diff,
		ciLo: last.diffCi[0],
		ciHi: last.diffCi[1],
		ciHasZero: last.diffCi[0] <= 0 && last.diffCi[1] >= 0,
		ciHasTruth: last.diffCi[0] <= trueDiff && last.diffCi[1] >= trueDiff,
		minP,
		minPDay,
		everBelowAlpha: minP < a,
		naiveStop: naive.decision,
		naiveDay: naive.day,
		fixedStop: fixed.decision,
		fixedDay: fixed.day,
		seqStop: seq.decision,
		seqDay: seq.day,
		bayesStop: bayes.decision,
		bayesDay: bayes.day,
		peekExperiments: n,
		peekNaive: peeking.rates.naive,
		peekNaiveLo: pn.lo,
		peekNaiveHi: pn.hi,
		peekNaiveVsAlpha: pn.vs,
		peekFixed: peeking.rates.fixed,
		peekFixedLo: pf.lo,
		peekFixedHi: pf.hi,
		peekFixedVsAlpha: pf.vs,
		peekSeq: peeking.rates.sequential,
		peekSeqLo: ps.lo,
		peekSeqHi: ps.hi,
		peekSeqVsAlpha: ps.vs,
		peekBayes: peeking.rates.bayes,
		peekBayesOneLook: peeking.oneLook.bayes,
		/** Share of A/A experiments with a daily-peeking "winner" by day 7 (peeking every day up to then). */
		peekNaiveDay7: peeking.byDay.naive[Math.min(6, peeking.byDay.naive.length - 1)]
	};
}
