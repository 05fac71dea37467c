/**
 * The A/B lab's lessons (lessons/types.ts): why peeking at p-values finds winners that are not there, and why "not
 * significant" is not "no effect". Every answer and every number in an explanation comes from the run's facts
 * (./facts.ts): the one simulated experiment and the A/A peeking tally of the step's settings.
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { num, numberChoices } from '$lib/lessons/grade';
import { fmtInt, fmtNum, fmtPct } from '$lib/format';

const pct = (v: number) => fmtPct(v, 1);
const pp = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(100 * v).toFixed(2)} pp`;
const p2 = (v: number) => (v < 0.001 ? '< 0.001' : fmtNum(v, 2));
/** "p = 0.66", or "p < 0.001". */
const pIs = (v: number) => (v < 0.001 ? 'p < 0.001' : `p = ${fmtNum(v, 2)}`);
const interval = (f: Facts, k: string) => `95% interval ${pct(num(f, `${k}Lo`))} to ${pct(num(f, `${k}Hi`))}`;
const A_A = 'lift=0&sims=1000';
const ONE_AA = 'lift=0&seed=1&sims=1000';
const UNDER = 'lift=0.03&traffic=800&days=14&sims=1000';
const vsAlphaWords = (f: Facts, k: string) =>
	f[`${k}VsAlpha`] === 'about'
		? `its ${interval(f, k)} includes α = ${pct(num(f, 'alpha'))}`
		: f[`${k}VsAlpha`] === 'above'
			? `its ${interval(f, k)} lies above α = ${pct(num(f, 'alpha'))}`
			: `its ${interval(f, k)} lies below α = ${pct(num(f, 'alpha'))}`;
const vsAlphaAsk = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		{ id: 'below', label: 'Clearly below α = 5%' },
		{ id: 'about', label: 'About α = 5% (not distinguishable from it with these runs)' },
		{ id: 'above', label: 'Clearly above α = 5%' }
	]
});
const ciWords = (f: Facts) =>
	`95% interval of the difference [${pp(num(f, 'ciLo'))}, ${pp(num(f, 'ciHi'))}]: it ${f.ciHasZero ? 'includes' : 'excludes'} 0 and ${f.ciHasTruth ? 'includes' : 'excludes'} the true ${pp(num(f, 'trueDiff'))}`;

export const LESSONS = defineLessons([
	{
		id: 'abtest-peeking',
		lab: 'abtest',
		title: 'Peeking: winners that are not there',
		goal: 'Explain why checking a p-value every day and stopping at the first p < α declares far more false winners than α, and what keeps the rate at α.',
		minutes: 12,
		misconception: 'Checking the p-value every day and stopping as soon as it is significant is harmless.',
		steps: [
			{
				id: 'one-aa',
				title: 'One A/A experiment, checked every day',
				settings: ONE_AA,
				ask: {
					kind: 'choice',
					prompt:
						'Both arms have exactly the same conversion rate (an A/A test). The z-test is checked every day for 28 days and the experiment stops at the first p < 0.05. In this run, does peeking declare a winner?',
					options: [
						{ id: 'winner', label: 'Yes: at some look p drops below 0.05 and a “winner” is declared' },
						{ id: 'none', label: 'No: with no real difference, p never drops below 0.05' }
					]
				},
				answer: (f) => (f.naiveStop === 'significant' ? 'winner' : 'none'),
				explain: (f) =>
					`The smallest daily p-value was ${p2(num(f, 'minP'))} (day ${num(f, 'minPDay')}), ${f.everBelowAlpha ? 'below' : 'above'} α = ${num(f, 'alpha')}${f.naiveStop === 'significant' ? `, so peeking stopped on day ${num(f, 'naiveDay')} with a “winner”` : ''}. On the last day ${pIs(num(f, 'lastP'))}. There is no real difference here: any winner is a false positive.`,
				shownIn: 'verdicts',
				explore: 'Press ▶ to replay the days and watch the p-value wander; change the seed for other A/A runs.'
			},
			{
				id: 'one-look',
				title: 'The same data, tested once',
				settings: ONE_AA,
				ask: {
					kind: 'choice',
					prompt: 'Same data. The fixed-horizon test looks once, when the planned sample is reached. What does it decide?',
					options: [
						{ id: 'significant', label: 'Significant: the same winner' },
						{ id: 'not significant', label: 'Not significant' }
					]
				},
				answer: (f) => (f.fixedStop === 'significant' ? 'significant' : 'not significant'),
				explain: (f) =>
					`The plan (${fmtInt(num(f, 'plannedPerArm'))} visitors per arm) is ${f.planReached ? `reached on day ${num(f, 'planDay')}` : 'not reached, so the test looks on the last day'}; the one test then says ${f.fixedStop}.${f.naiveStop === 'significant' && f.fixedStop !== 'significant' ? ` The daily rule's winner on day ${num(f, 'naiveDay')} was chance: both arms have the same rate.` : ''}`,
				shownIn: 'verdicts'
			},
			{
				id: 'many',
				title: 'A thousand A/A experiments',
				settings: A_A,
				ask: {
					kind: 'number',
					prompt: 'Now 1,000 A/A experiments, each checked every day for 28 days and stopped at the first p < 0.05. What share ends with a “winner”?',
					min: 0,
					max: 0.6,
					step: 0.01,
					format: (v) => fmtPct(v, 0),
					start: 0.05
				},
				answer: (f) => num(f, 'peekNaive'),
				tolerance: () => 0.05,
				explain: (f) =>
					`${pct(num(f, 'peekNaive'))} of ${fmtInt(num(f, 'peekExperiments'))} A/A experiments (${vsAlphaWords(f, 'peekNaive')}). Every one of these winners is false.${f.peekNaiveVsAlpha === 'above' ? ' Each daily look is another chance for noise to cross the line, and the rule stops at the first crossing.' : ''}`,
				shownIn: 'peeking-summary'
			},
			{
				id: 'fixed',
				title: 'One look at the end',
				settings: A_A,
				ask: vsAlphaAsk('The same 1,000 A/A experiments, but each tested only once, on the last day. What share is declared a winner?'),
				answer: (f) => String(f.peekFixedVsAlpha),
				explain: (f) =>
					`${pct(num(f, 'peekFixed'))} with one look: ${vsAlphaWords(f, 'peekFixed')}, against ${pct(num(f, 'peekNaive'))} when checked every day. A p-value is built for one look at a sample fixed in advance.`,
				shownIn: 'one-look-table'
			},
			{
				id: 'looks',
				title: 'More looks, more false winners',
				settings: A_A,
				ask: {
					kind: 'number',
					prompt: 'By the end of 28 daily looks some share of the A/A experiments has a “winner”. What share already has one after the first 7 looks?',
					min: 0,
					max: 0.6,
					step: 0.01,
					format: (v) => fmtPct(v, 0),
					start: 0.05
				},
				answer: (f) => num(f, 'peekNaiveDay7'),
				tolerance: () => 0.04,
				explain: (f) =>
					`${pct(num(f, 'peekNaiveDay7'))} after 7 looks, ${pct(num(f, 'peekNaive'))} after 28. The share can only grow with each look: an experiment that has stopped stays stopped, and every new look gives the others another chance to cross.`,
				shownIn: 'chart-fpr-days'
			},
			{
				id: 'sequential',
				title: 'A test made for peeking',
				settings: A_A,
				ask: vsAlphaAsk(
					'The mSPRT gives an always-valid p-value, checked every day with the same stop-at-the-first-p < 0.05 rule. What share of the A/A experiments does it call a winner?'
				),
				answer: (f) => String(f.peekSeqVsAlpha),
				explain: (f) =>
					`${pct(num(f, 'peekSeq'))}: ${vsAlphaWords(f, 'peekSeq')}, while the daily z-test reached ${pct(num(f, 'peekNaive'))}.${f.peekSeqVsAlpha === 'above' ? '' : ' The always-valid p-value is built so that the chance it ever drops below α, however often it is checked, is at most α (under the test’s normal model); the price: at any given sample size it has less power than a single test planned for that size, so small effects take longer to detect.'}`,
				shownIn: 'one-look-table',
				explore: 'Set a real lift (e.g. 10%) and compare on which day each rule stops in the decision strip.'
			}
		],
		quiz: {
			settings: A_A,
			items: [
				{
					id: 'naive-rate',
					prompt: (f) =>
						`In this run of ${fmtInt(num(f, 'peekExperiments'))} A/A experiments (seed ${num(f, 'seed')}), what share did daily peeking declare a winner?`,
					options: (f) => numberChoices(num(f, 'peekNaive'), pct, [0.18, 0.5, 1.6]).options,
					answer: (f) => numberChoices(num(f, 'peekNaive'), pct, [0.18, 0.5, 1.6]).answer,
					why: (f) => `The peeking summary: ${pct(num(f, 'peekNaive'))}, although none of these experiments has a real difference.`
				},
				{
					id: 'min-p',
					prompt: (f) => `In the single A/A experiment of seed ${num(f, 'seed')}, what was the smallest of its ${num(f, 'days')} daily p-values?`,
					options: (f) => numberChoices(num(f, 'minP'), (v) => fmtNum(v, 3), [0.2, 0.5, 2.5]).options,
					answer: (f) => numberChoices(num(f, 'minP'), (v) => fmtNum(v, 3), [0.2, 0.5, 2.5]).answer,
					why: (f) => `Day ${num(f, 'minPDay')}: p = ${fmtNum(num(f, 'minP'), 3)} (the p-value chart of section 1).`
				},
				{
					id: 'seq-rate',
					prompt: (f) => `In the same ${fmtInt(num(f, 'peekExperiments'))} A/A experiments, what share did the mSPRT, checked every day, call a winner?`,
					options: (f) => numberChoices(num(f, 'peekSeq'), pct, [0.4, 3, 15]).options,
					answer: (f) => numberChoices(num(f, 'peekSeq'), pct, [0.4, 3, 15]).answer,
					why: (f) => `The one-look table's mSPRT row: ${pct(num(f, 'peekSeq'))} checked every day (${vsAlphaWords(f, 'peekSeq')}).`
				}
			]
		}
	},
	{
		id: 'abtest-not-significant',
		lab: 'abtest',
		title: '“Not significant” is not “no effect”',
		goal: 'Read an interval that includes both 0 and a real effect as “this experiment cannot tell”, and see how many visitors a small effect needs.',
		minutes: 10,
		misconception: 'A test that is not significant shows that the variant has no effect.',
		steps: [
			{
				id: 'small-effect',
				title: 'A real but small lift',
				settings: UNDER,
				ask: {
					kind: 'choice',
					prompt: 'The variant truly converts 3% better (10% → 10.3%). 800 visitors a day for 14 days. Is the z-test significant on the last day?',
					options: [
						{ id: 'sig', label: 'Yes: the lift is real, so the test finds it' },
						{ id: 'not', label: 'No' }
					]
				},
				answer: (f) => (f.lastSignificant ? 'sig' : 'not'),
				explain: (f) =>
					`${pIs(num(f, 'lastP'))} with ${fmtInt(num(f, 'visitors'))} visitors: ${f.lastSignificant ? 'significant in this run' : 'not significant, although the lift is real'}. The observed difference was ${pp(num(f, 'lastDiff'))}; the true one is ${pp(num(f, 'trueDiff'))}.`,
				shownIn: 'exp-status'
			},
			{
				id: 'interval',
				title: 'What the interval says',
				settings: UNDER,
				ask: {
					kind: 'choice',
					prompt: 'The 95% interval of the difference on the last day: which values does it include?',
					options: [
						{ id: 'zero', label: 'Only 0 (no effect), not the true +0.30 pp' },
						{ id: 'truth', label: 'The true +0.30 pp but not 0' },
						{ id: 'both', label: 'Both 0 and the true +0.30 pp' },
						{ id: 'neither', label: 'Neither' }
					]
				},
				answer: (f) => (f.ciHasZero ? (f.ciHasTruth ? 'both' : 'zero') : f.ciHasTruth ? 'truth' : 'neither'),
				explain: (f) =>
					`${ciWords(f)}.${f.ciHasZero && f.ciHasTruth ? ' The data are compatible with no effect and with the real one: this experiment cannot tell them apart. “Not significant” means “not distinguishable with this sample”, not “no effect”.' : ''}`,
				shownIn: 'exp-report'
			},
			{
				id: 'plan',
				title: 'How many visitors a 3% lift needs',
				settings: `${UNDER}&mde=0.03`,
				ask: {
					kind: 'number',
					prompt:
						'The power calculator: how many visitors per arm does a two-sided test at α = 0.05 need to detect a 3% relative lift (10% → 10.3%) with 80% power?',
					min: 0,
					max: 300000,
					step: 1000,
					format: (v) => fmtInt(v),
					start: 10000
				},
				answer: (f) => num(f, 'plannedPerArm'),
				tolerance: (f) => 0.15 * num(f, 'plannedPerArm'),
				explain: (f) =>
					`${fmtInt(num(f, 'plannedPerArm'))} per arm: about ${fmtInt(num(f, 'plannedDays'))} days at 800 visitors a day, against the ${num(f, 'days')} days run (${fmtInt(num(f, 'visitors'))} visitors in all). The formula's sample size grows roughly as 1 / effect²: small lifts need very many visitors.`,
				shownIn: 'per-arm'
			},
			{
				id: 'big-effect',
				title: 'A larger lift with enough traffic',
				settings: 'lift=0.1&sims=1000',
				ask: {
					kind: 'choice',
					prompt: 'Now a true 10% lift (10% → 11%), 4,000 visitors a day for 28 days. Is the z-test significant on the last day?',
					options: [
						{ id: 'sig', label: 'Yes' },
						{ id: 'not', label: 'No' }
					]
				},
				answer: (f) => (f.lastSignificant ? 'sig' : 'not'),
				explain: (f) =>
					`${pIs(num(f, 'lastP'))} with ${fmtInt(num(f, 'visitors'))} visitors (the plan, ${fmtInt(num(f, 'plannedPerArm'))} per arm, ${f.planReached ? `was reached on day ${num(f, 'planDay')}` : 'was not reached'}); ${ciWords(f)}.${!f.ciHasZero ? ' With enough visitors the interval is narrow enough to leave 0 out.' : ''}`,
				shownIn: 'exp-report'
			},
			{
				id: 'aa-interval',
				title: 'And when there is truly nothing?',
				settings: A_A,
				ask: {
					kind: 'choice',
					prompt: 'An A/A test (no difference at all), 28 days at 4,000 a day. Does its 95% interval of the difference prove that the effect is exactly zero?',
					options: [
						{ id: 'proves', label: 'Yes: it is centred on 0, so the effect is 0' },
						{ id: 'bounds', label: 'No: it only bounds the effect to a range around 0' }
					]
				},
				answer: (f) => (num(f, 'ciHi') > num(f, 'ciLo') ? 'bounds' : 'proves'),
				explain: (f) =>
					`${ciWords(f)}. Even with ${fmtInt(num(f, 'visitors'))} visitors the interval is ${(100 * (num(f, 'ciHi') - num(f, 'ciLo'))).toFixed(2)} pp wide: it rules out effects outside that range (at 95% confidence), but cannot show that the effect is exactly 0.`,
				shownIn: 'exp-report'
			}
		],
		quiz: {
			settings: UNDER,
			items: [
				{
					id: 'last-p',
					prompt: (f) => `In this underpowered run (seed ${num(f, 'seed')}, a true 3% lift), what was the p-value on the last day?`,
					options: (f) => numberChoices(num(f, 'lastP'), (v) => fmtNum(v, 3), [0.1, 0.4, 1.4]).options,
					answer: (f) => numberChoices(num(f, 'lastP'), (v) => fmtNum(v, 3), [0.1, 0.4, 1.4]).answer,
					why: (f) => `The status line on day ${num(f, 'days')}: p = ${fmtNum(num(f, 'lastP'), 3)}.`
				},
				{
					id: 'width',
					prompt: () => 'How wide is the 95% interval of the difference on the last day?',
					options: (f) => numberChoices(num(f, 'ciHi') - num(f, 'ciLo'), (v) => `${(100 * v).toFixed(2)} pp`, [0.25, 0.5, 2]).options,
					answer: (f) => numberChoices(num(f, 'ciHi') - num(f, 'ciLo'), (v) => `${(100 * v).toFixed(2)} pp`, [0.25, 0.5, 2]).answer,
					why: (f) => `${ciWords(f)}: a range many times the true ${pp(num(f, 'trueDiff'))}.`
				},
				{
					id: 'meaning',
					prompt: (f) => `The test says ${f.lastSignificant ? 'significant' : 'not significant'}. What may you conclude from this run?`,
					options: () => [
						{ id: 'none', label: 'The variant has no effect' },
						{ id: 'range', label: 'The effect lies, plausibly, within the interval' },
						{ id: 'proved', label: 'The variant is proved better by exactly the observed difference' }
					],
					answer: () => 'range',
					why: (f) =>
						`${ciWords(f)}. The interval is what the data allow; a verdict of ${f.lastSignificant ? 'significance does not pin the effect to the observed value' : 'no significance does not rule out the real effect'}.`
				}
			]
		}
	}
]);
