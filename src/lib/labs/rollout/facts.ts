/**
 * The rollout lab's facts for its lessons (lessons/types.ts): the numbers of a complete run — the one seeded rollout
 * and the many-runs tally of the current settings — read with the functions the page words them with (the many-runs
 * table's rows with their 95% intervals, the trade-off sentence's paired verdicts on the best strategy).
 */
import type { Facts } from '$lib/lessons/types';
import { STRATEGIES, type ManyRunsResult, type OneRunResult } from './types';
import { leaders, rowOf } from './summary';

export interface RolloutRun {
	one: OneRunResult;
	many: ManyRunsResult;
}

export function rolloutFacts({ one, many }: RolloutRun): Facts {
	const out: Record<string, number | string | boolean> = {
		seed: one.config.seed,
		hours: one.config.hours,
		verdict: one.truth.verdict,
		abHours: one.truth.abHours,
		canaryHours: one.truth.canaryHours,
		runs: many.runs,
		alpha: many.config.alpha
	};
	for (const s of one.strategies) {
		out[`${s.id}Decision`] = s.decision;
		out[`${s.id}At`] = s.decidedAt;
		out[`${s.id}Failures`] = s.extraFailures;
		out[`${s.id}Exposed`] = s.exposed;
		out[`${s.id}Why`] = s.why.kind;
		out[`${s.id}Guardrail`] = s.why.kind === 'guardrail' ? s.why.guardrail : 'none';
		out[`${s.id}Stage`] = s.why.kind === 'guardrail' || s.why.kind === 'horizon' ? s.why.stage : -1;
	}
	for (const t of many.tallies) {
		const r = rowOf(t, many.truth);
		const k = `m${t.id[0].toUpperCase()}${t.id.slice(1)}`;
		out[`${k}Ships`] = r.ships.value;
		out[`${k}ShipsLo`] = r.ships.lo;
		out[`${k}ShipsHi`] = r.ships.hi;
		out[`${k}Wrong`] = r.wrong?.value ?? -1;
		out[`${k}Regret`] = r.regret.mean;
		out[`${k}Failures`] = r.extraFailures.mean;
		out[`${k}FailuresLo`] = r.extraFailures.lo;
		out[`${k}FailuresHi`] = r.extraFailures.hi;
	}
	const l = leaders(many);
	out.fewestWrong = l.wrong ? l.wrong.ids.join('+') : 'none';
	out.fewestWrongNext = l.wrong?.next ?? 'none';
	out.fewestWrongClear = l.wrong?.clear ?? false;
	out.leastRegret = l.regret ? l.regret.ids.join('+') : 'none';
	out.leastRegretNext = l.regret?.next ?? 'none';
	out.leastRegretClear = l.regret?.clear ?? false;
	if (STRATEGIES.some((id) => !(`${id}Decision` in out))) throw new Error('A strategy is missing from the run.');
	return out;
}
