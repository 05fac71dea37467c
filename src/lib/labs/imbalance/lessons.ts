/**
 * The imbalance lab's lessons (lessons/types.ts): the accuracy paradox, and the misconception that plain
 * cross-entropy cannot find the minority. Every answer and number comes from the run's facts (./facts.ts); two
 * models' rates are told apart only when their 95% Wilson intervals (shown in the table) do not overlap.
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { intChoices, num, numberChoices } from '$lib/lessons/grade';
import { fmtInt, fmtNum, fmtPct } from '$lib/format';

const f3 = (v: number) => fmtNum(v, 3);
const pct = (v: number) => fmtPct(v, 1);
const str = (f: Facts, k: string) => String(f[k]);
const whoOptions = (what: string) => [
	{ id: 'A', label: `Model A ${what}` },
	{ id: 'B', label: `Model B ${what}` },
	{ id: 'overlap', label: 'Cannot tell from this run (the 95% intervals overlap)' }
];
const apartWords = (f: Facts, key: 'recallApart' | 'accuracyApart', what: string) =>
	f[key] === 'overlap'
		? `their 95% intervals overlap, so this run cannot tell which ${what}`
		: `their 95% intervals do not overlap: model ${str(f, key)} ${what}`;
const pctNumber = (prompt: string, start = 50) => ({
	kind: 'number' as const,
	prompt,
	min: 0,
	max: 100,
	step: 0.5,
	format: (v: number) => `${v.toFixed(1)}%`,
	start
});
const rocGap = (f: Facts) => num(f, 'aRoc') - num(f, 'bRoc');

export const LESSONS = defineLessons([
	{
		id: 'imbalance-accuracy-paradox',
		lab: 'imbalance',
		title: 'The accuracy paradox: 98% accurate, and useless',
		goal: 'Explain why accuracy rewards a model that ignores a rare class, and read minority recall and precision (with their intervals) instead.',
		minutes: 12,
		misconception: 'A model with 98% accuracy must be a good model.',
		steps: [
			{
				id: 'baseline',
				title: 'The model that does nothing',
				settings: '',
				ask: pctNumber('One minority example per 50 majority ones. What is the test accuracy of a "model" that always predicts the majority?', 75),
				answer: (f) => 100 * num(f, 'baseAccuracy'),
				tolerance: () => 1,
				explain: (f) =>
					`The test set has ${fmtInt(num(f, 'testNeg'))} majority and ${fmtInt(num(f, 'testPos'))} minority examples, so always saying "majority" is right ${pct(num(f, 'baseAccuracy'))} of the time — while finding none of the minority.`,
				shownIn: 'metric-base-accuracy'
			},
			{
				id: 'bce-accuracy',
				title: 'Plain cross-entropy against the baseline',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'Model B is a neural network trained with plain binary cross-entropy. How does its test accuracy compare with always predicting the majority?',
					options: [
						{ id: 'more', label: 'Clearly more accurate (by more than a point)' },
						{ id: 'about', label: 'About as accurate (within a point)' },
						{ id: 'less', label: 'Less accurate' }
					]
				},
				answer: (f) => str(f, 'bStanding'),
				explain: (f) =>
					`Model B: ${pct(num(f, 'bAccuracy'))} ${str(f, 'bAccuracyText')} against the baseline's ${pct(num(f, 'baseAccuracy'))}.${f.bStanding === 'about' ? ' A trained network, and within a point of doing nothing: by accuracy it looks no better.' : f.bStanding === 'less' ? ' A trained network, and more than a point less accurate than doing nothing.' : ''} The page sums it up: ${str(f, 'verdict')}`,
				shownIn: 'verdict'
			},
			{
				id: 'bce-recall',
				title: 'How much of the minority does it find?',
				settings: '',
				ask: pctNumber('What share of the minority test examples does model B flag as minority (its minority recall) at threshold 0.5?', 50),
				answer: (f) => 100 * num(f, 'bRecall'),
				tolerance: () => 10,
				explain: (f) =>
					`Model B finds ${fmtInt(num(f, 'bTp'))} of ${fmtInt(num(f, 'testPos'))}: recall ${pct(num(f, 'bRecall'))} ${str(f, 'bRecallText')}.${num(f, 'bRecall') < 0.5 ? ` Averaged over examples, cross-entropy is dominated by the ${fmtNum(num(f, 'ratio'), 3)}-times-more-numerous majority, and in this run few minority examples score 0.5 or more.` : ''} With only ${fmtInt(num(f, 'testPos'))} minority test examples the interval is wide: read it, not just the point value.`,
				shownIn: 'metric-1-recall'
			},
			{
				id: 'weighted-recall',
				title: 'Weight the minority',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'Model A trains on the same data with weighted cross-entropy (each minority example counts about 50 times). Which finds more of the minority?',
					options: whoOptions('finds more')
				},
				answer: (f) => str(f, 'recallApart'),
				explain: (f) =>
					`Recall: A ${pct(num(f, 'aRecall'))} ${str(f, 'aRecallText')}, B ${pct(num(f, 'bRecall'))} ${str(f, 'bRecallText')} — ${apartWords(f, 'recallApart', 'finds more')}. In A's loss a minority example weighs ${fmtNum(num(f, 'aWeightRatio'), 3)} times a majority one.`,
				shownIn: 'comparison'
			},
			{
				id: 'price',
				title: 'What did it cost?',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'And which of the two models has the higher test accuracy?',
					options: whoOptions('is more accurate')
				},
				answer: (f) => str(f, 'accuracyApart'),
				explain: (f) =>
					`Accuracy: A ${pct(num(f, 'aAccuracy'))} ${str(f, 'aAccuracyText')}, B ${pct(num(f, 'bAccuracy'))} ${str(f, 'bAccuracyText')} — ${apartWords(f, 'accuracyApart', 'is more accurate')}. A flags ${fmtInt(num(f, 'aFlagged'))} test examples as minority, of which ${fmtInt(num(f, 'aTp'))} are (precision ${pct(num(f, 'aPrecision'))}). Which trade is better depends on what a missed minority example costs against a false alarm — accuracy weighs them as equal.`,
				shownIn: 'comparison'
			},
			{
				id: 'balanced',
				title: 'Balanced classes',
				settings: 'ratio=1',
				ask: {
					kind: 'choice',
					prompt: 'Now one "minority" example per majority one (1:1). Does plain cross-entropy (model B) still miss most of the minority class?',
					options: [
						{ id: 'yes', label: 'Yes, it still finds fewer than half' },
						{ id: 'no', label: 'No, it finds most of them' }
					]
				},
				answer: (f) => (num(f, 'bRecall') < 0.5 ? 'yes' : 'no'),
				explain: (f) =>
					`At 1:1 model B finds ${pct(num(f, 'bRecall'))} ${str(f, 'bRecallText')} with accuracy ${pct(num(f, 'bAccuracy'))}, against the baseline's ${pct(num(f, 'baseAccuracy'))}.${num(f, 'bRecall') >= 0.5 ? ' With balanced classes, in this run, accuracy and recall tell the same story: plain cross-entropy finds most of the minority here, unlike at 1:50 in the earlier step.' : ''}`,
				shownIn: 'metric-1-recall',
				explore: 'Raise the ratio step by step (1:5, 1:20, 1:200) and watch B’s recall against its accuracy.'
			}
		],
		quiz: {
			settings: '',
			items: [
				{
					id: 'b-found',
					prompt: (f) =>
						`In this run, how many of the ${fmtInt(num(f, 'testPos'))} minority test examples does model B (plain cross-entropy) find at threshold 0.5?`,
					options: (f) => intChoices(num(f, 'bTp'), 0, num(f, 'testPos'), [num(f, 'bTp') + 2, num(f, 'bTp') + 8]).options,
					answer: (f) => intChoices(num(f, 'bTp'), 0, num(f, 'testPos'), [num(f, 'bTp') + 2, num(f, 'bTp') + 8]).answer,
					why: (f) => `The recall cell of model B: ${fmtInt(num(f, 'bTp'))} of ${fmtInt(num(f, 'testPos'))} ${str(f, 'bRecallText')}.`
				},
				{
					id: 'a-flagged',
					prompt: () => 'How many test examples does model A (weighted cross-entropy) flag as minority?',
					options: (f) => numberChoices(num(f, 'aFlagged'), fmtInt).options,
					answer: (f) => numberChoices(num(f, 'aFlagged'), fmtInt).answer,
					why: (f) =>
						`${fmtInt(num(f, 'aTp'))} true and ${fmtInt(num(f, 'aFp'))} false positives (the confusion matrix of A): ${fmtInt(num(f, 'aFlagged'))}, precision ${pct(num(f, 'aPrecision'))}.`
				},
				{
					id: 'b-ap',
					prompt: () => 'What is model B’s PR AUC (average precision)?',
					options: (f) => numberChoices(num(f, 'bAp'), f3).options,
					answer: (f) => numberChoices(num(f, 'bAp'), f3).answer,
					why: (f) =>
						`${f3(num(f, 'bAp'))}, against ${f3(num(f, 'baseAp'))} for a random ranking (the minority's share); its ROC AUC is ${f3(num(f, 'bRoc'))}. Both are threshold-free${num(f, 'bRecall') < 0.5 && num(f, 'bAp') > 2 * num(f, 'baseAp') ? `: B ranks the minority well above chance although it finds only ${pct(num(f, 'bRecall'))} of it at 0.5` : ''}.`
				}
			]
		}
	},
	{
		id: 'imbalance-threshold',
		lab: 'imbalance',
		title: 'Weighting the loss, or moving the threshold?',
		goal: 'Show that plain cross-entropy often ranks the minority about as well as a weighted loss, and that a lower threshold recovers much of the recall, at a price in precision.',
		minutes: 12,
		misconception: 'Plain cross-entropy cannot find a rare class: you need a special loss or re-sampling.',
		steps: [
			{
				id: 'at-half',
				title: 'At the usual threshold',
				settings: 'loss=bce&compare=weighted',
				ask: {
					kind: 'choice',
					prompt: 'A trains with plain cross-entropy, B with weighted cross-entropy; 1:50 imbalance, threshold 0.5. Which finds more of the minority?',
					options: whoOptions('finds more')
				},
				answer: (f) => str(f, 'recallApart'),
				explain: (f) =>
					`Recall: A ${pct(num(f, 'aRecall'))} ${str(f, 'aRecallText')}, B ${pct(num(f, 'bRecall'))} ${str(f, 'bRecallText')} — ${apartWords(f, 'recallApart', 'finds more')}.`,
				shownIn: 'comparison'
			},
			{
				id: 'ranking',
				title: 'Threshold-free: the ranking',
				settings: 'loss=bce&compare=weighted',
				ask: {
					kind: 'choice',
					prompt: 'ROC AUC scores how well a model ranks minority above majority examples, at every threshold at once. How do the two ROC AUCs compare?',
					options: [
						{ id: 'A', label: 'A (plain) is higher by more than 0.02' },
						{ id: 'B', label: 'B (weighted) is higher by more than 0.02' },
						{ id: 'close', label: 'Within 0.02 of each other' }
					]
				},
				answer: (f) => (rocGap(f) > 0.02 ? 'A' : rocGap(f) < -0.02 ? 'B' : 'close'),
				explain: (f) =>
					`ROC AUC: A ${f3(num(f, 'aRoc'))}, B ${f3(num(f, 'bRoc'))} (PR AUC ${f3(num(f, 'aAp'))} and ${f3(num(f, 'bAp'))}).${Math.abs(rocGap(f)) <= 0.02 ? ' In this run the two rank the test examples about equally well, so the recall gap at 0.5 says more about where 0.5 falls among each model’s scores than about what they learned. One run, one seed: the Sweep panel compares over several.' : ''}`,
				shownIn: 'chart-roc'
			},
			{
				id: 'lower',
				title: 'Lower the threshold instead',
				settings: 'loss=bce&compare=weighted&threshold=0.02',
				ask: pctNumber(
					'Keep plain cross-entropy (A), but flag an example as minority when its score is at least 0.02 (about 1/(1 + 50)). What share of the minority does A find now?',
					30
				),
				answer: (f) => 100 * num(f, 'aRecall'),
				tolerance: () => 10,
				explain: (f) =>
					`A finds ${pct(num(f, 'aRecall'))} ${str(f, 'aRecallText')} at 0.02, against ${pct(num(f, 'aRecallAtHalf'))} at 0.5: the same scores, so recall can only rise as the threshold falls. The weighted model B found ${pct(num(f, 'bRecallAtHalf'))} at 0.5. For the ideal model, weighting the minority w times is exactly the same as moving the threshold from 0.5 to 1/(1 + w); here w = ${fmtNum(num(f, 'bWeightRatio'), 3)}.`,
				shownIn: 'metric-0-recall'
			},
			{
				id: 'cost',
				title: 'The price of a lower threshold',
				settings: 'loss=bce&compare=weighted&threshold=0.02',
				ask: {
					kind: 'choice',
					prompt: 'At threshold 0.02, is model A’s precision (the share of its minority flags that are right) higher or lower than at 0.5?',
					options: [
						{ id: 'higher', label: 'Higher' },
						{ id: 'lower', label: 'Lower' },
						{ id: 'same', label: 'The same' }
					]
				},
				answer: (f) => {
					const [now, half] = [num(f, 'aPrecision'), num(f, 'aPrecisionAtHalf')];
					return now < half ? 'lower' : now > half ? 'higher' : 'same';
				},
				explain: (f) =>
					`A flags ${fmtInt(num(f, 'aFlagged'))} examples at 0.02 (precision ${pct(num(f, 'aPrecision'))} ${str(f, 'aPrecisionText')}) against ${fmtInt(num(f, 'aFlaggedAtHalf'))} at 0.5 (precision ${pct(num(f, 'aPrecisionAtHalf'))}). The weighted model B at 0.5 had precision ${pct(num(f, 'bPrecisionAtHalf'))}. ${num(f, 'aFlagged') > num(f, 'aFlaggedAtHalf') ? `The same scores with a lower bar: every example flagged at 0.5 is still flagged, plus ${fmtInt(num(f, 'aFlagged') - num(f, 'aFlaggedAtHalf'))} more, of which ${fmtInt(num(f, 'aTp') - Math.round(num(f, 'aRecallAtHalf') * num(f, 'testPos')))} are minority examples.` : ''}`,
				shownIn: 'metric-0-precision'
			},
			{
				id: 'oversample',
				title: 'Re-sampling instead of re-weighting',
				settings: 'loss=bce&resample=oversample&compare=weighted',
				ask: {
					kind: 'choice',
					prompt:
						'A now repeats each minority training example until the classes are balanced (over-sampling); B weights the loss. Threshold 0.5. Which finds more of the minority?',
					options: whoOptions('finds more')
				},
				answer: (f) => str(f, 'recallApart'),
				explain: (f) =>
					`Recall: A ${pct(num(f, 'aRecall'))} ${str(f, 'aRecallText')}, B ${pct(num(f, 'bRecall'))} ${str(f, 'bRecallText')} — ${apartWords(f, 'recallApart', 'finds more')}. B weighs each minority example ${fmtNum(num(f, 'bWeightRatio'), 3)} times a majority one; A sees each about as many times over: two ways to give the minority the same pull on the loss.`,
				shownIn: 'comparison',
				explore: 'Try threshold 0.02 on plain cross-entropy with focal loss as model B.'
			}
		],
		quiz: {
			settings: 'loss=bce&compare=weighted&threshold=0.02',
			items: [
				{
					id: 'a-found',
					prompt: (f) => `At threshold 0.02, how many of the ${fmtInt(num(f, 'testPos'))} minority test examples does A (plain cross-entropy) find?`,
					options: (f) => intChoices(num(f, 'aTp'), 0, num(f, 'testPos'), [num(f, 'aTp') - 6, num(f, 'aTp') + 2]).options,
					answer: (f) => intChoices(num(f, 'aTp'), 0, num(f, 'testPos'), [num(f, 'aTp') - 6, num(f, 'aTp') + 2]).answer,
					why: (f) => `The recall cell of A: ${fmtInt(num(f, 'aTp'))} of ${fmtInt(num(f, 'testPos'))} ${str(f, 'aRecallText')}.`
				},
				{
					id: 'a-false',
					prompt: () => 'How many majority test examples does A wrongly flag at threshold 0.02?',
					options: (f) => numberChoices(num(f, 'aFp'), fmtInt).options,
					answer: (f) => numberChoices(num(f, 'aFp'), fmtInt).answer,
					why: (f) => `A’s confusion matrix: ${fmtInt(num(f, 'aFp'))} false positives, against ${fmtInt(num(f, 'aTp'))} true ones.`
				},
				{
					id: 'a-roc',
					prompt: () => 'What is A’s ROC AUC at threshold 0.02?',
					options: (f) => numberChoices(num(f, 'aRoc'), f3, [0.7, 0.85, (1 + num(f, 'aRoc')) / (2 * num(f, 'aRoc'))]).options,
					answer: (f) => numberChoices(num(f, 'aRoc'), f3, [0.7, 0.85, (1 + num(f, 'aRoc')) / (2 * num(f, 'aRoc'))]).answer,
					why: (f) => `${f3(num(f, 'aRoc'))}, the same as at any other threshold: ROC AUC scores the ranking, not a threshold.`
				}
			]
		}
	}
]);
