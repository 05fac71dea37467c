/**
 * The scaling lab's lessons (lessons/types.ts): one learning rate for every weight (why raw features diverge or
 * crawl), and the misconception that scaling changes what the model learns. Every answer and number comes from the
 * run's facts (./facts.ts): one seed, one run, so the explanations say "in this run".
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { intChoices, num, numberChoices } from '$lib/lessons/grade';
import { fmtInt, fmtNum, fmtPct } from '$lib/format';

const f3 = (v: number) => fmtNum(v, 3);
const pct = (v: number) => fmtPct(v, 1);
const fate = (f: Facts, k: string) => (f[`${k}Diverged`] ? 'diverges' : num(f, `${k}Reached`) >= 0 ? 'converges' : 'crawls');
const fateChoice = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		{ id: 'diverges', label: 'It diverges (the loss blows up)' },
		{ id: 'crawls', label: 'It does not diverge, but stays far from the target loss' },
		{ id: 'converges', label: 'It reaches the target loss like the scaled runs' }
	]
});
const lossText = (f: Facts, k: string) =>
	f[`${k}Diverged`] ? `diverged at step ${fmtInt(num(f, `${k}DivergedAt`))}` : `training loss ${f3(num(f, `${k}Loss`))}`;
const reachedText = (f: Facts, k: string) =>
	num(f, `${k}Reached`) >= 0 ? `target reached at step ${fmtInt(num(f, `${k}Reached`))}` : `target not reached in ${fmtInt(num(f, 'steps'))} steps`;
/** Relative spread of the final losses of the three affine scalings. */
const affineSpread = (f: Facts) => {
	const v = ['minmax', 'standard', 'robust'].map((k) => num(f, `${k}Loss`));
	return v.some((x) => x < 0) ? Infinity : Math.max(...v) / Math.min(...v) - 1;
};
/** Choices for a share in [0, 1]: lower ones, and one halfway to 1 (so the answer is not always the largest). */
const shareChoices = (v: number, format: (x: number) => string) => numberChoices(v, format, [0.75, 0.875, (1 + v) / (2 * v)]);
const condBucket = (c: number) => (c < 10 ? 'lt10' : c < 1e3 ? 'lt1e3' : c < 1e5 ? 'lt1e5' : 'ge1e5');

export const LESSONS = defineLessons([
	{
		id: 'scaling-one-learning-rate',
		lab: 'scaling',
		title: 'One learning rate for every weight',
		goal: 'Explain why unscaled features make gradient descent diverge or crawl (an ill-conditioned loss surface), and what Adam and log scaling do and do not fix.',
		minutes: 12,
		misconception: 'A small enough learning rate (or Adam) makes feature scaling unnecessary.',
		steps: [
			{
				id: 'diverge',
				title: 'Same learning rate, five scalings',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'Logistic regression on age (years), income (dollars), a 0–1 ratio and days, plain gradient descent at learning rate 0.3, on five scalings of the same data. Which runs diverge?',
					options: [
						{ id: 'raw', label: 'Only the raw (unscaled) features' },
						{ id: 'raw-more', label: 'The raw features and some scaled ones' },
						{ id: 'scaled', label: 'Some scaled ones, but not the raw features' },
						{ id: 'nothing', label: 'None of them' }
					]
				},
				answer: (f) => {
					const ids = String(f.divergedIds).split(',').filter(Boolean);
					return !ids.length ? 'nothing' : ids.includes('none') ? (ids.length === 1 ? 'raw' : 'raw-more') : 'scaled';
				},
				explain: (f) =>
					`Raw: ${lossText(f, 'none')}. Standard: ${lossText(f, 'standard')}, ${reachedText(f, 'standard')}. ${f.noneDiverged && !f.standardDiverged ? 'Income in dollars makes the gradient along its weight enormous: a step that suits the scaled features overshoots by orders of magnitude.' : ''}`,
				shownIn: 'results-table'
			},
			{
				id: 'condition',
				title: 'Why: a narrow valley',
				settings: '',
				ask: {
					kind: 'choice',
					prompt:
						'The condition number κ of the loss surface is its steepest curvature divided by its flattest (1: a round bowl). For two raw features, age and the 0–1 ratio, κ is…',
					options: [
						{ id: 'lt10', label: 'below 10' },
						{ id: 'lt1e3', label: '10 to 1,000' },
						{ id: 'lt1e5', label: '1,000 to 100,000' },
						{ id: 'ge1e5', label: 'above 100,000' }
					]
				},
				answer: (f) => condBucket(num(f, 'condRaw')),
				explain: (f) =>
					`κ = ${fmtInt(num(f, 'condRaw'))} raw, ${f3(num(f, 'condScaled'))} after ${String(f.surfScaler)} scaling. Gradient descent is stable only below a learning rate of 2 / (steepest curvature), and then needs on the order of κ·ln(1/ε) steps to get within ε along the flattest direction. ${num(f, 'rawSurfDivergedAt') >= 0 ? `On the raw surface it diverged after ${fmtInt(num(f, 'rawSurfDivergedAt'))} steps` : 'On the raw surface it did not reach the optimum'}${num(f, 'scaledSurfSteps') >= 0 ? `; on the scaled one it reached the optimum in ${fmtInt(num(f, 'scaledSurfSteps'))} steps.` : '.'}`,
				shownIn: 'condition-raw'
			},
			{
				id: 'tiny-lr',
				title: 'A learning rate safe for dollars',
				settings: 'optimizer=sgd&lr=1e-9&steps=600&outliers=0',
				ask: fateChoice('Lower the learning rate to 1e-9, small enough for income in dollars, and train 600 steps. What does the raw run do?'),
				answer: (f) => fate(f, 'none'),
				explain: (f) =>
					`Raw: training loss ${f3(num(f, 'noneStart'))} at the start, ${lossText(f, 'none')} after ${fmtInt(num(f, 'steps'))} steps, ${reachedText(f, 'none')}. Standard: from ${f3(num(f, 'standardStart'))} to ${f3(num(f, 'standardLoss'))}.${fate(f, 'none') === 'crawls' ? ' A learning rate small enough for the steep income direction is far too small along every other one: no divergence, and hardly any progress.' : ''}`,
				shownIn: 'row-none'
			},
			{
				id: 'adam',
				title: 'Does Adam fix it?',
				settings: 'optimizer=adam&lr=0.05',
				ask: fateChoice('Adam scales each weight’s step by its own gradient history. At learning rate 0.05, what does the raw run do?'),
				answer: (f) => fate(f, 'none'),
				explain: (f) =>
					`Raw with Adam: ${lossText(f, 'none')}, ${reachedText(f, 'none')}${f.noneBehaviour === 'oscillating' ? ', and the loss keeps jumping up and down' : ''}; standard: ${lossText(f, 'standard')}, ${reachedText(f, 'standard')}.${fate(f, 'none') === 'crawls' ? ' Adam removes the divergence but not the problem: its early steps are about the learning rate on every weight, whatever the feature’s units, and 0.05 on the weight of income in dollars moves the logit by thousands.' : ''}`,
				shownIn: 'results-table'
			},
			{
				id: 'log',
				title: 'Log scaling is not normalisation',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'Back to plain gradient descent at 0.3. The log-scaled run uses ln(1 + x) of each feature. What does it do?',
					options: [
						{ id: 'converging', label: 'Converges like standard scaling' },
						{ id: 'oscillating', label: 'Does not diverge, but its loss keeps jumping up and down' },
						{ id: 'diverged', label: 'Diverges' }
					]
				},
				answer: (f) => String(f.logBehaviour),
				explain: (f) =>
					`Log: ${lossText(f, 'log')} (${String(f.logBehaviour)}), against ${lossText(f, 'standard')} for standard.${f.logBehaviour !== 'converging' ? ' ln(1 + income) is about 11 for most rows: log undoes the skew but shrinks income only to about 11 and leaves every feature uncentred, far from unit scale, so the surface is still too steep for this learning rate.' : ''}`,
				shownIn: 'row-log',
				explore: 'Open the histograms and compare income before and after each scaler.'
			}
		],
		quiz: {
			settings: '',
			items: [
				{
					id: 'standard-steps',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), at which step does the standard-scaled run first reach the target loss?`,
					options: (f) => intChoices(num(f, 'standardReached'), 0, num(f, 'steps'), [num(f, 'standardReached') + 10, num(f, 'standardReached') * 3]).options,
					answer: (f) => intChoices(num(f, 'standardReached'), 0, num(f, 'steps'), [num(f, 'standardReached') + 10, num(f, 'standardReached') * 3]).answer,
					why: (f) => `The table: standard, ${reachedText(f, 'standard')} (within ${pct(num(f, 'target'))} of the best final loss).`
				},
				{
					id: 'condition',
					prompt: () => 'What is the condition number of the raw loss surface?',
					options: (f) => numberChoices(num(f, 'condRaw'), fmtInt, [0.01, 0.1, 10]).options,
					answer: (f) => numberChoices(num(f, 'condRaw'), fmtInt, [0.01, 0.1, 10]).answer,
					why: (f) => `κ = ${fmtInt(num(f, 'condRaw'))}, under the raw surface; ${f3(num(f, 'condScaled'))} after scaling.`
				},
				{
					id: 'accuracy',
					prompt: () => 'What is the standard-scaled model’s test accuracy?',
					options: (f) => shareChoices(num(f, 'standardAccuracy'), pct).options,
					answer: (f) => shareChoices(num(f, 'standardAccuracy'), pct).answer,
					why: (f) => `${pct(num(f, 'standardAccuracy'))} on the test rows (the table); the raw run ${lossText(f, 'none')}.`
				}
			]
		}
	},
	{
		id: 'scaling-same-model',
		lab: 'scaling',
		title: 'Scaling changes the path, not the model',
		goal: 'Recognise that min-max, standard and robust scaling give the same logistic model (only the optimisation differs), that log changes the model, and that fitting a scaler on the test rows is wrong even when the score does not move.',
		minutes: 10,
		misconception: 'Scaling makes a model more accurate; and if leakage does not change the score, it is harmless.',
		steps: [
			{
				id: 'same-end',
				title: 'Trained to the end',
				settings: 'optimizer=adam&lr=0.05&steps=600',
				ask: {
					kind: 'choice',
					prompt: 'Adam, 600 steps. Do min-max, standard and robust scaling end at the same training loss?',
					options: [
						{ id: 'same', label: 'Yes, within 0.5% of each other' },
						{ id: 'differ', label: 'No, one scaling fits clearly better' }
					]
				},
				answer: (f) => (affineSpread(f) < 0.005 ? 'same' : 'differ'),
				explain: (f) =>
					`Training loss: min-max ${f3(num(f, 'minmaxLoss'))}, standard ${f3(num(f, 'standardLoss'))}, robust ${f3(num(f, 'robustLoss'))}; test accuracy ${pct(num(f, 'minmaxAccuracy'))}, ${pct(num(f, 'standardAccuracy'))}, ${pct(num(f, 'robustAccuracy'))}. Each of these scalings is x′ = (x − c) / s: a logistic model on x′ is the same model on x with other weights, so all three share one optimum.`,
				shownIn: 'results-table'
			},
			{
				id: 'different-path',
				title: 'Same optimum, different speed',
				settings: '',
				ask: {
					kind: 'choice',
					prompt: 'Plain gradient descent at 0.3 for 300 steps: do min-max and standard scaling end at the same training loss?',
					options: [
						{ id: 'same', label: 'Yes, within 0.5%' },
						{ id: 'differ', label: 'No' }
					]
				},
				answer: (f) => (Math.abs(num(f, 'minmaxLoss') / num(f, 'standardLoss') - 1) < 0.005 ? 'same' : 'differ'),
				explain: (f) =>
					`Min-max: ${lossText(f, 'minmax')}, ${reachedText(f, 'minmax')}; standard: ${lossText(f, 'standard')}, ${reachedText(f, 'standard')}.${num(f, 'minmaxReached') < 0 && num(f, 'standardReached') >= 0 ? ' With the same optimum, the difference is speed: min-max leaves the features uncentred (all in [0, 1]), a worse-conditioned surface, so in this run it had not yet arrived.' : ''}`,
				shownIn: 'results-table'
			},
			{
				id: 'log-model',
				title: 'Log is a different model',
				settings: 'optimizer=adam&lr=0.05&steps=600',
				ask: {
					kind: 'choice',
					prompt: 'Adam, 600 steps again. Compared with standard scaling, where does the log-scaled run end?',
					options: [
						{ id: 'lower', label: 'At a lower training loss (by more than 0.5%)' },
						{ id: 'same', label: 'At the same loss (within 0.5%)' },
						{ id: 'higher', label: 'At a higher training loss (by more than 0.5%)' }
					]
				},
				answer: (f) => {
					const r = num(f, 'logLoss') / num(f, 'standardLoss') - 1;
					return r < -0.005 ? 'lower' : r > 0.005 ? 'higher' : 'same';
				},
				explain: (f) =>
					`In this run, after ${fmtInt(num(f, 'steps'))} steps: log ${lossText(f, 'log')}, ${reachedText(f, 'log')}; standard ${lossText(f, 'standard')}. ln(1 + x) is not of the form (x − c) / s: it changes the features themselves, so the log model has an optimum of its own, and its loss need not match the others even once both have converged.`,
				shownIn: 'row-log'
			},
			{
				id: 'leak',
				title: 'Fitting the scaler on all rows',
				settings: 'leak=true&outliers=0.05',
				ask: {
					kind: 'choice',
					prompt: 'A second standard scaler is fitted on all rows, test rows included. How does its model’s test accuracy compare with the proper one’s?',
					options: [
						{ id: 'barely', label: 'Within half a point' },
						{ id: 'better', label: 'Higher by half a point or more' },
						{ id: 'worse', label: 'Lower by half a point or more' }
					]
				},
				answer: (f) => (f.leakBarely ? 'barely' : num(f, 'leakGap') > 0 ? 'better' : 'worse'),
				explain: (f) =>
					`Test accuracy ${pct(num(f, 'standardAccuracy'))} with the scaler fitted on the training rows, ${pct(num(f, 'leakyAccuracy'))} fitted on all rows. ${f.leakBarely ? 'The scores barely differ here, since train and test rows come from one distribution — the mistake is the method: the test set has informed the preprocessing, so its score no longer measures rows the pipeline has never seen.' : 'The test set has informed the preprocessing: its score no longer measures rows the pipeline has never seen.'}`,
				shownIn: 'leak-verdict'
			}
		],
		quiz: {
			settings: 'optimizer=adam&lr=0.05&steps=600',
			items: [
				{
					id: 'standard-loss',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), what training loss does the standard-scaled run end at?`,
					options: (f) => numberChoices(num(f, 'standardLoss'), f3, [0.5, 0.8, 1.25]).options,
					answer: (f) => numberChoices(num(f, 'standardLoss'), f3, [0.5, 0.8, 1.25]).answer,
					why: (f) => `${f3(num(f, 'standardLoss'))}; min-max and robust end at ${f3(num(f, 'minmaxLoss'))} and ${f3(num(f, 'robustLoss'))}.`
				},
				{
					id: 'log-loss',
					prompt: () => 'And the log-scaled run?',
					options: (f) => numberChoices(num(f, 'logLoss'), f3, [0.5, 0.8, 1.25]).options,
					answer: (f) => numberChoices(num(f, 'logLoss'), f3, [0.5, 0.8, 1.25]).answer,
					why: (f) => `${f3(num(f, 'logLoss'))}: a different model, with its own optimum.`
				},
				{
					id: 'robust-accuracy',
					prompt: () => 'What is the robust-scaled model’s test accuracy?',
					options: (f) => shareChoices(num(f, 'robustAccuracy'), pct).options,
					answer: (f) => shareChoices(num(f, 'robustAccuracy'), pct).answer,
					why: (f) => `${pct(num(f, 'robustAccuracy'))}, against ${pct(num(f, 'standardAccuracy'))} for standard scaling.`
				}
			]
		}
	}
]);
