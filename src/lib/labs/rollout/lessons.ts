/**
 * The rollout lab's lessons (lessons/types.ts): what each way of shipping a model risks, and why a rollout that
 * passed (or a bandit that stopped) is no evidence that the candidate is better. Every answer and every number in an
 * explanation comes from the run's facts (./facts.ts): the one seeded rollout and the many-runs tally of the step's
 * settings, with the lab's own paired verdicts for "which strategy is best".
 */
import { defineLessons, type Facts } from '$lib/lessons/types';
import { num, numberChoices, intChoices } from '$lib/lessons/grade';
import { fmtInt } from '$lib/format';
import { STRATEGIES, type StrategyId } from './types';
import { STRATEGY_NAMES } from './summary';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const amount = (v: number) => (Math.abs(v) >= 100 || v === 0 ? fmtInt(v) : String(Number(v.toPrecision(2))));
const M = (id: StrategyId) => `m${id[0].toUpperCase()}${id.slice(1)}`;
const ships = (f: Facts, id: StrategyId) => `${pct(num(f, `${M(id)}Ships`))} [${pct(num(f, `${M(id)}ShipsLo`))}, ${pct(num(f, `${M(id)}ShipsHi`))}]`;
const failures = (f: Facts, id: StrategyId) =>
	`${amount(num(f, `${M(id)}Failures`))} [${amount(num(f, `${M(id)}FailuresLo`))}, ${amount(num(f, `${M(id)}FailuresHi`))}]`;
const CRASH = 'crash=0.2&runs=200';
const WORSE = 'lift=-0.03&runs=200';
const BETTER = 'lift=0.05&runs=200';
const EQUAL = 'lift=0&runs=200';
const names = (ids: string) =>
	ids
		.split('+')
		.map((id) => STRATEGY_NAMES[id as StrategyId] ?? id)
		.join('; ');
/** Choices: every strategy, or "no single one". */
const pickAsk = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		...STRATEGIES.map((id) => ({ id, label: STRATEGY_NAMES[id] })),
		{ id: 'tie', label: 'No single one: not distinguishable from the runner-up with these runs' }
	]
});
/** The lab's best, when it is one strategy clear of the runner-up; otherwise "tie". */
const best = (f: Facts, key: 'fewestWrong' | 'leastRegret') => (!String(f[key]).includes('+') && f[`${key}Clear`] === true ? String(f[key]) : 'tie');
const bestWords = (f: Facts, key: 'fewestWrong' | 'leastRegret') =>
	`${names(String(f[key]))}${String(f[key]).includes('+') ? ' (tied)' : ''}, ${f[`${key}Clear`] ? 'clear of' : 'not distinguishable with these runs from'} the runner-up ${names(String(f[`${key}Next`]))} (paired by run)`;
/** A share's 95% interval against a value: 'below', 'about' or 'above'. */
const against = (f: Facts, id: StrategyId, v: number) => (num(f, `${M(id)}ShipsHi`) < v ? 'below' : num(f, `${M(id)}ShipsLo`) > v ? 'above' : 'about');

export const LESSONS = defineLessons([
	{
		id: 'rollout-strategies',
		lab: 'rollout',
		title: 'Six ways to ship a model: risk, speed and certainty',
		goal: 'Say which rollout strategy exposes users to a broken model, which one ships a slightly worse one, and why no strategy wins on every count.',
		minutes: 14,
		misconception: 'A model that wins offline can simply be switched on for everyone.',
		steps: [
			{
				id: 'shadow-crash',
				title: 'A crashing candidate in the shadow',
				settings: CRASH,
				ask: {
					kind: 'choice',
					prompt:
						'The candidate fails 20% of its requests but scores better offline. In the shadow strategy it answers a mirrored copy of the traffic while users still get the current model. What happens in this run?',
					options: [
						{ id: 'switch', label: 'The shadow cannot see failures: it switches on the offline score' },
						{ id: 'reject', label: 'It is rejected before any user sees it' },
						{ id: 'undecided', label: 'It is still shadowing at the end' }
					]
				},
				answer: (f) => (f.shadowWhy === 'guardrail' ? 'reject' : f.shadowDecision === 'ship' ? 'switch' : 'undecided'),
				explain: (f) =>
					`In this run the shadow ${f.shadowWhy === 'guardrail' ? `rejected it at hour ${num(f, 'shadowAt')} (the ${f.shadowGuardrail} guardrail): ${fmtInt(num(f, 'shadowExposed'))} user requests served by the candidate, ${amount(num(f, 'shadowFailures'))} failures caused` : `ended with “${f.shadowDecision}” at hour ${num(f, 'shadowAt')}`}. Big-bang switched everyone at hour 0 on the offline score and caused ${fmtInt(num(f, 'bigbangFailures'))} expected failed requests over ${num(f, 'hours')} hours.`,
				shownIn: 'decision-shadow'
			},
			{
				id: 'canary-crash',
				title: 'The canary',
				settings: CRASH,
				ask: {
					kind: 'choice',
					prompt:
						'The canary sends 1% → 5% → 25% → 50% → 100% of users to the candidate, with guardrails checked every hour. At which stage is this crashing candidate rolled back?',
					options: [
						{ id: '0.01', label: 'At 1%' },
						{ id: '0.05', label: 'At 5%' },
						{ id: '0.25', label: 'At 25%' },
						{ id: '0.5', label: 'At 50%' },
						{ id: 'passed', label: 'Never: it reaches 100%' },
						{ id: 'other', label: 'It is still deciding at the end' }
					]
				},
				answer: (f) => (f.canaryWhy === 'guardrail' ? String(num(f, 'canaryStage')) : f.canaryWhy === 'canary-passed' ? 'passed' : 'other'),
				explain: (f) =>
					`${f.canaryWhy === 'guardrail' ? `Rolled back at the ${Math.round(100 * num(f, 'canaryStage'))}% stage at hour ${num(f, 'canaryAt')} (the ${f.canaryGuardrail} guardrail)` : `The canary ended with “${f.canaryDecision}” at hour ${num(f, 'canaryAt')}`}: ${fmtInt(num(f, 'canaryExposed'))} requests served by the candidate, about ${amount(num(f, 'canaryFailures'))} of them failed because of it.`,
				shownIn: 'decision-canary'
			},
			{
				id: 'ab-crash',
				title: 'An A/B test without guardrails',
				settings: CRASH,
				ask: {
					kind: 'choice',
					prompt: 'Over 200 runs, which causes more failed requests per run on average: the canary, or the A/B test (50/50 for its planned hours)?',
					options: [
						{ id: 'canary', label: 'The canary' },
						{ id: 'abtest', label: 'The A/B test' },
						{ id: 'tie', label: 'Not distinguishable with these runs' }
					]
				},
				answer: (f) =>
					num(f, 'mAbtestFailuresLo') > num(f, 'mCanaryFailuresHi') ? 'abtest' : num(f, 'mCanaryFailuresLo') > num(f, 'mAbtestFailuresHi') ? 'canary' : 'tie',
				explain: (f) =>
					`Failed requests caused per run (95% intervals): canary ${failures(f, 'canary')}, A/B test ${failures(f, 'abtest')}, shadow ${failures(f, 'shadow')}.${num(f, 'mAbtestFailuresLo') > num(f, 'mCanaryFailuresHi') ? ` The A/B test here has no guardrails: half the users get the crashing model for the ${num(f, 'abHours')} hours its sample size needs.` : ''}`,
				shownIn: 'many-table'
			},
			{
				id: 'worse-wrong',
				title: 'Slightly worse, better offline',
				settings: WORSE,
				ask: pickAsk(
					'Now the candidate converts 3% less but still scores better offline; nothing crashes. Over 200 runs, which strategy ships this worse candidate least often?'
				),
				answer: (f) => best(f, 'fewestWrong'),
				explain: (f) =>
					`Fewest wrong ships: ${bestWords(f, 'fewestWrong')}. A/B test ${ships(f, 'abtest')}, canary ${ships(f, 'canary')}, big-bang ${ships(f, 'bigbang')}.${f.fewestWrong === 'abtest' ? ' The guardrails are set to catch large harm quickly; they have little power against a small drop and never test whether the candidate is better — the A/B test is the strategy that tests whether it converts more.' : ''}`,
				shownIn: 'tradeoff'
			},
			{
				id: 'worse-regret',
				title: 'The cost of deciding',
				settings: WORSE,
				ask: pickAsk('Same candidate. Which strategy loses the least value (regret against always serving the better model)?'),
				answer: (f) => best(f, 'leastRegret'),
				explain: (f) =>
					`Least regret: ${bestWords(f, 'leastRegret')}; mean regret per run ${amount(num(f, 'mThompsonRegret'))} conversions for Thompson sampling, ${amount(num(f, 'mEgreedyRegret'))} for ε-greedy, ${amount(num(f, 'mAbtestRegret'))} for the A/B test. ${best(f, 'leastRegret') === 'tie' ? 'The lowest mean is not enough: the lab compares the best with the runner-up run by run, and here it cannot tell them apart.' : 'The lab compared the best with the runner-up run by run.'}${f.fewestWrong !== f.leastRegret ? ` Fewest wrong ships (${names(String(f.fewestWrong))}) and least regret are not the same strategy here.` : ''}`,
				shownIn: 'tradeoff'
			},
			{
				id: 'better-missed',
				title: 'A better candidate the A/B test misses',
				settings: BETTER,
				ask: {
					kind: 'number',
					prompt:
						'The candidate converts 5% more — exactly the A/B test’s minimum detectable effect. In what share of 200 runs does the A/B test fail to ship it?',
					min: 0,
					max: 0.6,
					step: 0.01,
					format: (v) => `${Math.round(100 * v)}%`,
					start: 0.05
				},
				answer: (f) => num(f, 'mAbtestWrong'),
				tolerance: () => 0.06,
				explain: (f) =>
					`${pct(num(f, 'mAbtestWrong'))} of runs (ships ${ships(f, 'abtest')}).${1 - num(f, 'mAbtestShipsHi') <= 0.2 && 1 - num(f, 'mAbtestShipsLo') >= 0.2 ? ' In line with its design: a sample size for 80% power at this effect misses about one in five such candidates.' : ''} Big-bang, deciding on the offline score alone, ships it in ${pct(num(f, 'mBigbangShips'))} of runs.`,
				shownIn: 'many-abtest'
			}
		],
		quiz: {
			settings: CRASH,
			items: [
				{
					id: 'canary-failures',
					prompt: (f) => `Over these ${num(f, 'runs')} runs (seed ${num(f, 'seed')}), how many failed requests does the canary cause per run on average?`,
					options: (f) => numberChoices(num(f, 'mCanaryFailures'), amount, [0.25, 4, 40]).options,
					answer: (f) => numberChoices(num(f, 'mCanaryFailures'), amount, [0.25, 4, 40]).answer,
					why: (f) => `The many-runs table: ${failures(f, 'canary')} per run, against ${failures(f, 'abtest')} for the A/B test.`
				},
				{
					id: 'abtest-failures',
					prompt: () => 'And the A/B test (no guardrails), per run on average?',
					options: (f) => numberChoices(num(f, 'mAbtestFailures'), amount, [0.01, 0.1, 3]).options,
					answer: (f) => numberChoices(num(f, 'mAbtestFailures'), amount, [0.01, 0.1, 3]).answer,
					why: (f) => `${failures(f, 'abtest')}: half the traffic on a model that fails 20% of requests for ${num(f, 'abHours')} hours.`
				},
				{
					id: 'thompson-hour',
					prompt: (f) => `In the one run of seed ${num(f, 'seed')}, at which hour did Thompson sampling decide?`,
					options: (f) => intChoices(num(f, 'thompsonAt'), 0, num(f, 'hours'), [num(f, 'thompsonAt') + 1, num(f, 'thompsonAt') + 12, 24]).options,
					answer: (f) => intChoices(num(f, 'thompsonAt'), 0, num(f, 'hours'), [num(f, 'thompsonAt') + 1, num(f, 'thompsonAt') + 12, 24]).answer,
					why: (f) => `The decisions table: ${f.thompsonDecision === 'none' ? 'undecided at' : `“${f.thompsonDecision}” at`} hour ${num(f, 'thompsonAt')}.`
				}
			]
		}
	},
	{
		id: 'rollout-no-evidence',
		lab: 'rollout',
		title: 'Passing is not proof',
		goal: 'Explain why a canary that reached 100%, or a bandit that stopped, is not evidence that the candidate is better, while a fixed-horizon test keeps its false ships near α/2.',
		minutes: 10,
		misconception: 'If the rollout reached 100% without an alarm, the new model is better.',
		steps: [
			{
				id: 'canary-passes',
				title: 'A worse candidate in the canary',
				settings: WORSE,
				ask: {
					kind: 'choice',
					prompt: 'The candidate converts 3% less. In this run, does the canary (with a conversions guardrail) roll it back?',
					options: [
						{ id: 'rollback', label: 'Yes: the conversions guardrail catches it' },
						{ id: 'ship', label: 'No: it reaches 100%' },
						{ id: 'none', label: 'It is still deciding at the end' }
					]
				},
				answer: (f) => String(f.canaryDecision),
				explain: (f) =>
					`In this run: “${f.canaryDecision}” at hour ${num(f, 'canaryAt')}.${f.canaryDecision === 'ship' ? ' No guardrail fired. Passing is no evidence that it is better: the guardrails are set to catch large harm quickly, have little power against a 3% drop, and never test whether the candidate is better.' : ''}`,
				shownIn: 'decision-canary'
			},
			{
				id: 'canary-many',
				title: 'How often it passes',
				settings: WORSE,
				ask: {
					kind: 'number',
					prompt: 'Over 200 runs, in what share does the canary ship this worse candidate?',
					min: 0,
					max: 1,
					step: 0.01,
					format: (v) => `${Math.round(100 * v)}%`,
					start: 0.1
				},
				answer: (f) => num(f, 'mCanaryShips'),
				tolerance: () => 0.08,
				explain: (f) =>
					`${ships(f, 'canary')} of runs. Passing the guardrails was no evidence of being better here: the A/B test, which tests conversions, ships it in ${ships(f, 'abtest')}.`,
				shownIn: 'many-canary'
			},
			{
				id: 'bandit-aa',
				title: 'A bandit and an equal candidate',
				settings: EQUAL,
				ask: {
					kind: 'number',
					prompt:
						'Now the candidate is exactly as good as the current model. Thompson sampling stops when its probability “candidate converts more” passes 95%, checked every hour. In what share of 200 runs does it ship?',
					min: 0,
					max: 1,
					step: 0.01,
					format: (v) => `${Math.round(100 * v)}%`,
					start: 0.05
				},
				answer: (f) => num(f, 'mThompsonShips'),
				tolerance: () => 0.08,
				explain: (f) =>
					`${ships(f, 'thompson')} of runs. With nothing to find, a decision to ship is not a finding.${num(f, 'mThompsonShipsLo') > num(f, 'alpha') ? ` Clearly more than α = ${pct(num(f, 'alpha'))}: a probability checked every hour and acted on at the first crossing is peeking, not a level-α test.` : ''}`,
				shownIn: 'many-thompson'
			},
			{
				id: 'ab-aa',
				title: 'The fixed-horizon test',
				settings: EQUAL,
				ask: {
					kind: 'choice',
					prompt:
						'The A/B test analyses once, at its planned end, and ships only a significant improvement (two-sided α = 5%). How often does it ship the equal candidate?',
					options: [
						{ id: 'below', label: 'Clearly less than α/2 = 2.5%' },
						{ id: 'about', label: 'About α/2 = 2.5% (not distinguishable from it with these runs)' },
						{ id: 'above', label: 'Clearly more than α/2 = 2.5%' }
					]
				},
				answer: (f) => against(f, 'abtest', num(f, 'alpha') / 2),
				explain: (f) =>
					`${ships(f, 'abtest')} of runs; the 95% interval ${against(f, 'abtest', num(f, 'alpha') / 2) === 'about' ? 'includes' : 'excludes'} α/2 = ${pct(num(f, 'alpha') / 2)}, the rate it is designed for: one side of its two-sided test.`,
				shownIn: 'many-abtest'
			},
			{
				id: 'which-more',
				title: 'Bandit against test',
				settings: EQUAL,
				ask: {
					kind: 'choice',
					prompt: 'Which ships the equal candidate more often: Thompson sampling or the A/B test?',
					options: [
						{ id: 'thompson', label: 'Thompson sampling' },
						{ id: 'abtest', label: 'The A/B test' },
						{ id: 'tie', label: 'Not distinguishable with these runs' }
					]
				},
				answer: (f) =>
					num(f, 'mThompsonShipsLo') > num(f, 'mAbtestShipsHi') ? 'thompson' : num(f, 'mAbtestShipsLo') > num(f, 'mThompsonShipsHi') ? 'abtest' : 'tie',
				explain: (f) =>
					`Thompson sampling ${ships(f, 'thompson')}, A/B test ${ships(f, 'abtest')} (95% intervals${num(f, 'mThompsonShipsLo') > num(f, 'mAbtestShipsHi') ? ' that do not overlap' : ''}). A bandit's stop is not a significance test.`,
				shownIn: 'tradeoff'
			}
		],
		quiz: {
			settings: EQUAL,
			items: [
				{
					id: 'thompson-ships',
					prompt: (f) => `Over these ${num(f, 'runs')} runs with an equal candidate (seed ${num(f, 'seed')}), how often does Thompson sampling ship it?`,
					options: (f) => numberChoices(num(f, 'mThompsonShips'), pct, [0.1, 0.5, 2.5]).options,
					answer: (f) => numberChoices(num(f, 'mThompsonShips'), pct, [0.1, 0.5, 2.5]).answer,
					why: (f) => `The many-runs table: ${ships(f, 'thompson')}.`
				},
				{
					id: 'egreedy-ships',
					prompt: () => 'And ε-greedy, whose greedy pick at the horizon decides?',
					options: (f) => numberChoices(num(f, 'mEgreedyShips'), pct, [0.05, 0.25, 1.9]).options,
					answer: (f) => numberChoices(num(f, 'mEgreedyShips'), pct, [0.05, 0.25, 1.9]).answer,
					why: (f) => `${ships(f, 'egreedy')}: a pick between two equal models.`
				},
				{
					id: 'abtest-ships',
					prompt: () => 'And the A/B test?',
					options: (f) => numberChoices(num(f, 'mAbtestShips'), pct, [0.3, 5, 20]).options,
					answer: (f) => numberChoices(num(f, 'mAbtestShips'), pct, [0.3, 5, 20]).answer,
					why: (f) => `${ships(f, 'abtest')}, against α/2 = ${pct(num(f, 'alpha') / 2)} by design.`
				}
			]
		}
	}
]);
