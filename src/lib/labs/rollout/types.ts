/** Requests and results of the rollout lab's worker (src/lib/labs/rollout/worker/). */

export const STRATEGIES = ['bigbang', 'shadow', 'canary', 'abtest', 'thompson', 'egreedy'] as const;
export type StrategyId = (typeof STRATEGIES)[number];

export interface RolloutConfig {
	/** The current model's conversions per request that does not fail. */
	baseRate: number;
	/** The candidate's true relative lift of that rate (−0.3 … +0.3). */
	lift: number;
	/** Share of requests that fail with the current model. */
	errorRate: number;
	/** Extra share of requests that fail with the candidate (its error-rate regression). */
	errorRegression: number;
	/** The candidate's latency relative to the current model's, minus 1 (0.3: every request 30% slower). */
	latencyRegression: number;
	/** Requests per hour. */
	traffic: number;
	/** Standard deviation of the hourly log-multiplier of the conversion rate, shared by both models (time-of-day, campaigns). */
	noise: number;
	/** Share of requests on which the candidate's answer differs from the current model's. */
	changed: number;
	/** The candidate's offline score (ROC AUC on last month's logs); the current model's is `CURRENT_OFFLINE`. */
	offlineScore: number;
	/** Hours simulated. */
	hours: number;
	/** Hours of shadow traffic before the shadow strategy decides. */
	shadowHours: number;
	/** Hours at each canary stage. */
	hold: number;
	/** Level of every test: the guardrails together, the A/B test, and 1 − the bandit's decision threshold. */
	alpha: number;
	/** The A/B test's minimum detectable relative effect (its sample size) and the guardrails' mixing scale. */
	mde: number;
	/** ε of ε-greedy: the share of traffic spent exploring. */
	epsilon: number;
	seed: number;
}

export type Decision = 'ship' | 'rollback' | 'none';

export type GuardrailId = 'errors' | 'latency' | 'metric';

/** Why a strategy decided as it did: data for the page to put in words (src/lib/labs/rollout/reasons.ts). */
export type Why =
	/** Big-bang: the offline score against the current model's. */
	| { kind: 'offline'; score: number; bar: number }
	/** A guardrail fired: in the shadow (no user exposed) or at a canary stage. */
	| { kind: 'guardrail'; where: 'shadow' | 'canary'; guardrail: GuardrailId; stage: number; difference: number; p: number; level: number }
	/** The shadow period passed quietly; switched (or not) on the offline score. */
	| { kind: 'shadow-passed'; hours: number; score: number; bar: number }
	/** Every canary stage passed. */
	| { kind: 'canary-passed'; hours: number }
	/** The horizon ended first (the shadow, the canary at `stage`, or the A/B test that needed `planned` hours). */
	| { kind: 'horizon'; where: 'shadow' | 'canary' | 'abtest'; planned: number; stage: number }
	/** The A/B test's analysis at its planned end: the relative difference and its p-value. */
	| { kind: 'abtest'; hours: number; relative: number; p: number; alpha: number }
	/** Thompson sampling's belief crossed 1 − α or α (or the horizon came first: `stopped` false). */
	| { kind: 'belief'; hours: number; belief: number; threshold: number; share: number; stopped: boolean }
	/** ε-greedy's greedy choice at the horizon. */
	| { kind: 'greedy'; epsilon: number; rateCandidate: number; rateCurrent: number };

export interface StrategyRun {
	id: StrategyId;
	/** Candidate's share of user traffic, hour by hour. */
	share: number[];
	/** Expected value lost (in conversions: see `Truth`) against an oracle that serves the better model in every hour, cumulative by hour. */
	regret: number[];
	/** The regret at the horizon (kept when the hourly trace is not). */
	totalRegret: number;
	decision: Decision;
	/** Hour at which the decision was made (hours from the start; the horizon when none was). */
	decidedAt: number;
	/** Why (the page words it). */
	why: Why;
	/** Requests served by the candidate over the run. */
	exposed: number;
	/** Expected failed requests caused by the candidate: its requests × its extra error rate. */
	extraFailures: number;
}

/** A guardrail's always-valid p-value hour by hour (1 until there is evidence), and the level it is compared with. */
export interface GuardrailTrace {
	id: GuardrailId;
	p: number[];
	threshold: number;
	/** The candidate minus the current model, hour by hour (stratified by hour; NaN before both have data). */
	difference: number[];
}

export interface Truth {
	/** Expected conversions per request of each model (failed requests convert nothing). */
	conversionsCurrent: number;
	conversionsCandidate: number;
	/**
	 * Expected value per request of each model, in conversions: conversions − u × (FAILURE_COST × failed +
	 * SLOW_COST × slow), u the current model's conversions per served request (src/lib/labs/rollout/worker/constants.ts).
	 */
	valueCurrent: number;
	valueCandidate: number;
	/** Share of requests slower than the current model's p99 latency: 1% for the current model by definition. */
	slowCurrent: number;
	slowCandidate: number;
	/** By the value per request: 'better' if the candidate's is higher, 'worse' if lower, 'same' if equal. The verdict and regret use this one definition. */
	verdict: 'better' | 'worse' | 'same';
	/** Hours the fixed-horizon A/B test needs for its sample size (may exceed the horizon). */
	abHours: number;
	/** Hours the canary takes to reach 100% if no guardrail fires. */
	canaryHours: number;
}

export interface OneRunResult {
	config: RolloutConfig;
	truth: Truth;
	strategies: StrategyRun[];
	/** Guardrails of the canary (errors, latency, metric) and of the shadow test (errors, latency). */
	canaryGuardrails: GuardrailTrace[];
	shadowGuardrails: GuardrailTrace[];
	/** Share of mirrored requests on which the candidate agreed with the current model, hour by hour of the shadow. */
	shadowAgreement: number[];
	/** The A/B test's p-value at its end (null if it did not reach its planned end). */
	abPValue: number | null;
	/** Thompson sampling's posterior probability that the candidate converts more, hour by hour. */
	thompsonBelief: number[];
}

export interface StrategyTally {
	id: StrategyId;
	runs: number;
	ships: number;
	rollbacks: number;
	/** Sum and sum of squares of regret, extra failures and exposure, for means and t-intervals. */
	regret: [number, number];
	extraFailures: [number, number];
	exposed: [number, number];
	/** Decision hours of runs that decided (for the median), capped list in order of runs. */
	decidedAt: number[];
}

/**
 * Strategies `a` and `b` (a before b in STRATEGIES) over the same runs: every strategy of run r sees the world seeded by
 * mixSeed(seed, r), so the runs are paired and are compared run by run. What the paired tests need, without per-run
 * arrays: the discordant runs of shipping (the wrong call — shipping a worse candidate, or not shipping a better one —
 * has the same discordant runs, swapped for a better candidate), the sum and sum of squares of the per-run regret
 * difference, and who decided first (a run that never decided is later than any decision; both undecided or the same
 * hour: a tie, not counted).
 */
export interface PairTally {
	a: StrategyId;
	b: StrategyId;
	runs: number;
	/** Runs where a ships and b does not, and where b ships and a does not. */
	shipsOnlyA: number;
	shipsOnlyB: number;
	/** Sum and sum of squares of regret(a) − regret(b) over the runs. */
	regretDiff: [number, number];
	/** Runs where a decided strictly before b, and b strictly before a. */
	aFirst: number;
	bFirst: number;
}

export interface ManyRunsConfig {
	config: RolloutConfig;
	runs: number;
}

export interface ManyRunsResult {
	config: RolloutConfig;
	truth: Truth;
	runs: number;
	tallies: StrategyTally[];
	/** Every pair of strategies (15), compared run by run. */
	pairs: PairTally[];
	runsPerSecond: number;
}

export interface ManyRunsProgress {
	done: number;
	total: number;
	/**
	 * The tally of the first `done` runs (in every report; its `runs` is `done`): the page may show its numbers,
	 * labelled as partial, and draws no conclusion from them — the sentence waits for the whole result.
	 */
	partial?: ManyRunsResult;
}
