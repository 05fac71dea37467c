/**
 * The rollout lab's bandits: batched Thompson sampling, which stops when its belief that the candidate converts more
 * passes 1 − α or falls below α, and ε-greedy, which never stops.
 */
import type { Rng } from '$lib/data/rng';
import { normalCdf } from '$lib/stats/distributions';
import { StratifiedDifference } from '$lib/stats/guardrail';
import { Ledger, Tally } from './ledger';
import type { World } from './world';
import type { Why } from '../types';

/**
 * P(the candidate converts more) from conversions compared within each hour: Φ(d / se), d the Mantel–Haenszel
 * difference of the hours' conversion rates (candidate minus current) and se its standard error — the normal
 * approximation of the posterior of that difference under a flat prior. Comparing the two models within each hour
 * removes the hour's effect both share (time of day, campaigns): pooling the hours would let it in twice, as extra
 * variance the pooled binomial ignores and as bias when the candidate's share changes from hour to hour.
 */
export function beliefCandidateBetter(d: StratifiedDifference): number {
	const v = d.variance;
	return v > 0 ? normalCdf(d.estimate / Math.sqrt(v)) : 0.5;
}

/**
 * Thompson sampling with its stopping rule. `fixedShare` (for the tests): the same stopping rule on a fixed split
 * instead of the bandit's allocation, to tell what the rule does from what the allocation does.
 */
export function thompson(w: World, rng: Rng, trace: boolean, belief: number[], fixedShare?: number): Ledger {
	const L = new Ledger(w, 'thompson', trace);
	const { c } = w;
	const diff = new StratifiedDifference();
	let n0 = 0;
	let n1 = 0;
	let P = 0.5;
	for (let h = 0; h < c.hours; h++) {
		// Batched Thompson sampling: each request would draw the difference from its posterior and take the model it
		// favours, so the candidate gets each request with probability P(candidate better).
		const m = rng.binomial(c.traffic, fixedShare ?? P);
		const { cur, cand } = L.split(rng, h, m);
		diff.add(cur.converted, cur.n, cand.converted, cand.n);
		n0 += cur.n;
		n1 += cand.n;
		P = beliefCandidateBetter(diff);
		if (trace) belief.push(P);
		if (P >= 1 - c.alpha || P <= c.alpha) {
			const ship = P >= 1 - c.alpha;
			const why: Why = { kind: 'belief', hours: h + 1, belief: P, threshold: ship ? 1 - c.alpha : c.alpha, share: n1 / (n0 + n1), stopped: true };
			L.decide(ship ? 'ship' : 'rollback', h + 1, why);
			L.finish(h + 1);
			return L;
		}
	}
	L.decide('none', c.hours, { kind: 'belief', hours: c.hours, belief: P, threshold: 1 - c.alpha, share: n1 / (n0 + n1), stopped: false });
	return L;
}

export function epsilonGreedy(w: World, rng: Rng, trace: boolean): Ledger {
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
