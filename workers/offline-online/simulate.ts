/**
 * The offline vs online simulation: the current model's logs, five candidate models trained on them with TF.js,
 * offline metrics on held-out logs, and a simulated A/B test of each candidate against the current model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, type Rng } from '../../src/lib/data/rng';
import { DIM, makePopulation, noveltyFactor, showList, type Impression, type Population } from '../../src/lib/data/population';
import { calibrationBins, expectedCalibrationError, logLoss, rocAuc } from '../../src/lib/metrics/classification';
import { twoProportionZTest, welchTTest } from '../../src/lib/stats/abtest';
import { focalLoss } from '../../src/lib/ml/losses';
import { Mlp } from '../lib/mlp';
import { type Ticket, checkpoint } from '../lib/run-control';
import { disposeDevice, toDevice, trainEpoch } from '../lib/train';
import type { Lift, ModelId, ModelResult, OfflineMetrics, OfflineOnlineConfig, OfflineOnlineResult, OnlineResult } from '../offline-online.types';

export function validateConfig(c: OfflineOnlineConfig): void {
	if (!Number.isInteger(c.slots) || c.slots < 2 || c.slots > 20) throw new RangeError(`Slots per page must be between 2 and 20 (got ${c.slots}).`);
	if (!Number.isInteger(c.pool) || c.pool < c.slots || c.pool > c.items) throw new RangeError(`Each session ranks between ${c.slots} (the slots) and ${c.items} (all items) candidates (got ${c.pool}).`);
	if (!Number.isInteger(c.logSessions) || c.logSessions < 200) throw new RangeError(`Log at least 200 sessions (got ${c.logSessions}).`);
	if (!Number.isInteger(c.days) || c.days < 1) throw new RangeError(`The online test needs at least one day (got ${c.days}).`);
	if (!Number.isInteger(c.usersPerDay) || c.usersPerDay < 20) throw new RangeError(`At least 20 users a day (got ${c.usersPerDay}).`);
	if (!(c.novelty >= 0 && c.novelty <= 3)) throw new RangeError(`Novelty must be in [0, 3] (got ${c.novelty}).`);
}

function pickPool(n: number, k: number, rng: Rng): number[] {
	const chosen = new Set<number>();
	while (chosen.size < k) chosen.add(rng.int(n));
	return [...chosen];
}

/** The logging policy: items ranked by appeal plus noise (a decent popularity model), 10% of sessions shuffled. */
function logSessions(p: Population, c: OfflineOnlineConfig, rng: Rng): Impression[][] {
	const sessions: Impression[][] = [];
	for (let s = 0; s < c.logSessions; s++) {
		const user = rng.int(p.nUsers);
		const pool = pickPool(p.nItems, c.pool, rng);
		const explore = rng.next() < 0.1;
		const score = new Map(pool.map((i) => [i, explore ? rng.next() : p.appeal[i] + rng.normal(0, 0.3)]));
		const ranked = pool.sort((a, b) => score.get(b)! - score.get(a)!).slice(0, c.slots);
		sessions.push(showList(p, user, ranked, rng));
	}
	return sessions;
}

interface Scorer {
	/** Ranking score of an item for a user (higher first). */
	score(user: number, item: number): number;
	/** The model's probability of its own target, or null (popularity). */
	prob(user: number, item: number, slot: number): number | null;
}


function features(p: Population, pop: Float64Array, user: number, item: number, extra: { clickbait: boolean; slots: number; slot: number }): number[] {
	const f: number[] = [];
	for (let d = 0; d < DIM; d++) f.push(p.users[user * DIM + d] * p.items[item * DIM + d]);
	f.push(pop[item]);
	if (extra.clickbait) f.push(p.clickbait[item]);
	for (let k = 0; k < extra.slots; k++) f.push(k === extra.slot ? 1 : 0);
	return f;
}

async function fitLogistic(x: number[][], y: Uint8Array, seed: number, ticket: Ticket): Promise<{ w: Float32Array; b: number }> {
	const d = x[0].length;
	const model = new Mlp({ inputs: d, hidden: [], activation: 'tanh' }, createRng(seed));
	const data = toDevice(Float32Array.from(x.flat()), y, d);
	const opt = tf.train.adam(0.05);
	const rng = createRng(seed ^ 77);
	try {
		for (let e = 0; e < 12; e++) await trainEpoch(model, opt, data, (yt, yp) => focalLoss(yt, yp, { gamma: 0, alpha: null }), { batchSize: 512, rng, ticket });
		const [layer] = await model.getWeights();
		return { w: layer.kernel, b: layer.bias[0] };
	} finally {
		opt.dispose();
		disposeDevice(data);
		model.dispose();
	}
}

function dot(w: Float32Array, f: number[], b: number): number {
	let z = b;
	for (let i = 0; i < f.length; i++) z += w[i] * f[i];
	return z;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

export async function buildModels(p: Population, c: OfflineOnlineConfig, train: Impression[][], ticket: Ticket): Promise<Record<ModelId, Scorer>> {
	// Popularity: smoothed logged CTR per item, ignoring position (what production does).
	const clicks = new Float64Array(p.nItems);
	const shows = new Float64Array(p.nItems);
	for (const s of train) for (const im of s) {
		clicks[im.item] += im.click;
		shows[im.item] += 1;
	}
	const prior = clicks.reduce((a, b) => a + b, 0) / Math.max(1, shows.reduce((a, b) => a + b, 0));
	const ctr = Float64Array.from(clicks, (cl, i) => (cl + 10 * prior) / (shows[i] + 10));
	const pop = Float64Array.from(ctr, (v) => Math.log(v / (1 - v)));
	const rows = train.flat();
	const clickY = Uint8Array.from(rows, (r) => r.click);
	const convY = Uint8Array.from(rows, (r) => r.conversion);
	const make = (opts: { clickbait: boolean; slots: number }) => (r: Impression) => features(p, pop, r.user, r.item, { ...opts, slot: r.slot });
	const naive = await fitLogistic(rows.map(make({ clickbait: false, slots: 0 })), clickY, c.seed + 1, ticket);
	await checkpoint(ticket);
	const debiased = await fitLogistic(rows.map(make({ clickbait: false, slots: c.slots })), clickY, c.seed + 2, ticket);
	await checkpoint(ticket);
	const rev = await fitLogistic(rows.map(make({ clickbait: true, slots: c.slots })), convY, c.seed + 4, ticket);
	const f = (user: number, item: number, clickbait: boolean, slots: number, slot = 0) => features(p, pop, user, item, { clickbait, slots, slot });
	return {
		current: { score: (_u, i) => ctr[i], prob: () => null },
		'click-naive': { score: (u, i) => dot(naive.w, f(u, i, false, 0), naive.b), prob: (u, i) => sig(dot(naive.w, f(u, i, false, 0), naive.b)) },
		// Serve as if every item were in the top slot; evaluate calibration at the logged slot.
		'click-debiased': { score: (u, i) => dot(debiased.w, f(u, i, false, c.slots, 0), debiased.b), prob: (u, i, s) => sig(dot(debiased.w, f(u, i, false, c.slots, s), debiased.b)) },
		revenue: { score: (u, i) => sig(dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i], prob: (u, i, s) => sig(dot(rev.w, f(u, i, true, c.slots, s), rev.b)) },
		'revenue-miscal': { score: (u, i) => sig(3 * dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i], prob: (u, i, s) => sig(3 * dot(rev.w, f(u, i, true, c.slots, s), rev.b)) }
	};
}

export function offlineMetrics(id: ModelId, m: Scorer, test: Impression[][]): OfflineMetrics {
	const rows = test.flat();
	const clicks = Uint8Array.from(rows, (r) => r.click);
	const scores = Float64Array.from(rows, (r) => m.score(r.user, r.item));
	const target = id.startsWith('revenue') ? 'purchase' : id === 'current' ? 'click-rate' : 'click';
	let precision = 0;
	for (const s of test) {
		const top = s.slice().sort((a, b) => m.score(b.user, b.item) - m.score(a.user, a.item)).slice(0, 3);
		precision += top.reduce((t, r) => t + r.click, 0) / top.length;
	}
	const probs = rows.map((r) => m.prob(r.user, r.item, r.slot));
	let ll: number | null = null;
	let ece: number | null = null;
	let calibration: OfflineMetrics['calibration'] = [];
	if (probs[0] !== null) {
		const p = Float64Array.from(probs as number[]);
		const y = target === 'purchase' ? Uint8Array.from(rows, (r) => r.conversion) : clicks;
		ll = logLoss(y, p);
		ece = expectedCalibrationError(y, p, 10);
		calibration = calibrationBins(y, p, 10)
			// Bins with few examples are noise, not evidence.
			.filter((b) => b.count >= 30)
			.map((b) => ({ predicted: b.meanProb, observed: b.fractionPositive, count: b.count }));
	}
	return { clickAuc: rocAuc(clicks, scores), logLoss: ll, ece, target, precisionAt3: precision / test.length, calibration };
}

interface Acc {
	sessions: number;
	impressions: number;
	clicks: number;
	convSessions: number;
	revenue: number;
	revenueSq: number;
}

const empty = (): Acc => ({ sessions: 0, impressions: 0, clicks: 0, convSessions: 0, revenue: 0, revenueSq: 0 });

function relative(diff: number, ci: [number, number], control: number): { lift: number; ci: [number, number] } {
	return control > 0 ? { lift: diff / control, ci: [ci[0] / control, ci[1] / control] } : { lift: NaN, ci: [NaN, NaN] };
}

function lifts(a: Acc, b: Acc, alpha: number): { ctr: Lift; conversion: Lift; revenue: Lift } {
	const ctr = twoProportionZTest({ conversions: a.clicks, visitors: a.impressions }, { conversions: b.clicks, visitors: b.impressions }, { alpha });
	const conv = twoProportionZTest({ conversions: a.convSessions, visitors: a.sessions }, { conversions: b.convSessions, visitors: b.sessions }, { alpha });
	const mean = (x: Acc) => x.revenue / x.sessions;
	const sd = (x: Acc) => Math.sqrt(Math.max(0, (x.revenueSq - x.sessions * mean(x) ** 2) / (x.sessions - 1)));
	let rev: Lift;
	try {
		const w = welchTTest({ mean: mean(a), sd: sd(a), n: a.sessions }, { mean: mean(b), sd: sd(b), n: b.sessions }, { alpha });
		const r = relative(mean(b) - mean(a), w.ci, mean(a));
		rev = { control: mean(a), treatment: mean(b), lift: r.lift, ci: r.ci, pValue: w.pValue };
	} catch {
		rev = { control: mean(a), treatment: mean(b), lift: NaN, ci: [NaN, NaN], pValue: 1 };
	}
	const rc = relative(ctr.diff, ctr.ci, ctr.rateControl);
	const rv = relative(conv.diff, conv.ci, conv.rateControl);
	return {
		ctr: { control: ctr.rateControl, treatment: ctr.rateVariant, lift: rc.lift, ci: rc.ci, pValue: ctr.pValue },
		conversion: { control: conv.rateControl, treatment: conv.rateVariant, lift: rv.lift, ci: rv.ci, pValue: conv.pValue },
		revenue: rev
	};
}

/** A/B test of `candidate` against `control`, with the same users, pools and random draws for every candidate. */
export async function onlineTest(p: Population, c: OfflineOnlineConfig, control: Scorer, candidate: Scorer, ticket: Ticket): Promise<OnlineResult> {
	const arms = [empty(), empty()];
	const daily: OnlineResult['daily'] = [];
	for (let day = 0; day < c.days; day++) {
		const rng = createRng(c.seed).fork(`online-day-${day}`);
		for (let v = 0; v < c.usersPerDay; v++) {
			const user = rng.int(p.nUsers);
			const arm = rng.next() < 0.5 ? 0 : 1;
			const pool = pickPool(p.nItems, c.pool, rng);
			const model = arm ? candidate : control;
			const ranked = pool.map((i) => ({ i, s: model.score(user, i) })).sort((a, b) => b.s - a.s).slice(0, c.slots).map((x) => x.i);
			const shown = showList(p, user, ranked, rng, arm ? noveltyFactor(c.novelty, day) : 1);
			const acc = arms[arm];
			const revenue = shown.reduce((s, im) => s + (im.conversion ? p.value[im.item] : 0), 0);
			acc.sessions++;
			acc.impressions += shown.length;
			acc.clicks += shown.reduce((s, im) => s + im.click, 0);
			acc.convSessions += shown.some((im) => im.conversion) ? 1 : 0;
			acc.revenue += revenue;
			acc.revenueSq += revenue * revenue;
		}
		if (arms[0].sessions > 1 && arms[1].sessions > 1) {
			const l = lifts(arms[0], arms[1], c.alpha);
			daily.push({ day: day + 1, ctr: l.ctr.lift, ctrLo: l.ctr.ci[0], ctrHi: l.ctr.ci[1], revenue: l.revenue.lift, revenueLo: l.revenue.ci[0], revenueHi: l.revenue.ci[1] });
		}
		await checkpoint(ticket);
	}
	return { ...lifts(arms[0], arms[1], c.alpha), daily, sessions: arms[0].sessions + arms[1].sessions };
}

export async function simulate(c: OfflineOnlineConfig, ticket: Ticket, progress: (stage: string, done: number, total: number) => void): Promise<Omit<OfflineOnlineResult, 'backend'>> {
	validateConfig(c);
	const rng = createRng(c.seed);
	const p = makePopulation({ users: c.users, items: c.items, clickbaitShare: c.clickbaitShare, positionBias: c.positionBias }, rng.fork('population'));
	const ids: ModelId[] = ['current', 'click-naive', 'click-debiased', 'revenue', 'revenue-miscal'];
	const total = 2 + ids.length - 1;
	progress('logging sessions of the current model', 0, total);
	const sessions = logSessions(p, c, rng.fork('logs'));
	const cut = Math.round(sessions.length * 0.7);
	const train = sessions.slice(0, cut);
	const test = sessions.slice(cut);
	progress('training the candidate models (TF.js)', 1, total);
	const models = await buildModels(p, c, train, ticket);
	const results: ModelResult[] = [];
	for (const [k, id] of ids.entries()) {
		if (id !== 'current') progress(`online A/B test: ${id}`, 1 + k, total);
		results.push({ id, offline: offlineMetrics(id, models[id], test), online: id === 'current' ? null : await onlineTest(p, c, models.current, models[id], ticket) });
	}
	progress('done', total, total);
	const flat = sessions.flat();
	const clicksBySlot = Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).reduce((s, r) => s + r.click, 0));
	const impressionsBySlot = Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).length);
	return {
		models: results,
		logged: { impressions: flat.length, clicks: flat.reduce((s, r) => s + r.click, 0), purchases: flat.reduce((s, r) => s + r.conversion, 0), clicksBySlot, impressionsBySlot }
	};
}

