/**
 * The offline vs online lab's facts for its lessons (lessons/types.ts): the numbers of one complete run that a lesson
 * asks about and explains with. The winners are picked as the scoreboard picks them (Scoreboard.svelte: the first
 * candidate with the largest click AUC, CTR lift, revenue lift), significance is the scoreboard's (p < α), and the
 * day-by-day and steady-state lifts are those of the chart of the lift over the days.
 */
import type { Facts } from '$lib/lessons/types';
import type { Lift, ModelId, ModelResult, OfflineOnlineConfig, OfflineOnlineResult } from './types';
import { MODEL_INFO } from './labels';
import { noveltyFadedBy } from './worker/population';

/** Fact-name prefixes of the four candidates. */
const PREFIX: Record<Exclude<ModelId, 'current'>, string> = {
	'click-naive': 'naive',
	'click-debiased': 'debiased',
	revenue: 'revenue',
	'revenue-miscal': 'miscal'
};

const best = <T>(xs: T[], f: (x: T) => number) => xs.reduce((a, b) => (f(b) > f(a) ? b : a));

function liftFacts(prefix: string, name: string, l: Lift, alpha: number): Record<string, number | boolean> {
	return { [`${prefix}${name}`]: l.lift, [`${prefix}${name}Lo`]: l.ci[0], [`${prefix}${name}Hi`]: l.ci[1], [`${prefix}${name}Sig`]: l.pValue < alpha };
}

export function offlineOnlineFacts(r: OfflineOnlineResult, c: OfflineOnlineConfig): Facts {
	const candidates = r.models.filter((m): m is ModelResult & { online: NonNullable<ModelResult['online']> } => m.online !== null);
	const offline = best(candidates, (m) => m.offline.clickAuc);
	const ctr = best(candidates, (m) => m.online.ctr.lift);
	const revenue = best(candidates, (m) => m.online.revenue.lift);
	const facts: Record<string, number | string | boolean> = {
		seed: c.seed,
		alpha: c.alpha,
		bias: c.positionBias,
		bait: c.clickbaitShare,
		novelty: c.novelty,
		days: c.days,
		/** First day (1-based) on which the novelty boost is below 5% (may be after the test's last day). */
		fadedFrom: noveltyFadedBy(c.novelty) + 1,
		offlineWinner: offline.id,
		offlineWinnerLabel: MODEL_INFO[offline.id].label,
		ctrWinner: ctr.id,
		revenueWinner: revenue.id,
		revenueWinnerLabel: MODEL_INFO[revenue.id].label,
		agree: offline.id === revenue.id,
		popBiasRaw: r.popularityBias.raw,
		popBiasIpw: r.popularityBias.ipw,
		slot1Ctr: r.logged.clicksBySlot[0] / Math.max(1, r.logged.impressionsBySlot[0]),
		slotLastCtr: r.logged.clicksBySlot.at(-1)! / Math.max(1, r.logged.impressionsBySlot.at(-1)!)
	};
	for (const m of candidates) {
		const p = PREFIX[m.id as keyof typeof PREFIX];
		facts[`${p}Auc`] = m.offline.clickAuc;
		facts[`${p}OwnAuc`] = m.offline.ownAuc ?? NaN;
		facts[`${p}Ece`] = m.offline.ece ?? NaN;
		facts[`${p}LogLoss`] = m.offline.logLoss ?? NaN;
		Object.assign(facts, liftFacts(p, 'Ctr', m.online.ctr, c.alpha), liftFacts(p, 'Rev', m.online.revenue, c.alpha));
	}
	// The lift over the days of the position-debiased click model (the chart's default model).
	const deb = candidates.find((m) => m.id === 'click-debiased')?.online;
	const day1 = deb?.daily[0];
	Object.assign(facts, {
		day1Ctr: day1?.ctr ?? NaN,
		day1CtrLo: day1?.ctrLo ?? NaN,
		day1CtrHi: day1?.ctrHi ?? NaN,
		steadyFrom: deb?.steady?.fromDay ?? NaN,
		...(deb?.steady ? liftFacts('steady', 'Ctr', deb.steady.ctr, c.alpha) : { steadyCtr: NaN, steadyCtrLo: NaN, steadyCtrHi: NaN, steadyCtrSig: false })
	});
	return facts;
}
