/**
 * The offline vs online lab's lessons (lessons/types.ts): the offline winner is not the online winner, and two ways an
 * offline number or an early online number misleads (calibration, novelty). Every answer and every number in an
 * explanation comes from the run's facts (./facts.ts). Comparisons between two candidates use their 95% intervals:
 * one is called better only when its interval lies wholly above the other's, otherwise the answer is "cannot tell".
 */
import { defineLessons, type Choice, type Facts } from '$lib/lessons/types';
import { intChoices, num, numberChoices } from '$lib/lessons/grade';
import { fmtNum, fmtSignedPct } from '$lib/format';

const f3 = (v: number) => fmtNum(v, 3);
const sp = (v: number) => fmtSignedPct(v, 1);
/** A lift with its interval, e.g. "+7.4% [+3.9%, +11.0%]", and "(not significant)" as the scoreboard marks it. */
const lift = (f: Facts, key: string) =>
	`${sp(num(f, key))} [${sp(num(f, `${key}Lo`))}, ${sp(num(f, `${key}Hi`))}]${f[`${key}Sig`] === false ? ' (not significant)' : ''}`;
/** Which of two lifts is larger by their 95% intervals: 'a', 'b' or 'cannot-tell' when the intervals overlap. */
const byIntervals = (f: Facts, a: string, b: string) => (num(f, `${a}Lo`) > num(f, `${b}Hi`) ? 'a' : num(f, `${b}Lo`) > num(f, `${a}Hi`) ? 'b' : 'cannot-tell');
const sigWay = (f: Facts, key: string) => (f[`${key}Sig`] === true ? (num(f, key) > 0 ? 'up' : 'down') : 'ns');

const CANDIDATES: Choice[] = [
	{ id: 'click-naive', label: 'Click model' },
	{ id: 'click-debiased', label: 'Click model, position-debiased' },
	{ id: 'revenue', label: 'Revenue model' },
	{ id: 'revenue-miscal', label: 'Revenue model, miscalibrated' }
];
const signedChoices = (v: number) => numberChoices(v, sp);
const NOVELTY = 'novelty=1.5&days=21';

export const LESSONS = defineLessons([
	{
		id: 'offline-online-winner',
		lab: 'offline-online',
		title: 'The offline winner is not the online winner',
		goal: 'Explain why the model with the best offline metric on logged data can lose the A/B test: a metric that is not the goal (clicks vs revenue) and logs biased by position.',
		minutes: 12,
		misconception: 'The model with the best offline metric will win online.',
		steps: [
			{
				id: 'offline-pick',
				title: 'Offline, on the logs',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'Four candidates are trained on logs of the current (popularity) model. Which has the best click AUC on the held-out logs?',
					options: CANDIDATES
				},
				answer: (f) => String(f.offlineWinner),
				explain: (f) =>
					`Click AUC in this run: click model ${f3(num(f, 'naiveAuc'))}, position-debiased ${f3(num(f, 'debiasedAuc'))}, revenue model ${f3(num(f, 'revenueAuc'))}, miscalibrated ${f3(num(f, 'miscalAuc'))}. Judged on the logs, the ${String(f.offlineWinnerLabel).toLowerCase()} would ship.`,
				shownIn: 'scoreboard'
			},
			{
				id: 'revenue-online',
				title: 'Online, in the A/B test',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'Each candidate is A/B tested against the current model for 10 days. Which earns more revenue per session: the click model or the revenue model?',
					options: [
						{ id: 'a', label: 'The click model' },
						{ id: 'b', label: 'The revenue model' },
						{ id: 'cannot-tell', label: 'Cannot tell from this test' }
					]
				},
				answer: (f) => byIntervals(f, 'naiveRev', 'revenueRev'),
				explain: (f) =>
					`Revenue per session against the current model: click model ${lift(f, 'naiveRev')}, revenue model ${lift(f, 'revenueRev')}${byIntervals(f, 'naiveRev', 'revenueRev') === 'cannot-tell' ? ': the intervals overlap, so this test cannot separate them' : ': the intervals do not overlap'}. The largest point estimate of the revenue lift is the ${String(f.revenueWinnerLabel).toLowerCase()}'s${f.agree ? ', the offline winner too.' : ', not the offline winner’s.'}`,
				shownIn: 'oo-headline'
			},
			{
				id: 'fewer-clicks',
				title: 'Fewer clicks, more revenue',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'And the revenue model’s click-through rate in its A/B test, against the current model?',
					options: [
						{ id: 'up', label: 'Significantly higher' },
						{ id: 'down', label: 'Significantly lower' },
						{ id: 'ns', label: 'Not distinguishable' }
					]
				},
				answer: (f) => sigWay(f, 'revenueCtr'),
				explain: (f) =>
					`Revenue model: CTR ${lift(f, 'revenueCtr')}, revenue per session ${lift(f, 'revenueRev')}.${sigWay(f, 'revenueCtr') === 'down' && sigWay(f, 'revenueRev') === 'up' ? ' It ranks by expected revenue, and clickbait items get clicks but few purchases: a click metric, offline or online, puts it below the click models while it earns more.' : ''}`,
				shownIn: 'scoreboard'
			},
			{
				id: 'position',
				title: 'Logs biased by position',
				settings: 'bias=2',
				ask: {
					kind: 'choice',
					prompt:
						'Strong position bias (η = 2): users rarely look below the top slots. Online, which click model gets more clicks: the naive one or the position-debiased one?',
					options: [
						{ id: 'a', label: 'The naive click model' },
						{ id: 'b', label: 'The position-debiased click model' },
						{ id: 'cannot-tell', label: 'Cannot tell from this test' }
					]
				},
				answer: (f) => byIntervals(f, 'naiveCtr', 'debiasedCtr'),
				explain: (f) =>
					`Offline click AUC: naive ${f3(num(f, 'naiveAuc'))}, debiased ${f3(num(f, 'debiasedAuc'))}. Online CTR: naive ${lift(f, 'naiveCtr')}, debiased ${lift(f, 'debiasedCtr')}.${num(f, 'naiveAuc') > num(f, 'debiasedAuc') && byIntervals(f, 'naiveCtr', 'debiasedCtr') === 'b' ? ' The logs reward agreeing with the current model, which put its favourites on top where users look: the naive model learned “shown on top, so good” and looks better offline, while the debiased one gets more clicks from fresh traffic.' : ''}`,
				shownIn: 'scoreboard'
			},
			{
				id: 'popularity-bias',
				title: 'How much position is left in popularity',
				settings: 'bias=2',
				ask: {
					kind: 'number',
					prompt:
						'Item popularity as raw logged CTR: how strongly is its error correlated with the slots the item was shown in (−1 … 1; 0 = no position bias left)?',
					min: -1,
					max: 1,
					step: 0.05,
					format: (v) => fmtNum(v, 2),
					start: 0
				},
				answer: (f) => num(f, 'popBiasRaw'),
				tolerance: () => 0.15,
				explain: (f) =>
					`Correlation ${fmtNum(num(f, 'popBiasRaw'), 2)} for raw CTR, ${fmtNum(num(f, 'popBiasIpw'), 2)} once weighted by inverse propensity (logged CTR ${(100 * num(f, 'slot1Ctr')).toFixed(1)}% in slot 1, ${(100 * num(f, 'slotLastCtr')).toFixed(1)}% in the last).${Math.abs(num(f, 'popBiasIpw')) < Math.abs(num(f, 'popBiasRaw')) ? ` Inverse-propensity weighting reduces the bias in this run${Math.abs(num(f, 'popBiasIpw')) >= 0.05 ? '; it does not make it 0' : ''}.` : ''}`,
				shownIn: 'pop-bias'
			}
		],
		quiz: {
			settings: '',
			items: [
				{
					id: 'revenue-lift',
					prompt: () => 'In this run, what is the revenue model’s revenue-per-session lift over the current model?',
					options: (f) => signedChoices(num(f, 'revenueRev')).options,
					answer: (f) => signedChoices(num(f, 'revenueRev')).answer,
					why: (f) => `The scoreboard: ${lift(f, 'revenueRev')}.`
				},
				{
					id: 'offline-winner',
					prompt: () => 'Which candidate has the best click AUC on the held-out logs in this run?',
					options: () => CANDIDATES,
					answer: (f) => String(f.offlineWinner),
					why: (f) => `The ${String(f.offlineWinnerLabel).toLowerCase()}: the bold number in the click AUC column.`
				},
				{
					id: 'revenue-ctr',
					prompt: () => 'And the revenue model’s CTR lift?',
					options: (f) => signedChoices(num(f, 'revenueCtr')).options,
					answer: (f) => signedChoices(num(f, 'revenueCtr')).answer,
					why: (f) => `The scoreboard: ${lift(f, 'revenueCtr')}.`
				}
			]
		}
	},
	{
		id: 'offline-online-calibration-novelty',
		lab: 'offline-online',
		title: 'Same AUC, early lift: two numbers that mislead',
		goal: 'Explain why AUC cannot see miscalibration (log loss and ECE can), and why the first days of an A/B test overstate a lift when users are drawn to anything new.',
		minutes: 12,
		misconception: 'Two models with the same AUC are equally good, and the lift of a test’s first days is the lift that lasts.',
		steps: [
			{
				id: 'same-auc',
				title: 'Stretch the logits',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'The miscalibrated revenue model is the revenue model with its logits multiplied by 3. Its AUC on purchases, against the calibrated one’s?',
					options: [
						{ id: 'same', label: 'Exactly the same' },
						{ id: 'higher', label: 'Higher' },
						{ id: 'lower', label: 'Lower' }
					]
				},
				answer: (f) => (num(f, 'miscalOwnAuc') === num(f, 'revenueOwnAuc') ? 'same' : num(f, 'miscalOwnAuc') > num(f, 'revenueOwnAuc') ? 'higher' : 'lower'),
				explain: (f) =>
					`Purchase AUC ${f3(num(f, 'revenueOwnAuc'))} and ${f3(num(f, 'miscalOwnAuc'))}.${num(f, 'miscalOwnAuc') === num(f, 'revenueOwnAuc') ? ' Multiplying every logit by 3 keeps their order, and AUC only sees the order.' : ''}`,
				shownIn: 'scoreboard'
			},
			{
				id: 'ece',
				title: 'What calibration metrics see',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'Its expected calibration error (ECE: the gap between predicted probability and observed rate), against the calibrated model’s?',
					options: [
						{ id: 'similar', label: 'About the same' },
						{ id: 'larger', label: 'More than twice as large' },
						{ id: 'smaller', label: 'Smaller' }
					]
				},
				answer: (f) => (num(f, 'miscalEce') > 2 * num(f, 'revenueEce') ? 'larger' : num(f, 'miscalEce') < 0.5 * num(f, 'revenueEce') ? 'smaller' : 'similar'),
				explain: (f) =>
					`ECE ${f3(num(f, 'miscalEce'))} against ${f3(num(f, 'revenueEce'))}; log loss ${f3(num(f, 'miscalLogLoss'))} against ${f3(num(f, 'revenueLogLoss'))}.${num(f, 'miscalEce') > 2 * num(f, 'revenueEce') ? ` Stretching the logits pushes every probability toward 0 or 1 — overconfident, mostly toward 0 since purchases are rare: the reliability diagram shows it${num(f, 'miscalLogLoss') > num(f, 'revenueLogLoss') ? ' and so does log loss' : ''}, the AUC does not.` : ''}`,
				shownIn: 'chart-calibration'
			},
			{
				id: 'miscal-revenue',
				title: 'Does it cost revenue?',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'Ranking by probability × value uses the probabilities themselves, not only their order. Online, does the miscalibrated model earn less than the calibrated one?',
					options: [
						{ id: 'b', label: 'Yes, less' },
						{ id: 'a', label: 'No, more' },
						{ id: 'cannot-tell', label: 'Cannot tell from this test' }
					]
				},
				answer: (f) => byIntervals(f, 'miscalRev', 'revenueRev'),
				explain: (f) =>
					`Revenue per session: calibrated ${lift(f, 'revenueRev')}, miscalibrated ${lift(f, 'miscalRev')}${byIntervals(f, 'miscalRev', 'revenueRev') === 'cannot-tell' ? `. The intervals overlap: a ${num(f, 'days')}-day test of this size cannot separate the two${num(f, 'miscalEce') > 2 * num(f, 'revenueEce') ? `, although their ECE differs clearly offline (${f3(num(f, 'miscalEce'))} against ${f3(num(f, 'revenueEce'))})` : ''}` : ''}. Same AUC, different rankings: which one earns more is the A/B test's question, not the AUC's.`,
				shownIn: 'scoreboard',
				explore: 'Try more users per day or more days: when do the two intervals stop overlapping?'
			},
			{
				id: 'novelty-day1',
				title: 'Novelty: the first day',
				settings: NOVELTY,
				ask: {
					kind: 'choice',
					prompt:
						'Novelty ν = 1.5: for a while users click more on anything new. The debiased click model’s CTR lift after day 1, against its lift once the boost has faded?',
					options: [
						{ id: 'a', label: 'Day 1’s lift is larger' },
						{ id: 'b', label: 'Day 1’s lift is smaller' },
						{ id: 'cannot-tell', label: 'Cannot tell' }
					]
				},
				answer: (f) => byIntervals(f, 'day1Ctr', 'steadyCtr'),
				explain: (f) =>
					`CTR lift on day 1: ${sp(num(f, 'day1Ctr'))} [${sp(num(f, 'day1CtrLo'))}, ${sp(num(f, 'day1CtrHi'))}]; from day ${num(f, 'steadyFrom')} on: ${lift(f, 'steadyCtr')}.${byIntervals(f, 'day1Ctr', 'steadyCtr') === 'a' ? ` A test stopped after day 1 would have reported ${sp(num(f, 'day1Ctr'))}: ${num(f, 'day1Ctr') > 2 * num(f, 'steadyCtr') ? 'mostly the boost of newness, not the model' : 'inflated by the boost of newness'}.` : ''}`,
				shownIn: 'chart-daily'
			},
			{
				id: 'novelty-steady',
				title: 'What lasts',
				settings: NOVELTY,
				ask: {
					kind: 'number',
					prompt: 'From the day the boost is below 5%, what CTR lift does the debiased click model keep?',
					min: -0.2,
					max: 0.8,
					step: 0.01,
					format: sp,
					start: 0.3
				},
				answer: (f) => num(f, 'steadyCtr'),
				tolerance: () => 0.05,
				explain: (f) =>
					`From day ${num(f, 'steadyFrom')} of ${num(f, 'days')}: ${lift(f, 'steadyCtr')}, against ${lift(f, 'debiasedCtr')} over all ${num(f, 'days')} days. The cumulative lift still carries the first days' boost; the lab reports the lift from the day the boost has faded beside it.`,
				shownIn: 'steady-lift'
			}
		],
		quiz: {
			settings: NOVELTY,
			items: [
				{
					id: 'day1',
					prompt: () => 'In this run, what is the debiased click model’s CTR lift after day 1?',
					options: (f) => signedChoices(num(f, 'day1Ctr')).options,
					answer: (f) => signedChoices(num(f, 'day1Ctr')).answer,
					why: (f) => `The chart of the lift over the days: ${sp(num(f, 'day1Ctr'))} on day 1.`
				},
				{
					id: 'steady',
					prompt: () => 'And once the novelty boost has faded?',
					options: (f) => signedChoices(num(f, 'steadyCtr')).options,
					answer: (f) => signedChoices(num(f, 'steadyCtr')).answer,
					why: (f) => `The line under the chart: from day ${num(f, 'steadyFrom')} on, ${lift(f, 'steadyCtr')}.`
				},
				{
					id: 'from-day',
					prompt: (f) => `With ν = ${num(f, 'novelty')}, from which day of ${num(f, 'days')} does the lab count the lift that lasts?`,
					options: (f) => intChoices(num(f, 'steadyFrom'), 1, num(f, 'days'), [num(f, 'steadyFrom') - 5, num(f, 'steadyFrom') + 5]).options,
					answer: (f) => intChoices(num(f, 'steadyFrom'), 1, num(f, 'days'), [num(f, 'steadyFrom') - 5, num(f, 'steadyFrom') + 5]).answer,
					why: (f) => fromDayWhy(f)
				}
			]
		}
	}
]);

/** Why the lab counts the lasting lift from the day it does: the boost has faded, or the second half, or the last day. */
function fromDayWhy(f: Facts): string {
	const from = num(f, 'steadyFrom');
	const faded = num(f, 'fadedFrom');
	const boost = 'the boost ν·e^(−d/3) (d = 0 on the first day)';
	if (num(f, 'novelty') === 0) return `Day ${from}: with no novelty boost the lab counts the second half of the test.`;
	if (faded > num(f, 'days'))
		return `Day ${from}, the last day: ${boost} is still above 5% on it (it falls below 5% only on day ${faded}), so no day of this test is free of the boost — run it longer.`;
	if (faded === from) return `Day ${from}: from then on ${boost} is below 5%.`;
	return `Day ${from}, the second half of the test: ${boost} is below 5% from day ${faded} already, and the lab counts at most the second half.`;
}
