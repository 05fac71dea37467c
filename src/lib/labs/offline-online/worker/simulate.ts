/**
 * The offline vs online simulation: the current model's logs, five candidate models trained on them with TF.js,
 * offline metrics on held-out logs, and a simulated A/B test of each candidate against the current model.
 */
import { createRng } from '$lib/data/rng';
import { makePopulation } from '$lib/labs/offline-online/worker/population';
import type { Ticket } from '../../../engine/run-control';
import type { ModelId, ModelResult, OfflineOnlineConfig, OfflineOnlinePartial, OfflineOnlineResult, OfflineOnlineStage, PartialModelResult } from '../types';
import type { Impression } from './population';
import { itemLogStats, popularityBias } from './item-stats';
import { logSessions } from './logging-policy';
import { EPOCHS, buildModels } from './models';
import { offlineMetrics } from './offline-metrics';
import { onlineTest } from './online-test';

export function validateConfig(c: OfflineOnlineConfig): void {
	if (!Number.isInteger(c.slots) || c.slots < 2 || c.slots > 20) throw new RangeError(`Slots per page must be between 2 and 20 (got ${c.slots}).`);
	if (!Number.isInteger(c.pool) || c.pool < c.slots || c.pool > c.items)
		throw new RangeError(`Each session ranks between ${c.slots} (the slots) and ${c.items} (all items) candidates (got ${c.pool}).`);
	if (!Number.isInteger(c.logSessions) || c.logSessions < 200) throw new RangeError(`Log at least 200 sessions (got ${c.logSessions}).`);
	if (!Number.isInteger(c.days) || c.days < 1) throw new RangeError(`The online test needs at least one day (got ${c.days}).`);
	if (!Number.isInteger(c.usersPerDay) || c.usersPerDay < 20) throw new RangeError(`At least 20 users a day (got ${c.usersPerDay}).`);
	if (!(c.novelty >= 0 && c.novelty <= 3)) throw new RangeError(`Novelty must be in [0, 3] (got ${c.novelty}).`);
}

/**
 * Relative cost of the six steps (logging, training, four online tests), for a share done that tracks time: each
 * session logged or served ranks `pool` items; training makes 3 × EPOCHS passes over the logged impressions, each row
 * far cheaper than a ranked item (batched TF.js). At the largest settings the online tests are ~99% of the work.
 */
export function stageWeights(c: OfflineOnlineConfig): number[] {
	const log = c.logSessions * c.pool;
	const train = 3 * EPOCHS * 0.7 * c.logSessions * c.slots * 0.05;
	const online = c.days * c.usersPerDay * c.pool;
	return [log, train, online, online, online, online];
}

/** Share of the work done when `done` steps (fractional) of `weights` are finished. */
export function weightedFraction(done: number, weights: number[]): number {
	const total = weights.reduce((a, b) => a + b, 0);
	let sum = 0;
	for (let i = 0; i < weights.length; i++) {
		if (done >= i + 1) sum += weights[i];
		else if (done > i) sum += (done - i) * weights[i];
	}
	return total > 0 ? Math.min(1, sum / total) : 0;
}

/** Impressions, clicks and purchases in the logs, in total and by slot (one pass). */
export function loggedCounts(sessions: Impression[][], slots: number): OfflineOnlineResult['logged'] {
	const clicksBySlot = new Array<number>(slots).fill(0);
	const impressionsBySlot = new Array<number>(slots).fill(0);
	let impressions = 0;
	let clicks = 0;
	let purchases = 0;
	for (const s of sessions)
		for (const r of s) {
			impressions++;
			clicks += r.click;
			purchases += r.conversion;
			if (r.slot < slots) {
				clicksBySlot[r.slot] += r.click;
				impressionsBySlot[r.slot]++;
			}
		}
	return { impressions, clicks, purchases, clicksBySlot, impressionsBySlot };
}

/** What the run has found so far, without the backend (the API adds it). */
export type SimulatePartial = Omit<OfflineOnlinePartial, 'backend'>;

/**
 * The whole pipeline. `progress` gets, from the end of training on, the results so far: every model's offline
 * metrics (computed before the A/B tests; they draw nothing at random, so the order changes no number) and each
 * candidate's online result as its test finishes. Each partial is a new object, never changed after it is sent.
 */
export async function simulate(
	c: OfflineOnlineConfig,
	ticket: Ticket,
	progress: (stage: OfflineOnlineStage, done: number, total: number, partial?: SimulatePartial) => void
): Promise<Omit<OfflineOnlineResult, 'backend'>> {
	validateConfig(c);
	const rng = createRng(c.seed);
	const p = makePopulation({ users: c.users, items: c.items, clickbaitShare: c.clickbaitShare, positionBias: c.positionBias }, rng.fork('population'));
	const ids: ModelId[] = ['current', 'click-naive', 'click-debiased', 'revenue', 'revenue-miscal'];
	const total = 2 + ids.length - 1;
	progress({ kind: 'logging' }, 0, total);
	const sessions = logSessions(p, c, rng.fork('logs'));
	const cut = Math.round(sessions.length * 0.7);
	const train = sessions.slice(0, cut);
	const test = sessions.slice(cut);
	progress({ kind: 'training' }, 1, total);
	const stats = itemLogStats(p, train);
	const scorers = await buildModels(p, c, train, stats, ticket, (f) => progress({ kind: 'training' }, 1 + f, total));
	const popularity = popularityBias(stats);
	const logged = loggedCounts(sessions, c.slots);
	const testRows = test.flat();
	// The current model is the control (online null); a candidate has no `online` until its test is done.
	let results: PartialModelResult[] = ids.map((id) => ({
		id,
		offline: offlineMetrics(id, scorers[id], test, testRows),
		...(id === 'current' ? { online: null } : {})
	}));
	let partial: SimulatePartial = { models: results, popularityBias: popularity, logged };
	for (const [k, id] of ids.entries()) {
		if (id === 'current') continue;
		progress({ kind: 'ab-test', model: id }, 1 + k, total, partial);
		const onDay = (f: number) => progress({ kind: 'ab-test', model: id }, 1 + k + f, total, partial);
		const online = await onlineTest(p, c, scorers.current, scorers[id], ticket, onDay);
		results = results.map((m) => (m.id === id ? { ...m, online } : m));
		partial = { models: results, popularityBias: popularity, logged };
	}
	progress({ kind: 'done' }, total, total, partial);
	return { models: results as ModelResult[], popularityBias: popularity, logged };
}
