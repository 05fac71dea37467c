/**
 * The drift lab's lessons (lessons/types.ts): silent concept drift against harmless input drift, and why a PSI above
 * 0.25 on small batches is not evidence of drift. Every answer and every number in an explanation comes from the
 * run's facts (./facts.ts), worded with the lab's own noise-aware verdicts (summary.ts).
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { intChoices, num, numberChoices } from '$lib/lessons/grade';
import { fmtNum } from '$lib/format';

const pp = (v: number) => `${(100 * v).toFixed(1)} pp`;
const f2 = (v: number) => fmtNum(v, 2);
const CONCEPT = '';
const COVARIATE = 'cov=1&concept=0';
const LATE = 'concept=1&schedule=gradual&span=20&delay=6';
const SMALL = 'concept=0&size=50';
const LARGE = 'concept=0&size=500';
const kindAsk = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		{ id: 'silent-concept', label: 'Accuracy falls while the inputs look unchanged' },
		{ id: 'covariate-only', label: 'The inputs shift (PSI alarm) while accuracy holds' },
		{ id: 'both', label: 'The inputs shift and accuracy falls' },
		{ id: 'none', label: 'Neither beyond noise' }
	]
});
const kindWords = (f: Facts) =>
	`the lab's verdict: ${f.kind === 'silent-concept' ? 'silent drift' : f.kind === 'covariate-only' ? 'input drift without harm' : f.kind === 'both' ? 'input drift and harm' : 'nothing beyond noise'} — largest PSI on a drifting batch ${f2(num(f, 'maxPsi'))} (alarm level ${f2(num(f, 'psiThreshold'))}), the never-retrained model's accuracy ${num(f, 'accuracyDrop') >= 0 ? 'down' : 'up'} ${pp(Math.abs(num(f, 'accuracyDrop')))}`;
const gainWords = (f: Facts, k: 'periodic' | 'alarm') => `${pp(num(f, `${k}Gain`))} (95% interval ${pp(num(f, `${k}GainLo`))} to ${pp(num(f, `${k}GainHi`))})`;
const alarmWords = (f: Facts) =>
	num(f, 'firstAlarm') < 0
		? 'no error detector fired after the onset'
		: `the first error-detector alarm came at batch ${num(f, 'firstAlarm')}, ${num(f, 'alarmDelay')} after the onset at batch ${num(f, 'onset')} (labels arrive ${num(f, 'labelDelay')} batch${num(f, 'labelDelay') === 1 ? '' : 'es'} late)`;

export const LESSONS = defineLessons([
	{
		id: 'drift-silent',
		lab: 'drift',
		title: 'Silent drift and harmless drift',
		goal: 'Tell concept drift (the model breaks while the inputs look the same) from covariate drift (the inputs move while the model still works), and say which monitoring sees each.',
		minutes: 12,
		misconception: 'If the input distributions look stable, the model is fine; if they shift, it must be retrained.',
		steps: [
			{
				id: 'concept-kind',
				title: 'The rule changes, the inputs do not',
				settings: CONCEPT,
				ask: kindAsk(
					'At batch 25 the relation between the inputs and the label changes (concept drift); the inputs keep their distribution. What does the lab see?'
				),
				answer: (f) => String(f.kind),
				explain: (f) =>
					`In this run, ${kindWords(f)}.${f.kind === 'silent-concept' ? ' Input statistics such as PSI compare inputs only, so they cannot see a change in what the inputs mean.' : ''}`,
				shownIn: 'drift-headline'
			},
			{
				id: 'concept-drop',
				title: 'How much accuracy is lost',
				settings: CONCEPT,
				ask: {
					kind: 'number',
					prompt:
						'By how many percentage points does the never-retrained model’s accuracy fall on the drifting batches (against the batches before the onset)?',
					min: 0,
					max: 0.6,
					step: 0.01,
					format: (v) => pp(v),
					start: 0.05
				},
				answer: (f) => Math.min(0.6, Math.max(0, num(f, 'accuracyDrop'))),
				tolerance: () => 0.05,
				explain: (f) =>
					`${pp(num(f, 'accuracyDrop'))}, while the largest PSI of any drifting batch was ${f2(num(f, 'maxPsi'))}, ${num(f, 'maxPsi') < num(f, 'psiThreshold') ? 'below' : 'above (by chance: the inputs did not change)'} the alarm level ${f2(num(f, 'psiThreshold'))}.`,
				shownIn: 'drift-headline'
			},
			{
				id: 'concept-alarm',
				title: 'Monitoring with labels',
				settings: CONCEPT,
				ask: {
					kind: 'number',
					prompt:
						'The error detector (DDM) watches the model’s errors, with labels arriving one batch late. How many batches after the onset does it first fire?',
					min: 0,
					max: 20,
					step: 1,
					format: (v) => `${Math.round(v)} batches`,
					start: 10
				},
				answer: (f) => (num(f, 'alarmDelay') < 0 ? 20 : Math.min(20, num(f, 'alarmDelay'))),
				tolerance: () => 1,
				explain: (f) => `In this run ${alarmWords(f)}. An error detector needs labels: it cannot detect the drift before the drifted batches' labels arrive.`,
				shownIn: 'chart-alarms'
			},
			{
				id: 'covariate-kind',
				title: 'The inputs move, the rule does not',
				settings: COVARIATE,
				ask: kindAsk('Now the inputs shift at batch 25 (covariate drift) but the relation between inputs and label stays the same. What does the lab see?'),
				answer: (f) => String(f.kind),
				explain: (f) => `In this run, ${kindWords(f)}; ${num(f, 'monitoredPsiAlarms')} batch × feature PSIs raised the alarm.`,
				shownIn: 'drift-headline'
			},
			{
				id: 'covariate-retrain',
				title: 'Does retraining pay?',
				settings: COVARIATE,
				ask: {
					kind: 'choice',
					prompt:
						'The PSI alarm is ringing. Does any retraining policy (every 10 batches, or on the error detector’s alarms) do better than never retraining, beyond noise?',
					options: [
						{ id: 'paid', label: 'Yes: the inputs changed, so retraining helps' },
						{ id: 'not', label: 'No gain distinguishable from noise' }
					]
				},
				answer: (f) => (f.retrainingPaid ? 'paid' : 'not'),
				explain: (f) =>
					`Paired gains over never retraining on the drifting batches: every 10 batches ${gainWords(f, 'periodic')}; ${num(f, 'alarmRetrainings') > 0 ? `on alarms ${gainWords(f, 'alarm')}` : 'on alarms: never retrained, as no error detector fired'}.${f.retrainingPaid ? '' : ' Not distinguishable from no gain with this run: here the input alarm alone was no reason to retrain; labelled performance decides that.'}`,
				shownIn: 'policy-table'
			},
			{
				id: 'late-labels',
				title: 'Late labels',
				settings: LATE,
				ask: {
					kind: 'number',
					prompt:
						'The concept now drifts gradually over 20 batches and labels arrive 6 batches late. How many batches after the onset does the error detector first fire?',
					min: 0,
					max: 30,
					step: 1,
					format: (v) => `${Math.round(v)} batches`,
					start: 3
				},
				answer: (f) => (num(f, 'alarmDelay') < 0 ? 30 : Math.min(30, num(f, 'alarmDelay'))),
				tolerance: () => 2,
				explain: (f) =>
					`In this run ${alarmWords(f)}; the accuracy drop was ${pp(num(f, 'accuracyDrop'))}. Retraining on alarms: ${gainWords(f, 'alarm')} over never retraining${f.retrainingPaid ? '' : ', not distinguishable from no gain in this run'}.`,
				shownIn: 'chart-alarms'
			}
		],
		quiz: {
			settings: CONCEPT,
			items: [
				{
					id: 'drop',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), by how much did the never-retrained model's accuracy fall once the concept drifted?`,
					options: (f) => numberChoices(num(f, 'accuracyDrop'), pp, [0.1, 0.5, 1.6]).options,
					answer: (f) => numberChoices(num(f, 'accuracyDrop'), pp, [0.1, 0.5, 1.6]).answer,
					why: (f) => `The headline: ${pp(num(f, 'accuracyDrop'))}.`
				},
				{
					id: 'max-psi',
					prompt: () => 'What was the largest PSI of any drifting batch and feature?',
					options: (f) => numberChoices(num(f, 'maxPsi'), f2, [0.3, 2.5, 6]).options,
					answer: (f) => numberChoices(num(f, 'maxPsi'), f2, [0.3, 2.5, 6]).answer,
					why: (f) =>
						`${f2(num(f, 'maxPsi'))}, against the alarm level ${f2(num(f, 'psiThreshold'))}: ${num(f, 'maxPsi') < num(f, 'psiThreshold') ? 'the inputs gave no sign.' : 'above it, by chance: the inputs did not change (a false alarm, which the level allows on about 1 stream in 20).'}`
				},
				{
					id: 'alarm-gain',
					prompt: () => 'How much accuracy did retraining on the error detector’s alarms gain over never retraining, on the drifting batches?',
					options: (f) => numberChoices(num(f, 'alarmGain'), pp, [0.25, 0.5, 2]).options,
					answer: (f) => numberChoices(num(f, 'alarmGain'), pp, [0.25, 0.5, 2]).answer,
					why: (f) => `The policy table: ${gainWords(f, 'alarm')}.`
				}
			]
		}
	},
	{
		id: 'drift-aa',
		lab: 'drift',
		title: 'A stream that does not drift',
		goal: 'Explain why, on small batches, PSI values above the 0.25 rule of thumb can come from sampling noise alone, and how the lab raises its alarm level to the noise.',
		minutes: 10,
		misconception: 'A PSI above 0.25 means the data has drifted.',
		steps: [
			{
				id: 'over-025',
				title: 'Nothing drifts, batches of 50',
				settings: SMALL,
				ask: {
					kind: 'number',
					prompt:
						'Every drift magnitude is 0: nothing changes. Batches have 50 examples. Of the 104 monitored batch × feature PSI values, how many exceed the 0.25 “major shift” rule of thumb?',
					min: 0,
					max: 104,
					step: 1,
					format: (v) => String(Math.round(v)),
					start: 0
				},
				answer: (f) => num(f, 'monitoredOver025'),
				tolerance: () => 8,
				explain: (f) =>
					`${num(f, 'monitoredOver025')} of ${num(f, 'psiComparisons')} (largest ${f2(num(f, 'monitoredMaxPsi'))}), with nothing drifting. A drift-free batch of ${num(f, 'batchSize')} has a mean PSI of ${f2(num(f, 'psiNoiseMean'))}: the bins of a small sample are noisy.`,
				shownIn: 'chart-stats'
			},
			{
				id: 'threshold',
				title: 'The alarm level for this batch size',
				settings: SMALL,
				ask: {
					kind: 'number',
					prompt:
						'The lab raises its PSI alarm level to what the largest of the 104 drift-free values reaches only 5% of the time. What is it for batches of 50?',
					min: 0.25,
					max: 1.5,
					step: 0.01,
					format: f2,
					start: 0.25
				},
				answer: (f) => num(f, 'psiThreshold'),
				tolerance: () => 0.1,
				explain: (f) =>
					`${f2(num(f, 'psiThreshold'))}: above it, sampling noise alone is an unlikely explanation (5% of drift-free runs) even after looking at all ${num(f, 'psiComparisons')} values.`,
				shownIn: 'psi-noise-note'
			},
			{
				id: 'alarms',
				title: 'Does the lab raise an alarm?',
				settings: SMALL,
				ask: {
					kind: 'choice',
					prompt: 'With that alarm level, does the lab raise a PSI alarm anywhere in this drift-free stream?',
					options: [
						{ id: 'none', label: 'No' },
						{ id: 'some', label: 'Yes, on some batches' }
					]
				},
				answer: (f) => (num(f, 'monitoredPsiAlarms') === 0 ? 'none' : 'some'),
				explain: (f) =>
					`${num(f, 'monitoredPsiAlarms')} alarms: the largest value, ${f2(num(f, 'monitoredMaxPsi'))}, ${num(f, 'monitoredMaxPsi') > num(f, 'psiThreshold') ? 'exceeds' : 'stays below'} ${f2(num(f, 'psiThreshold'))}, while ${num(f, 'monitoredOver025')} values exceed 0.25.`,
				shownIn: 'chart-stats'
			},
			{
				id: 'large',
				title: 'Batches of 500',
				settings: LARGE,
				ask: {
					kind: 'number',
					prompt: 'Still nothing drifts, but batches now have 500 examples. How many of the 104 PSI values exceed 0.25?',
					min: 0,
					max: 104,
					step: 1,
					format: (v) => String(Math.round(v)),
					start: 40
				},
				answer: (f) => num(f, 'monitoredOver025'),
				tolerance: () => 3,
				explain: (f) =>
					`${num(f, 'monitoredOver025')} (largest ${f2(num(f, 'monitoredMaxPsi'))}; mean drift-free PSI ${f2(num(f, 'psiNoiseMean'))}), and the alarm level is ${f2(num(f, 'psiThreshold'))}${num(f, 'psiThreshold') <= 0.25 ? ', the rule of thumb itself: at this size the largest drift-free value stays below 0.25 in at least 95% of drift-free runs' : ''}.`,
				shownIn: 'psi-noise-note'
			},
			{
				id: 'detector',
				title: 'The error detector on the same stream',
				settings: SMALL,
				ask: {
					kind: 'choice',
					prompt: 'Back to batches of 50, nothing drifting. Does the error detector (DDM on the model’s errors) fire on any monitored batch?',
					options: [
						{ id: 'none', label: 'No' },
						{ id: 'some', label: 'Yes' }
					]
				},
				answer: (f) => (num(f, 'detectorAlarms') === 0 ? 'none' : 'some'),
				explain: (f) =>
					`${num(f, 'detectorAlarms')} batches with an error-detector alarm in this run; the never-retrained model's accuracy was ${num(f, 'accuracyDrop') >= 0 ? 'down' : 'up'} ${pp(Math.abs(num(f, 'accuracyDrop')))} after batch ${num(f, 'onset')} against before. One quiet run is not a false-alarm rate: change the seed to see others.`,
				shownIn: 'chart-alarms'
			}
		],
		quiz: {
			settings: SMALL,
			items: [
				{
					id: 'count',
					prompt: (f) =>
						`In this drift-free run (seed ${num(f, 'seed')}, batches of ${num(f, 'batchSize')}), how many of the ${num(f, 'psiComparisons')} PSI values exceed 0.25?`,
					options: (f) =>
						intChoices(num(f, 'monitoredOver025'), 0, num(f, 'psiComparisons'), [0, Math.round(num(f, 'monitoredOver025') / 3), num(f, 'psiComparisons')])
							.options,
					answer: (f) =>
						intChoices(num(f, 'monitoredOver025'), 0, num(f, 'psiComparisons'), [0, Math.round(num(f, 'monitoredOver025') / 3), num(f, 'psiComparisons')])
							.answer,
					why: (f) => `${num(f, 'monitoredOver025')}: sampling noise alone, since nothing drifts.`
				},
				{
					id: 'max',
					prompt: () => 'What is the largest of them?',
					options: (f) => numberChoices(num(f, 'monitoredMaxPsi'), f2, [0.3, 0.6, 2]).options,
					answer: (f) => numberChoices(num(f, 'monitoredMaxPsi'), f2, [0.3, 0.6, 2]).answer,
					why: (f) => `${f2(num(f, 'monitoredMaxPsi'))}, against the lab's alarm level ${f2(num(f, 'psiThreshold'))}.`
				},
				{
					id: 'verdict',
					prompt: () => 'Nothing drifts in this stream. Which reading of its PSI values is right?',
					options: () => [
						{ id: 'drift', label: 'Major drift: many PSI values exceed 0.25' },
						{ id: 'noise', label: 'Sampling noise: drift-free batches of this size give values like these' },
						{ id: 'retrain', label: 'Retrain now' }
					],
					// The stream has no drift: whatever the PSI values, 'noise' is right; an alarm here is a false alarm.
					answer: () => 'noise',
					why: (f) =>
						`${num(f, 'monitoredPsiAlarms')} values above the noise-aware alarm level ${f2(num(f, 'psiThreshold'))}${num(f, 'monitoredPsiAlarms') === 0 ? ': the values above 0.25 are what drift-free batches of this size give' : ': nothing drifts in this stream, so these are false alarms, which the level allows on about 1 stream in 20'}.`
				}
			]
		}
	}
]);
