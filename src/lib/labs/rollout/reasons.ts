/** The rollout lab's words: why each strategy decided as it did, and the guardrails' names. */
import { fmtHours } from '$lib/format';
import { AB_POWER, FAILURE_COST, SLOW_COST } from '$lib/labs/rollout/worker/constants';
import type { GuardrailId, RolloutConfig, Truth, Why } from '$lib/labs/rollout/types';
import { GUARDRAIL_CATCHES, measuredText } from './measured';

export const GUARDRAIL_LABELS: Record<GuardrailId, string> = {
	errors: 'Failed requests',
	latency: 'Requests slower than the current p99',
	metric: 'Conversions per request'
};

const WORSE: Record<GuardrailId, string> = {
	errors: 'fails more requests',
	latency: 'is slower (more requests above the current p99)',
	metric: 'converts less'
};

const pct = (v: number, digits = 1) => `${v < 0 ? '−' : ''}${Math.abs(v * 100).toFixed(digits)}%`;
const signed = (v: number, digits = 1) => `${v >= 0 ? '+' : ''}${pct(v, digits)}`;
/** A difference of two rates in percentage points. */
const points = (d: number) => `${d < 0 ? '−' : '+'}${Math.abs(d * 100).toFixed(2)} percentage points`;
const fmtP = (p: number) => (p < 0.001 ? p.toExponential(1) : String(Number(p.toPrecision(2))));
const hours = fmtHours;

/** The conversions guardrail's measured catch rate of a 10% drop (the canary-passed reason quotes it). */
const CONVERSIONS_10 = measuredText(GUARDRAIL_CATCHES.find((g) => g.regression === 'conversions −10%')!.canary);

/** The value per request, in words (the page states it where it uses it). */
export const VALUE_RULE = `value per request = its conversions − ${FAILURE_COST} × u per failed request − ${SLOW_COST} × u per slow request (slower than today's p99), u being the current model's conversions per served request`;

/** Why the candidate is better or worse, by the value per request (one definition for the verdict and for regret). */
export function verdictText(t: Truth, c: RolloutConfig): string {
	if (t.verdict === 'same') return 'neither better nor worse: the same value per request';
	const conv = t.conversionsCandidate / t.conversionsCurrent - 1;
	const costs = [c.errorRegression > 0 ? 'more failed requests' : '', t.slowCandidate > t.slowCurrent ? 'more slow requests' : ''].filter(Boolean);
	const convText = `${signed(conv)} conversions`;
	if (t.verdict === 'better') {
		if (!costs.length) return 'better: more conversions, no regression';
		return `better: its ${convText} outweigh ${list(costs)}`;
	}
	if (Math.abs(conv) < 1e-12) return `worse: ${list(costs)}, the same conversions`;
	if (conv < 0) return `worse: ${['fewer conversions', ...costs].join(', ')}`;
	return `worse: ${list(costs)} outweigh its ${convText}`;
}

const list = (xs: string[]) => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

export function whyText(why: Why, c: RolloutConfig): string {
	switch (why.kind) {
		case 'offline':
			return why.score > why.bar
				? `Switched everyone at once: its offline AUC ${why.score} beats the current ${why.bar}. Nothing measured on live traffic.`
				: `Not deployed: its offline AUC ${why.score} does not beat the current ${why.bar}.`;
		case 'guardrail': {
			const evidence = `${points(why.difference)}, always-valid p = ${fmtP(why.p)} ≤ ${fmtP(why.level)}`;
			return why.where === 'shadow'
				? `Rejected before any user saw it: on mirrored traffic the candidate ${WORSE[why.guardrail]} (${evidence}).`
				: `Rolled back at the ${pct(why.stage, 0)} stage: the candidate ${WORSE[why.guardrail]} (${evidence}).`;
		}
		case 'shadow-passed':
			return why.score > why.bar
				? `No failure or latency regression found in ${hours(why.hours)} of mirrored traffic, so it was switched on its offline AUC (${why.score} > ${why.bar}). Its effect on conversions could not be measured: users never saw its answers.`
				: `Healthy on mirrored traffic, but not switched: its offline AUC ${why.score} does not beat ${why.bar}.`;
		case 'canary-passed':
			return `Reached 100% after ${hours(why.hours)}: no guardrail fired at 1%, 5%, 25% and 50%. Passing is no evidence that it is better: the guardrails look only for harm, and at the default settings the conversions guardrail rolls back ${CONVERSIONS_10} of candidates 10% worse.`;
		case 'horizon':
			if (why.where === 'shadow') return `Still shadowing when the horizon ended (${hours(why.planned)} planned).`;
			if (why.where === 'canary') return `Still at the ${pct(why.stage, 0)} stage when the horizon ended (${hours(why.planned)} planned).`;
			return `Needs ${hours(why.planned)} for its sample size (a ${pct(c.mde, 0)} effect with power ${AB_POWER * 100}%); the horizon ended first.`;
		case 'abtest': {
			const d = `conversions per request ${signed(why.relative)} relative, p = ${fmtP(why.p)}`;
			if (why.p < why.alpha)
				return why.relative > 0
					? `After ${hours(why.hours)} at 50/50 the candidate converts more (${d} < ${why.alpha}).`
					: `After ${hours(why.hours)} at 50/50 the candidate converts less (${d}).`;
			return `After ${hours(why.hours)} at 50/50 the difference is not distinguishable from zero (${d} ≥ ${why.alpha}): the current model stays.`;
		}
		case 'belief': {
			const b = `P(candidate converts more, compared within each hour) = ${pct(why.belief, 1)}`;
			if (!why.stopped) return `Undecided at the horizon: ${b}.`;
			const ship = why.belief >= why.threshold;
			return `${ship ? 'Shipped' : 'Dropped'} after ${hours(why.hours)}: ${b} ${ship ? '≥' : '≤'} ${pct(why.threshold, 1)}, with ${pct(why.share, 0)} of the traffic on the candidate so far.`;
		}
		case 'greedy':
			return `Never stops exploring (${pct(why.epsilon / 2, 1)} of the traffic on the other model); at the horizon its greedy choice is the ${why.rateCandidate > why.rateCurrent ? 'candidate' : 'current model'} (${pct(why.rateCandidate, 2)} vs ${pct(why.rateCurrent, 2)} converted).`;
	}
}
