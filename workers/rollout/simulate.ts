/**
 * The rollout lab's simulated service: a current model and a candidate serve `traffic` requests an hour. A request
 * fails with the model's error rate (and converts nothing); otherwise it converts with the model's rate times the
 * hour's multiplier (shared by both models: time of day, campaigns) and is slow — above the current model's p99
 * latency — with the model's slow share (1% for the current model by definition; request latencies are log-normal
 * with log-sd `LATENCY_SIGMA`, the candidate's scaled by 1 + its latency regression).
 *
 * Six strategies bring the candidate to users on the same hours (the same hourly multipliers; each strategy draws
 * its own requests): big-bang, shadow then switch, canary with guardrails, a fixed-horizon 50/50 A/B test,
 * Thompson sampling and ε-greedy. Counts are drawn per hour (binomial), so a run of a week at thousands of requests
 * an hour costs a few thousand draws.
 */
import { createRng, type Rng } from '$lib/data/rng';
import { normalPpf, normalSf } from '$lib/stats/distributions';
import { probabilityVariantBeatsNormal, sampleSizes } from '$lib/stats/abtest';
import { SequentialGuardrail, StratifiedDifference } from '$lib/stats/guardrail';
import { AB_POWER, CANARY_STAGES, CURRENT_OFFLINE, LATENCY_SIGMA } from './constants';
import type { Decision, GuardrailId, GuardrailTrace, Why, OneRunResult, RolloutConfig, StrategyId, StrategyRun, Truth } from '../rollout.types';

export function validateRollout(c: RolloutConfig): void {
	const check = (ok: boolean, msg: string) => {
		if (!ok) throw new RangeError(msg);
	};
	check(c.baseRate > 0 && c.baseRate < 1, `The conversion rate must be between 0 and 1 (got ${c.baseRate}).`);
	check(c.lift > -1 && Number.isFinite(c.lift), `The lift must be above −100% (got ${c.lift}).`);
	check(c.baseRate * (1 + c.lift) < 1, `A lift of ${Math.round(c.lift * 100)}% on a ${c.baseRate * 100}% rate would exceed 100%: choose a smaller lift.`);
	check(c.errorRate >= 0 && c.errorRate + c.errorRegression <= 1 && c.errorRegression >= 0, 'Error rates must be between 0 and 100%.');
	check(c.latencyRegression >= 0 && Number.isFinite(c.latencyRegression), `The latency regression cannot be negative (got ${c.latencyRegression}).`);
	check(Number.isInteger(c.traffic) && c.traffic >= 10, `Traffic must be a whole number of at least 10 requests an hour (got ${c.traffic}).`);
	check(c.noise >= 0 && c.noise <= 2, `The hourly noise must be between 0 and 2 (got ${c.noise}).`);
	check(c.changed >= 0 && c.changed <= 1, `The share of changed answers must be between 0 and 1 (got ${c.changed}).`);
	check(Number.isInteger(c.hours) && c.hours >= 1, `The horizon must be a whole number of hours ≥ 1 (got ${c.hours}).`);
	check(Number.isInteger(c.hold) && c.hold >= 1, `Each canary stage must last a whole number of hours ≥ 1 (got ${c.hold}).`);
	check(Number.isInteger(c.shadowHours) && c.shadowHours >= 1, `The shadow period must be a whole number of hours ≥ 1 (got ${c.shadowHours}).`);
	check(c.alpha > 0 && c.alpha < 0.5, `α must be between 0 and 0.5 (got ${c.alpha}).`);
	check(c.mde > 0 && c.baseRate * (1 + c.mde) < 1, `The minimum detectable effect must be positive and keep the rate below 100% (got ${c.mde}).`);
	check(c.epsilon > 0 && c.epsilon <= 1, `ε must be in (0, 1] (got ${c.epsilon}).`);
}

interface World {
	c: RolloutConfig;
	rate: [number, number];
	err: [number, number];
	slow: [number, number];
	/** The hour's multiplier of the conversion rate. */
	mult: Float64Array;
	/** Expected conversions per request of each model in each hour, and the better of the two. */
	value0: Float64Array;
	value1: Float64Array;
	best: Float64Array;
}

/** Share of the candidate's requests slower than the current model's p99. */
export function slowShare(latencyRegression: number): number {
	return normalSf(normalPpf(0.99) - Math.log1p(latencyRegression) / LATENCY_SIGMA);
}

export function abTestHours(c: RolloutConfig): number {
	const value = (1 - c.errorRate) * c.baseRate;
	const { control, variant } = sampleSizes({ baselineRate: value, minDetectableEffect: c.mde, relative: true, alpha: c.alpha, power: AB_POWER });
	return Math.ceil((control + variant) / c.traffic);
}

export function truthOf(c: RolloutConfig): Truth {
	const valueCurrent = (1 - c.errorRate) * c.baseRate;
	const valueCandidate = (1 - c.errorRate - c.errorRegression) * c.baseRate * (1 + c.lift);
	const slowCandidate = slowShare(c.latencyRegression);
	const regression = c.errorRegression > 0 || c.latencyRegression > 0;
	const verdict = valueCandidate < valueCurrent || regression ? 'worse' : valueCandidate > valueCurrent ? 'better' : 'same';
	return {
		valueCurrent,
		valueCandidate,
		slowCurrent: 0.01,
		slowCandidate,
		verdict,
		abHours: abTestHours(c),
		canaryHours: CANARY_STAGES.length * c.hold
	};
}

function makeWorld(c: RolloutConfig, rng: Rng): World {
	const H = c.hours;
	const mult = new Float64Array(H);
	const hours = rng.fork('hours');
	// Mean-one log-normal multipliers: the rate is right on average.
	for (let h = 0; h < H; h++) mult[h] = Math.exp(c.noise * hours.normal() - (c.noise * c.noise) / 2);
	const rate: [number, number] = [c.baseRate, c.baseRate * (1 + c.lift)];
	const err: [number, number] = [c.errorRate, c.errorRate + c.errorRegression];
	const value0 = new Float64Array(H);
	const value1 = new Float64Array(H);
	const best = new Float64Array(H);
	for (let h = 0; h < H; h++) {
		value0[h] = (1 - err[0]) * Math.min(1, rate[0] * mult[h]);
		value1[h] = (1 - err[1]) * Math.min(1, rate[1] * mult[h]);
		best[h] = Math.max(value0[h], value1[h]);
	}
	return { c, rate, err, slow: [0.01, slowShare(c.latencyRegression)], mult, value0, value1, best };
}

/** One model's requests in one hour: failures, conversions (of all requests) and slow responses (of those served). */
interface Counts {
	n: number;
	failed: number;
	converted: number;
	slow: number;
}

function serve(w: World, rng: Rng, k: 0 | 1, n: number, h: number): Counts {
	const failed = n > 0 ? rng.binomial(n, w.err[k]) : 0;
	const ok = n - failed;
	const converted = ok > 0 ? rng.binomial(ok, Math.min(1, w.rate[k] * w.mult[h])) : 0;
	const slow = ok > 0 ? rng.binomial(ok, w.slow[k]) : 0;
	return { n, failed, converted, slow };
}

/** Conversions and requests of each model so far (what a bandit learns from). */
class Tally {
	c0 = 0;
	n0 = 0;
	c1 = 0;
	n1 = 0;
	add(cur: Counts, cand: Counts): void {
		this.c0 += cur.converted;
		this.n0 += cur.n;
		this.c1 += cand.converted;
		this.n1 += cand.n;
	}
}

/** What one strategy did, plus its running totals. */
class Ledger {
	share: number[] = [];
	regret: number[] = [];
	private total = 0;
	exposed = 0;
	extraFailures = 0;
	decision: Decision = 'none';
	decidedAt: number;
	why: Why = { kind: 'horizon', where: 'abtest', planned: 0, stage: 0 };

	constructor(
		private readonly w: World,
		readonly id: StrategyId,
		private readonly trace: boolean
	) {
		this.decidedAt = w.c.hours;
	}

	/** Record hour `h` with `n1` of the hour's requests on the candidate. */
	hour(h: number, n1: number): void {
		const n0 = this.w.c.traffic - n1;
		this.total += n1 * (this.w.best[h] - this.w.value1[h]) + n0 * (this.w.best[h] - this.w.value0[h]);
		this.exposed += n1;
		this.extraFailures += n1 * this.w.c.errorRegression;
		if (this.trace) {
			this.share.push(n1 / this.w.c.traffic);
			this.regret.push(this.total);
		}
	}

	/** Hour `h` with `n1` of its requests sent to the candidate at random, the rest to the current model: served and recorded. */
	split(rng: Rng, h: number, n1: number): { cur: Counts; cand: Counts } {
		const cur = serve(this.w, rng, 0, this.w.c.traffic - n1, h);
		const cand = serve(this.w, rng, 1, n1, h);
		this.hour(h, n1);
		return { cur, cand };
	}

	decide(decision: Decision, at: number, why: Why): void {
		this.decision = decision;
		this.decidedAt = at;
		this.why = why;
	}

	/** After a decision: all traffic on the chosen model for the remaining hours. */
	finish(from: number): void {
		const n1 = this.decision === 'ship' ? this.w.c.traffic : 0;
		for (let h = from; h < this.w.c.hours; h++) this.hour(h, n1);
	}

	get totalRegret(): number {
		return this.total;
	}

	result(): StrategyRun {
		return {
			id: this.id,
			share: this.share,
			regret: this.regret,
			totalRegret: this.total,
			decision: this.decision,
			decidedAt: this.decidedAt,
			why: this.why,
			exposed: this.exposed,
			extraFailures: this.extraFailures
		};
	}
}

function bigBang(w: World, trace: boolean): Ledger {
	const L = new Ledger(w, 'bigbang', trace);
	const score = w.c.offlineScore;
	L.decide(score > CURRENT_OFFLINE ? 'ship' : 'rollback', 0, { kind: 'offline', score, bar: CURRENT_OFFLINE });
	L.finish(0);
	return L;
}

interface Traced {
	guardrails: GuardrailTrace[];
}

function traceOf(g: SequentialGuardrail, id: GuardrailId): GuardrailTrace {
	return { id, p: [], threshold: g.level, difference: [] };
}

function fired(where: 'shadow' | 'canary', guardrail: GuardrailId, g: SequentialGuardrail, stage: number): Why {
	return { kind: 'guardrail', where, guardrail, stage, difference: g.difference.estimate, p: g.p, level: g.level };
}

function pushTrace(t: GuardrailTrace, g: SequentialGuardrail): void {
	t.p.push(g.p);
	t.difference.push(g.difference.estimate);
}

function shadow(w: World, rng: Rng, trace: boolean, out: Traced & { agreement: number[] }): Ledger {
	const L = new Ledger(w, 'shadow', trace);
	const { c } = w;
	const errors = new SequentialGuardrail(1, c.alpha / 2);
	const latency = new SequentialGuardrail(1, c.alpha / 2);
	const tE = traceOf(errors, 'errors');
	const tL = traceOf(latency, 'latency');
	const end = Math.min(c.shadowHours, c.hours);
	for (let h = 0; h < end; h++) {
		// Users are served by the current model; the candidate answers a mirrored copy of every request.
		const cur = serve(w, rng, 0, c.traffic, h);
		const cand = serve(w, rng, 1, c.traffic, h);
		L.hour(h, 0);
		const fe = errors.look(cur.failed, cur.n, cand.failed, cand.n);
		const fl = latency.look(cur.slow, cur.n - cur.failed, cand.slow, cand.n - cand.failed);
		if (trace) {
			pushTrace(tE, errors);
			pushTrace(tL, latency);
			const answered = cand.n - cand.failed;
			out.agreement.push((answered > 0 ? rng.binomial(answered, 1 - c.changed) : 0) / cand.n);
		}
		if (fe || fl) {
			L.decide('rollback', h + 1, fe ? fired('shadow', 'errors', errors, 0) : fired('shadow', 'latency', latency, 0));
			L.finish(h + 1);
			out.guardrails = [tE, tL];
			return L;
		}
	}
	out.guardrails = [tE, tL];
	if (end < c.shadowHours) {
		L.decide('none', c.hours, { kind: 'horizon', where: 'shadow', planned: c.shadowHours, stage: 0 });
		return L;
	}
	L.decide(c.offlineScore > CURRENT_OFFLINE ? 'ship' : 'rollback', end, { kind: 'shadow-passed', hours: end, score: c.offlineScore, bar: CURRENT_OFFLINE });
	L.finish(end);
	return L;
}

function canary(w: World, rng: Rng, trace: boolean, out: Traced): Ledger {
	const L = new Ledger(w, 'canary', trace);
	const { c } = w;
	const guards: Array<[SequentialGuardrail, GuardrailTrace]> = [];
	const add = (harmful: 1 | -1, id: GuardrailId) => {
		const g = new SequentialGuardrail(harmful, c.alpha / 3);
		guards.push([g, traceOf(g, id)]);
	};
	add(1, 'errors');
	add(1, 'latency');
	add(-1, 'metric');
	const end = Math.min(CANARY_STAGES.length * c.hold, c.hours);
	for (let h = 0; h < end; h++) {
		const x = CANARY_STAGES[Math.floor(h / c.hold)];
		const n1 = rng.binomial(c.traffic, x);
		const { cur, cand } = L.split(rng, h, n1);
		const [ge, gl, gm] = guards.map(([g]) => g);
		ge.look(cur.failed, cur.n, cand.failed, cand.n);
		gl.look(cur.slow, cur.n - cur.failed, cand.slow, cand.n - cand.failed);
		gm.look(cur.converted, cur.n, cand.converted, cand.n);
		if (trace) for (const [g, t] of guards) pushTrace(t, g);
		const alarm = guards.find(([g]) => g.fired);
		if (alarm) {
			const [g, t] = alarm;
			L.decide('rollback', h + 1, fired('canary', t.id, g, x));
			L.finish(h + 1);
			out.guardrails = guards.map(([, t]) => t);
			return L;
		}
	}
	out.guardrails = guards.map(([, t]) => t);
	if (end < CANARY_STAGES.length * c.hold) {
		L.decide('none', c.hours, {
			kind: 'horizon',
			where: 'canary',
			planned: CANARY_STAGES.length * c.hold,
			stage: CANARY_STAGES[Math.floor((end - 1) / c.hold)]
		});
		return L;
	}
	L.decide('ship', end, { kind: 'canary-passed', hours: end });
	L.finish(end);
	return L;
}

function abTest(w: World, rng: Rng, trace: boolean, out: { p: number | null }): Ledger {
	const L = new Ledger(w, 'abtest', trace);
	const { c } = w;
	const planned = abTestHours(c);
	const end = Math.min(planned, c.hours);
	const diff = new StratifiedDifference();
	for (let h = 0; h < end; h++) {
		const n1 = rng.binomial(c.traffic, 0.5);
		const { cur, cand } = L.split(rng, h, n1);
		diff.add(cur.converted, cur.n, cand.converted, cand.n);
	}
	if (planned > c.hours) {
		L.decide('none', c.hours, { kind: 'horizon', where: 'abtest', planned, stage: 0.5 });
		out.p = null;
		return L;
	}
	const v = diff.variance;
	const p = v > 0 ? Math.min(1, 2 * normalSf(Math.abs(diff.estimate) / Math.sqrt(v))) : 1;
	out.p = p;
	const why: Why = { kind: 'abtest', hours: end, relative: diff.estimate / ((1 - c.errorRate) * c.baseRate), p, alpha: c.alpha };
	L.decide(p < c.alpha && diff.estimate > 0 ? 'ship' : 'rollback', end, why);
	L.finish(end);
	return L;
}

/** P(candidate's rate > current's) under Beta(1 + conversions, 1 + non-conversions) posteriors (normal approximation). */
export const beliefCandidateBetter = probabilityVariantBeatsNormal;

function thompson(w: World, rng: Rng, trace: boolean, belief: number[]): Ledger {
	const L = new Ledger(w, 'thompson', trace);
	const { c } = w;
	const seen = new Tally();
	let P = 0.5;
	for (let h = 0; h < c.hours; h++) {
		// Batched Thompson sampling: each request would draw both rates from the posteriors and take the higher, so the
		// candidate gets each request with probability P(candidate better).
		const m = rng.binomial(c.traffic, P);
		const { cur, cand } = L.split(rng, h, m);
		seen.add(cur, cand);
		P = beliefCandidateBetter(seen.c0, seen.n0, seen.c1, seen.n1);
		if (trace) belief.push(P);
		if (P >= 1 - c.alpha || P <= c.alpha) {
			const ship = P >= 1 - c.alpha;
			const why: Why = {
				kind: 'belief',
				hours: h + 1,
				belief: P,
				threshold: ship ? 1 - c.alpha : c.alpha,
				share: seen.n1 / (seen.n0 + seen.n1),
				stopped: true
			};
			L.decide(ship ? 'ship' : 'rollback', h + 1, why);
			L.finish(h + 1);
			return L;
		}
	}
	L.decide('none', c.hours, { kind: 'belief', hours: c.hours, belief: P, threshold: 1 - c.alpha, share: seen.n1 / (seen.n0 + seen.n1), stopped: false });
	return L;
}

function epsilonGreedy(w: World, rng: Rng, trace: boolean): Ledger {
	const L = new Ledger(w, 'egreedy', trace);
	const { c } = w;
	const seen = new Tally();
	let greedy = 0;
	for (let h = 0; h < c.hours; h++) {
		// The greedy model gets 1 − ε/2 of the requests; the other ε/2 (a random pick among the two).
		const x = greedy === 1 ? 1 - c.epsilon / 2 : c.epsilon / 2;
		const m = rng.binomial(c.traffic, x);
		const { cur, cand } = L.split(rng, h, m);
		seen.add(cur, cand);
		greedy = seen.n1 > 0 && seen.n0 > 0 && seen.c1 / seen.n1 > seen.c0 / seen.n0 ? 1 : 0;
	}
	L.decide(greedy ? 'ship' : 'rollback', c.hours, {
		kind: 'greedy',
		epsilon: c.epsilon,
		rateCandidate: seen.n1 > 0 ? seen.c1 / seen.n1 : 0,
		rateCurrent: seen.n0 > 0 ? seen.c0 / seen.n0 : 0
	});
	return L;
}

export interface RunOptions {
	/** Keep hour-by-hour traces (the one-run view); off for many runs. */
	trace: boolean;
}

/** Every strategy on the same hours of the world seeded by `seed`. */
export function simulateRollout(c: RolloutConfig, seed: number, options: RunOptions = { trace: true }): OneRunResult {
	validateRollout(c);
	const rng = createRng(seed);
	const w = makeWorld(c, rng);
	const { trace } = options;
	const sh = { guardrails: [] as GuardrailTrace[], agreement: [] as number[] };
	const ca = { guardrails: [] as GuardrailTrace[] };
	const ab = { p: null as number | null };
	const belief: number[] = [];
	const ledgers = [
		bigBang(w, trace),
		shadow(w, rng.fork('shadow'), trace, sh),
		canary(w, rng.fork('canary'), trace, ca),
		abTest(w, rng.fork('abtest'), trace, ab),
		thompson(w, rng.fork('thompson'), trace, belief),
		epsilonGreedy(w, rng.fork('egreedy'), trace)
	];
	return {
		config: c,
		truth: truthOf(c),
		strategies: ledgers.map((l) => l.result()),
		canaryGuardrails: ca.guardrails,
		shadowGuardrails: sh.guardrails,
		shadowAgreement: sh.agreement,
		abPValue: ab.p,
		thompsonBelief: belief
	};
}
