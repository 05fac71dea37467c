/** The simulated online A/B test of a candidate against the current model, analysed per session. */
import { createRng } from '$lib/data/rng';
import { noveltyFactor, noveltyFadedBy, showList, type Population } from '$lib/labs/offline-online/worker/population';
import { relativeLiftInterval, welchTTest } from '$lib/stats/mean-tests';
import { normalSf } from '$lib/stats/distributions';
import { type Ticket, checkpoint } from '../../../engine/run-control';
import type { Lift, OfflineOnlineConfig, OnlineResult } from '../types';
import { pickPool } from './logging-policy';
import type { Scorer } from './models';

/**
 * Per-session sums of one arm. Sessions are the unit of randomisation, so every metric is analysed per session:
 * a session's CTR is its clicks ÷ the slots shown, its purchase indicator, its revenue. Treating impressions as
 * independent would understate the variance of CTR, since the clicks within one session share a user.
 */
interface Acc {
	sessions: number;
	impressions: number;
	ctr: number;
	ctrSq: number;
	convSessions: number;
	revenue: number;
	revenueSq: number;
}

const empty = (): Acc => ({ sessions: 0, impressions: 0, ctr: 0, ctrSq: 0, convSessions: 0, revenue: 0, revenueSq: 0 });

function add(into: Acc, from: Acc): Acc {
	return {
		sessions: into.sessions + from.sessions,
		impressions: into.impressions + from.impressions,
		ctr: into.ctr + from.ctr,
		ctrSq: into.ctrSq + from.ctrSq,
		convSessions: into.convSessions + from.convSessions,
		revenue: into.revenue + from.revenue,
		revenueSq: into.revenueSq + from.revenueSq
	};
}

/**
 * Relative lift of a per-session mean: Welch's test on the session values for the p-value, and the delta-method
 * interval of the ratio of means (relativeLiftInterval) for the lift.
 */
function sessionLift(n: [number, number], sum: [number, number], sumSq: [number, number], alpha: number): Lift {
	const mean = (k: 0 | 1) => sum[k] / n[k];
	const variance = (k: 0 | 1) => Math.max(0, (sumSq[k] - n[k] * mean(k) ** 2) / (n[k] - 1));
	const [mA, mB] = [mean(0), mean(1)];
	const [vA, vB] = [variance(0) / n[0], variance(1) / n[1]];
	let pValue = 1;
	if (vA + vB > 0) {
		try {
			pValue = welchTTest({ mean: mA, sd: Math.sqrt(variance(0)), n: n[0] }, { mean: mB, sd: Math.sqrt(variance(1)), n: n[1] }, { alpha }).pValue;
		} catch {
			pValue = Math.min(1, 2 * normalSf(Math.abs(mB - mA) / Math.sqrt(vA + vB)));
		}
	}
	const r = relativeLiftInterval(mA, vA, mB, vB, alpha);
	return { control: mA, treatment: mB, lift: r ? r.lift : NaN, ci: r ? r.ci : [NaN, NaN], pValue };
}

function lifts(a: Acc, b: Acc, alpha: number): { ctr: Lift; conversion: Lift; revenue: Lift } {
	const n: [number, number] = [a.sessions, b.sessions];
	return {
		ctr: sessionLift(n, [a.ctr, b.ctr], [a.ctrSq, b.ctrSq], alpha),
		conversion: sessionLift(n, [a.convSessions, b.convSessions], [a.convSessions, b.convSessions], alpha),
		revenue: sessionLift(n, [a.revenue, b.revenue], [a.revenueSq, b.revenueSq], alpha)
	};
}

/** A/B test of `candidate` against `control`, with the same users, pools and random draws for every candidate. */
/** `onDay`: share (0…1) of the test's days simulated. */
export async function onlineTest(
	p: Population,
	c: OfflineOnlineConfig,
	control: Scorer,
	candidate: Scorer,
	ticket: Ticket,
	onDay?: (fraction: number) => void
): Promise<OnlineResult> {
	const arms = [empty(), empty()];
	// Sessions from the day the novelty boost has faded below 5% (or the second half of the test, if later).
	const fromDay = Math.min(c.days - 1, Math.max(noveltyFadedBy(c.novelty), Math.floor(c.days / 2)));
	const steady = [empty(), empty()];
	const daily: OnlineResult['daily'] = [];
	for (let day = 0; day < c.days; day++) {
		const today = [empty(), empty()];
		const rng = createRng(c.seed).fork(`online-day-${day}`);
		for (let v = 0; v < c.usersPerDay; v++) {
			const user = rng.int(p.nUsers);
			const arm = rng.next() < 0.5 ? 0 : 1;
			const pool = pickPool(p.nItems, c.pool, rng);
			const model = arm ? candidate : control;
			const ranked = pool
				.map((i) => ({ i, s: model.score(user, i) }))
				.sort((a, b) => b.s - a.s)
				.slice(0, c.slots)
				.map((x) => x.i);
			const shown = showList(p, user, ranked, rng, arm ? noveltyFactor(c.novelty, day) : 1);
			const acc = today[arm];
			const revenue = shown.reduce((s, im) => s + (im.conversion ? p.value[im.item] : 0), 0);
			const ctr = shown.reduce((s, im) => s + im.click, 0) / shown.length;
			acc.sessions++;
			acc.impressions += shown.length;
			acc.ctr += ctr;
			acc.ctrSq += ctr * ctr;
			acc.convSessions += shown.some((im) => im.conversion) ? 1 : 0;
			acc.revenue += revenue;
			acc.revenueSq += revenue * revenue;
		}
		for (const k of [0, 1]) {
			arms[k] = add(arms[k], today[k]);
			if (day >= fromDay) steady[k] = add(steady[k], today[k]);
		}
		if (arms[0].sessions > 1 && arms[1].sessions > 1) {
			const l = lifts(arms[0], arms[1], c.alpha);
			daily.push({
				day: day + 1,
				ctr: l.ctr.lift,
				ctrLo: l.ctr.ci[0],
				ctrHi: l.ctr.ci[1],
				revenue: l.revenue.lift,
				revenueLo: l.revenue.ci[0],
				revenueHi: l.revenue.ci[1]
			});
		}
		onDay?.((day + 1) / c.days);
		await checkpoint(ticket);
	}
	const ok = (x: Acc[]) => x[0].sessions > 1 && x[1].sessions > 1;
	return {
		...lifts(arms[0], arms[1], c.alpha),
		steady: ok(steady) ? { fromDay: fromDay + 1, ...lifts(steady[0], steady[1], c.alpha) } : null,
		daily,
		sessions: arms[0].sessions + arms[1].sessions
	};
}
