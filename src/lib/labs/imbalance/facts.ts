/**
 * The imbalance lab's facts for its lessons (lessons/types.ts): the numbers of a complete run of the synthetic data
 * that a lesson asks about and explains with, computed with the functions the metrics table uses (confusionAt at the
 * page's threshold, confusionRates with their 95% Wilson intervals, majorityBaseline, baselineStanding and
 * comparisonSentence). Model A's facts start with `a`, model B's with `b`. Two rates are told apart only when their
 * 95% intervals do not overlap (the intervals the table shows); otherwise the verdict is 'overlap'.
 */
import type { Facts } from '$lib/lessons/types';
import { confusionAt, type Confusion } from '$lib/metrics/classification';
import { baselineStanding, classNames, comparisonSentence, majorityBaseline } from './classes';
import { confusionRates, countsText, type Rate } from './intervals';
import { modelNames } from './models';
import type { ImbalanceParams } from './params';
import type { ImbalanceProgress, ImbalanceSetup } from './types';

/** The default threshold, at which the facts also give each model's recall and precision (what the table shows at 0.5). */
export const DEFAULT_THRESHOLD = 0.5;

/** 'A' or 'B' when that model's rate is higher and the two 95% intervals do not overlap, else 'overlap'. */
export function apart(a: Rate | null, b: Rate | null): 'A' | 'B' | 'overlap' {
	if (!a || !b) return 'overlap';
	return a.lo > b.hi ? 'A' : b.lo > a.hi ? 'B' : 'overlap';
}

export function imbalanceFacts(
	setup: ImbalanceSetup,
	progress: ImbalanceProgress,
	p: Pick<ImbalanceParams, 'threshold' | 'seed' | 'ratio' | 'loss' | 'resample' | 'compare' | 'cresample'>
): Facts {
	const classes = classNames(setup);
	const base = majorityBaseline(classes, setup.counts.test);
	const names = modelNames(p);
	const confusions: Confusion[] = progress.models.map((m) => confusionAt(setup.testLabels, m.testScores, p.threshold));
	const rates = confusions.map(confusionRates);
	const out: Record<string, number | string | boolean> = {
		seed: p.seed,
		ratio: p.ratio,
		threshold: p.threshold,
		epochs: progress.epoch,
		trainNeg: setup.counts.train[0],
		trainPos: setup.counts.train[1],
		testNeg: setup.counts.test[0],
		testPos: setup.counts.test[1],
		baseAccuracy: base.accuracy,
		baseAp: base.ap,
		verdict: comparisonSentence(
			confusions.map((confusion, i) => ({ tag: names[i].tag, confusion })),
			base,
			classes
		),
		recallApart: apart(rates[0].recall, rates[1].recall),
		accuracyApart: apart(rates[0].accuracy, rates[1].accuracy)
	};
	['a', 'b'].forEach((k, i) => {
		const c = confusions[i];
		const r = rates[i];
		const m = progress.models[i];
		const half = confusionAt(setup.testLabels, m.testScores, DEFAULT_THRESHOLD);
		Object.assign(out, {
			[`${k}Name`]: names[i].full,
			[`${k}Tp`]: c.tp,
			[`${k}Fn`]: c.fn,
			[`${k}Fp`]: c.fp,
			[`${k}Flagged`]: c.tp + c.fp,
			[`${k}Accuracy`]: c.accuracy,
			[`${k}AccuracyText`]: countsText(r.accuracy),
			[`${k}Standing`]: baselineStanding(c, base),
			[`${k}Recall`]: c.recall,
			[`${k}RecallText`]: r.recall ? countsText(r.recall) : '(no minority examples)',
			// Precision has no value when the model flags nothing: 0 here, and `Flagged` says so.
			[`${k}Precision`]: c.precision,
			[`${k}PrecisionText`]: r.precision ? countsText(r.precision) : '(no positive predictions)',
			[`${k}F1`]: c.f1,
			[`${k}Roc`]: m.rocAuc,
			[`${k}Ap`]: m.averagePrecision,
			[`${k}RecallAtHalf`]: half.recall,
			[`${k}PrecisionAtHalf`]: half.precision,
			[`${k}FlaggedAtHalf`]: half.tp + half.fp,
			/** How many times a minority example counts in the loss against a majority one (1: unweighted). */
			[`${k}WeightRatio`]: setup.classWeights[i][1] / setup.classWeights[i][0]
		});
	});
	return out;
}
