/**
 * The rollout lab's six strategies on the same simulated hours (src/lib/labs/rollout/worker/world.ts: the same hourly
 * multipliers; each strategy draws its own requests from its own stream): big-bang, shadow then switch, canary with
 * guardrails, a fixed-horizon 50/50 A/B test, Thompson sampling and ε-greedy (src/lib/labs/rollout/worker/bandits.ts). Counts are
 * drawn per hour (binomial), so a run of a week at thousands of requests an hour costs a few thousand draws. The
 * hour-by-hour trace (the one-run view) draws from streams of its own, so a run decides the same with or without it.
 */
import { createRng, type Rng } from '$lib/data/rng';
import { normalSf } from '$lib/stats/distributions';
import { SequentialGuardrail, StratifiedDifference } from '$lib/stats/guardrail';
import { CANARY_STAGES, CURRENT_OFFLINE } from './constants';
import { abTestHours, makeWorld, serve, truthOf, validateRollout, type World } from './world';
import { Ledger } from './ledger';
import { epsilonGreedy, thompson } from './bandits';
import type { GuardrailId, GuardrailTrace, Why, OneRunResult, RolloutConfig } from '../types';

export { abTestHours, slowShare, truthOf, validateRollout, requestValue } from './world';
export { beliefCandidateBetter } from './bandits';

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
	// The agreement shown in the trace draws from its own stream: drawn from `rng`, it would change the requests
	// served after it, and so the shadow's decision, with the trace on.
	const agree = rng.fork('agreement');
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
			out.agreement.push((answered > 0 ? agree.binomial(answered, 1 - c.changed) : 0) / cand.n);
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
