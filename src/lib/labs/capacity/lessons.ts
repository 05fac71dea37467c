/**
 * The capacity lab's lessons (lessons/types.ts): double descent, and removing its peak. Every answer and every number
 * in an explanation comes from the run's facts (./facts.ts); the settings are the lab's URL settings.
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { intChoices, num, numberChoices } from '$lib/lessons/grade';
import { fmtNum } from '$lib/format';

const f3 = (v: number) => fmtNum(v, 3);
const f2 = (v: number) => fmtNum(v, 2);
const verdictWords = (f: Facts) =>
	f.peakVerdict === 'peak'
		? `a peak: in ${num(f, 'peakAbove')} of ${num(f, 'seeds')} seeds the error beside p = ${num(f, 'n')} is above both p = ${num(f, 'left')} and p = ${num(f, 'right')}`
		: f.peakVerdict === 'no-peak'
			? `no peak: the error beside p = ${num(f, 'n')} is above both p = ${num(f, 'left')} and p = ${num(f, 'right')} in only ${num(f, 'peakAbove')} of ${num(f, 'seeds')} seeds`
			: `no clear answer with these runs (${num(f, 'peakAbove')} of ${num(f, 'seeds')} seeds above both sides)`;
const peakChoice = {
	kind: 'choice' as const,
	prompt: '',
	options: [
		{ id: 'peak', label: 'Yes: the test error still peaks at p = n' },
		{ id: 'no-peak', label: 'No: the peak is gone' },
		{ id: 'not-distinguishable', label: 'Cannot tell from these seeds' }
	]
};
const peakAnswer = (f: Facts) => String(f.peakVerdict);

export const LESSONS = defineLessons([
	{
		id: 'capacity-double-descent',
		lab: 'capacity',
		title: 'Double descent: more features than points',
		goal: 'Explain why test error peaks where the number of features equals the number of training points, and why it falls again past it.',
		minutes: 12,
		misconception: 'More parameters than data points always means worse overfitting.',
		steps: [
			{
				id: 'shape',
				title: 'The shape of the curve',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'A model with p random features is fitted to 40 noisy points. As p grows from 1 to 160, what does the test error do?',
					options: [
						{ id: 'falls', label: 'Keeps falling: more features, better fit' },
						{ id: 'u', label: 'Falls, then rises and keeps rising (the classic U)' },
						{ id: 'double', label: 'Falls, rises to a peak near p = 40, then falls again' },
						{ id: 'flat', label: 'Barely changes' },
						{ id: 'unclear', label: 'Cannot tell from these seeds' }
					]
				},
				answer: (f) =>
					f.peakVerdict === 'peak' ? 'double' : f.peakVerdict === 'not-distinguishable' ? 'unclear' : num(f, 'errRight') < num(f, 'errLeft') ? 'falls' : 'u',
				explain: (f) =>
					`The lab found ${verdictWords(f)} (geometric means over seeds: ${f3(num(f, 'errLeft'))} at p = ${num(f, 'left')}, ${f3(num(f, 'errCentre'))} beside p = ${num(f, 'n')}, ${f3(num(f, 'errRight'))} at p = ${num(f, 'right')}).${f.peakVerdict === 'peak' && num(f, 'errRight') < num(f, 'errCentre') ? ' Past p = n the error falls again: the classic U is only the first half.' : ''}`,
				shownIn: 'chart-capacity-sentence',
				explore: 'Move the inspected capacity and watch the fitted curves below the chart.'
			},
			{
				id: 'interpolate',
				title: 'Where the fit passes through every point',
				settings: '',
				ask: {
					kind: 'number',
					prompt: 'From how many features p on does the fit pass exactly through all 40 training points (training error 0)?',
					min: 1,
					max: 160,
					step: 1,
					format: (v) => `p = ${Math.round(v)}`,
					start: 80
				},
				answer: (f) => num(f, 'interpolatesFrom'),
				tolerance: () => 3,
				explain: (f) =>
					`From p = ${num(f, 'interpolatesFrom')} on the training error is 0 in every seed${num(f, 'interpolatesFrom') === num(f, 'above') ? ` (the first capacity past n = ${num(f, 'n')} on the grid, which skips n − 1 … n + 1)` : ''}. With as many features as points the n × p system has an exact solution; past it, infinitely many do, and least squares picks the one of smallest norm.`,
				shownIn: 'interpolation'
			},
			{
				id: 'threshold-terms',
				title: 'What the error is made of at the threshold',
				settings: 'p=42',
				ask: {
					kind: 'choice',
					prompt: 'At p = 42, just past the threshold, which term makes up most of the test error?',
					options: [
						{ id: 'bias', label: 'Bias²: the average fit misses the target' },
						{ id: 'variance', label: 'Variance: each fit follows its own training set' },
						{ id: 'noise', label: 'Noise σ²: the part no model can remove' }
					]
				},
				answer: (f) => String(f.largestTerm),
				explain: (f) =>
					`Over ${num(f, 'trainingSets')} training sets at p = ${num(f, 'inspectP')}: bias² ${f3(Math.max(0, num(f, 'bias2')))}, variance ${f3(num(f, 'variance'))}, noise ${f3(num(f, 'noiseTerm'))}.${f.largestTerm === 'variance' ? ` To pass through every noisy label the fit needs huge coefficients along directions the ${num(f, 'n')} points barely determine, so it swings from one training set to the next.` : ''}`,
				shownIn: 'capacity-table'
			},
			{
				id: 'wide',
				title: 'Far past the threshold',
				settings: 'p=160',
				ask: {
					kind: 'choice',
					prompt: 'With 160 features (four times the points), is the variance of the fit larger or smaller than at p = 42?',
					options: [
						{ id: 'larger', label: 'Larger: more features, more variance' },
						{ id: 'smaller', label: 'Smaller' }
					]
				},
				answer: (f) => (num(f, 'variance') < num(f, 'varianceAtThreshold') ? 'smaller' : 'larger'),
				explain: (f) =>
					`Variance ${f3(num(f, 'variance'))} at p = ${num(f, 'inspectP')} against ${f3(num(f, 'varianceAtThreshold'))} at p = ${num(f, 'above')}.${num(f, 'variance') < num(f, 'varianceAtThreshold') ? ' With many more features than points, many exact fits exist and the one of smallest norm spreads the fit over all of them: it is smooth again, an implicit regularisation.' : ''}`,
				shownIn: 'capacity-table'
			},
			{
				id: 'more-data',
				title: 'More data can hurt',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'Now the features are fixed at p = 40. Going from 20 to about 40 training points, what happens to the test error?',
					options: [
						{ id: 'falls', label: 'It falls: more data always helps' },
						{ id: 'rises', label: 'It rises' },
						{ id: 'unclear', label: 'Cannot tell from these seeds' }
					]
				},
				answer: (f) =>
					// The sample-wise curve's own test (error near n = p above both n ≈ p/2 and the largest n, sign test over seeds).
					f.samplePeakVerdict === 'peak' ? 'rises' : 'unclear',
				explain: (f) =>
					`Geometric mean test error ${f3(num(f, 'sampleErrLeft'))} with 20 points, ${f3(num(f, 'sampleErrCentre'))} with about 40.${f.samplePeakVerdict === 'peak' ? ' The threshold is where points match features: adding points up to it moves the model towards it, and the error rises (Nakkiran 2019).' : ''}`,
				shownIn: 'chart-sample-sentence'
			}
		],
		quiz: {
			settings: '',
			items: [
				{
					id: 'seeds-above',
					prompt: (f) =>
						`In this run, in how many of the ${num(f, 'seeds')} seeds is the test error beside p = ${num(f, 'n')} above both p = ${num(f, 'left')} and p = ${num(f, 'right')}?`,
					options: (f) => intChoices(num(f, 'peakAbove'), 0, num(f, 'seeds'), [num(f, 'seeds') - 2, Math.round(num(f, 'seeds') / 2)]).options,
					answer: (f) => intChoices(num(f, 'peakAbove'), 0, num(f, 'seeds'), [num(f, 'seeds') - 2, Math.round(num(f, 'seeds') / 2)]).answer,
					why: (f) => `The sentence under the first chart counts them: ${num(f, 'peakAbove')} of ${num(f, 'seeds')}.`
				},
				{
					id: 'sum',
					prompt: (f) => `At the inspected p = ${num(f, 'inspectP')}, what is bias² + variance + noise?`,
					options: (f) => numberChoices(num(f, 'expectedMse'), f3).options,
					answer: (f) => numberChoices(num(f, 'expectedMse'), f3).answer,
					why: (f) => `The table under the decomposition chart: ${f3(num(f, 'expectedMse'))}, the expected test error on a fresh noisy label.`
				},
				{
					id: 'ratio',
					prompt: () => 'The median over seeds of (error beside p = n) ÷ (larger of the two flanks) is about…',
					options: (f) => numberChoices(num(f, 'peakRatio'), f2).options,
					answer: (f) => numberChoices(num(f, 'peakRatio'), f2).answer,
					why: (f) => `The sentence under the first chart gives it: median ratio ${f2(num(f, 'peakRatio'))}.`
				}
			]
		}
	},
	{
		id: 'capacity-remove-peak',
		lab: 'capacity',
		title: 'Three ways to remove the peak',
		goal: 'Name the three ingredients of the double-descent peak (label noise, unpenalised small singular values, a target outside the first features) and predict what removing each does.',
		minutes: 10,
		misconception: 'Interpolating noisy data is always harmful, and the peak is unavoidable.',
		steps: [
			{
				id: 'no-noise',
				title: 'Remove the noise',
				settings: 'noise=0',
				ask: { ...peakChoice, prompt: 'Labels without noise (σ = 0), everything else as before: is there still a peak at p = n?' },
				answer: peakAnswer,
				explain: (f) =>
					`The lab found ${verdictWords(f)}. The peak is label noise amplified by the near-singular n × p system; without noise only the small part of the target the first p features miss (its weights decay as 0.9^j) is left to amplify.`,
				shownIn: 'chart-capacity-sentence'
			},
			{
				id: 'ridge',
				title: 'Penalise large coefficients',
				settings: 'ridge=0.05',
				ask: { ...peakChoice, prompt: 'Noise back (σ = 0.3), plus a small ridge penalty λ = 0.05: is there still a peak?' },
				answer: peakAnswer,
				explain: (f) =>
					`The lab found ${verdictWords(f)} (median ratio ${f2(num(f, 'peakRatio'))}).${f.peakVerdict !== 'peak' ? ' Ridge keeps the coefficients along the smallest singular directions small, so the fit no longer has to pass through every noisy label.' : ''}`,
				shownIn: 'chart-capacity-sentence'
			},
			{
				id: 'aligned-clean',
				title: 'A target the first features contain',
				settings: 'target=aligned&noise=0',
				ask: { ...peakChoice, prompt: 'The target is built from the first 5 features only, and the labels have no noise: is there a peak?' },
				answer: peakAnswer,
				explain: (f) =>
					`The lab found ${verdictWords(f)}. From p = 5 on the model can fit the target exactly; with no residual and no noise there is nothing to blow up.`,
				shownIn: 'chart-capacity-sentence'
			},
			{
				id: 'aligned-noisy',
				title: 'Aligned, but noisy',
				settings: 'target=aligned',
				ask: { ...peakChoice, prompt: 'The same aligned target, but with noisy labels (σ = 0.3): peak or not?' },
				answer: peakAnswer,
				explain: (f) =>
					`The lab found ${verdictWords(f)}.${f.peakVerdict === 'peak' ? ' In these runs alignment removed the peak only together with σ = 0: label noise alone is a residual the interpolating fit must absorb.' : ''}`,
				shownIn: 'chart-capacity-sentence',
				explore: 'Try σ = 0.05 and σ = 1 with the aligned target: how does the peak scale with the noise?'
			}
		],
		quiz: {
			settings: 'ridge=0.05',
			items: [
				{
					id: 'interpolates',
					prompt: () => 'With ridge λ = 0.05 in this run, does any capacity fit all 40 training points exactly?',
					options: () => [
						{ id: 'yes', label: 'Yes, from p = n on' },
						{ id: 'no', label: 'No' }
					],
					answer: (f) => (num(f, 'interpolatesFrom') > 0 ? 'yes' : 'no'),
					why: () => 'The penalty trades a little training error for small coefficients: the sentence under the first chart says whether any fit interpolates.'
				},
				{
					id: 'verdict',
					prompt: (f) => `With ridge and seed ${num(f, 'seed')}, what does the page conclude about the peak?`,
					options: () => peakChoice.options,
					answer: peakAnswer,
					why: (f) => `It found ${verdictWords(f)}.`
				},
				{
					id: 'ratio',
					prompt: () => 'The median ratio of the error beside p = n to the larger flank is about…',
					options: (f) => numberChoices(num(f, 'peakRatio'), f2).options,
					answer: (f) => numberChoices(num(f, 'peakRatio'), f2).answer,
					why: (f) => `Median ratio ${f2(num(f, 'peakRatio'))}: below 1 means the threshold is no worse than its neighbours.`
				}
			]
		}
	}
]);
