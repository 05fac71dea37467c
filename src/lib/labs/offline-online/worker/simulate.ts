/**
 * The offline vs online simulation: the current model's logs, five candidate models trained on them with TF.js,
 * offline metrics on held-out logs, and a simulated A/B test of each candidate against the current model.
 */
import { createRng, mixSeed, type Rng } from '$lib/data/rng';
import {
	DIM,
	clickProbability,
	examineProbability,
	makePopulation,
	noveltyFactor,
	noveltyFadedBy,
	showList,
	type Impression,
	type Population
} from '$lib/labs/offline-online/worker/population';
import { calibrationBinsQuantile, expectedCalibrationError, logLoss, rocAuc } from '$lib/metrics/classification';
import { relativeLiftInterval, welchTTest } from '$lib/stats/abtest';
import { normalSf } from '$lib/stats/distributions';
import { focalLoss } from '$lib/ml/losses';
import { Mlp } from '../../../engine/mlp';
import { type Ticket, checkpoint } from '../../../engine/run-control';
import { fitModel } from '../../../engine/fused/fit';
import type {
	Lift,
	ModelId,
	ModelResult,
	OfflineMetrics,
	OfflineOnlineConfig,
	OfflineOnlineResult,
	OnlineResult,
	PopularityBias,
	OfflineOnlineStage
} from '../types';

export function validateConfig(c: OfflineOnlineConfig): void {
	if (!Number.isInteger(c.slots) || c.slots < 2 || c.slots > 20) throw new RangeError(`Slots per page must be between 2 and 20 (got ${c.slots}).`);
	if (!Number.isInteger(c.pool) || c.pool < c.slots || c.pool > c.items)
		throw new RangeError(`Each session ranks between ${c.slots} (the slots) and ${c.items} (all items) candidates (got ${c.pool}).`);
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

const EPOCHS = 12;

async function fitLogistic(
	x: number[][],
	y: Uint8Array,
	seed: number,
	ticket: Ticket,
	onEpoch?: (done: number) => void
): Promise<{ w: Float32Array; b: number }> {
	const d = x[0].length;
	const model = new Mlp({ inputs: d, hidden: [], activation: 'tanh' }, createRng(seed));
	const rng = createRng(seed ^ 77);
	try {
		await fitModel(
			model,
			{ x: Float32Array.from(x.flat()), y },
			{
				loss: { kind: 'clipped', weights: [1, 1], gamma: 0 },
				lossFn: (yt, yp) => focalLoss(yt, yp, { gamma: 0, alpha: null }),
				lr: 0.05,
				epochs: EPOCHS,
				batchSize: 512,
				rngOf: () => rng,
				ticket,
				onEpoch
			}
		);
		const [layer] = await model.getWeights();
		return { w: layer.kernel, b: layer.bias[0] };
	} finally {
		model.dispose();
	}
}

function dot(w: Float32Array, f: number[], b: number): number {
	let z = b;
	for (let i = 0; i < f.length; i++) z += w[i] * f[i];
	return z;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

const logit = (v: number) => Math.log(v / (1 - v));

/** Per-item sums over the logged impressions, gathered in one pass for popularity and its bias check. */
export interface ItemLogStats {
	clicks: Float64Array;
	shows: Float64Array;
	/** Σ examination propensity (1/(k + 1))^η of the slots the item was shown in. */
	seen: Float64Array;
	slotSum: Float64Array;
	/** Σ P(click | examined) over the item's impressions (known in the simulation only). */
	truth: Float64Array;
}

export function itemLogStats(p: Population, logs: Impression[][]): ItemLogStats {
	const z = () => new Float64Array(p.nItems);
	const st: ItemLogStats = { clicks: z(), shows: z(), seen: z(), slotSum: z(), truth: z() };
	for (const s of logs)
		for (const im of s) {
			st.clicks[im.item] += im.click;
			st.shows[im.item] += 1;
			st.seen[im.item] += examineProbability(p, im.slot);
			st.slotSum[im.item] += im.slot;
			st.truth[im.item] += clickProbability(p, im.user, im.item);
		}
	return st;
}

/**
 * Per-item popularity from the logs, smoothed toward the overall rate (10 pseudo-impressions):
 * - raw: clicks ÷ impressions, what production computes; items the logging policy kept in top slots look better;
 * - ipw: clicks ÷ Σ examination propensity of the slots they were shown in (inverse-propensity weighting, Joachims,
 *   Swaminathan & Schnabel, "Unbiased Learning-to-Rank with Biased Feedback", WSDM 2017). The propensities
 *   (1/(k + 1))^η are taken as known here; in practice they are estimated, e.g. by randomising the top results.
 */
export function popularity({ clicks, shows, seen }: ItemLogStats): { raw: Float64Array; ipw: Float64Array } {
	const total = clicks.reduce((a, b) => a + b, 0);
	const rawPrior =
		total /
		Math.max(
			1,
			shows.reduce((a, b) => a + b, 0)
		);
	const ipwPrior = Math.min(
		0.99,
		total /
			Math.max(
				1e-9,
				seen.reduce((a, b) => a + b, 0)
			)
	);
	return {
		raw: Float64Array.from(clicks, (cl, i) => (cl + 10 * rawPrior) / (shows[i] + 10)),
		ipw: Float64Array.from(clicks, (cl, i) => Math.min(0.99, (cl + 10 * ipwPrior) / (seen[i] + 10)))
	};
}

function correlation(a: number[], b: number[]): number {
	const n = a.length;
	if (n < 3) return NaN;
	const ma = a.reduce((s, x) => s + x, 0) / n;
	const mb = b.reduce((s, x) => s + x, 0) / n;
	let sab = 0;
	let saa = 0;
	let sbb = 0;
	for (let i = 0; i < n; i++) {
		sab += (a[i] - ma) * (b[i] - mb);
		saa += (a[i] - ma) ** 2;
		sbb += (b[i] - mb) ** 2;
	}
	return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/**
 * How much position bias a popularity estimate carries: its log error against the item's true click propensity when
 * examined (the mean of P(click | examined) over the item's logged impressions, known in the simulation), as a
 * correlation with the item's mean logged slot (items with ≥ 10 clicks). 0: the error does not depend on where the item
 * was shown. Raw CTR = clicks ÷ impressions; IPW = clicks ÷ Σ examination propensity.
 */
export function popularityBias({ clicks, shows, seen, slotSum, truth }: ItemLogStats): PopularityBias {
	// Unsmoothed estimates on items with enough clicks, so that shrinkage toward the mean is not mistaken for bias.
	const items = Array.from({ length: clicks.length }, (_, i) => i).filter((i) => clicks[i] >= 10);
	const meanSlot = items.map((i) => slotSum[i] / shows[i]);
	const err = (est: (i: number) => number) => items.map((i) => Math.log(est(i) / (truth[i] / shows[i])));
	return {
		raw: correlation(
			err((i) => clicks[i] / shows[i]),
			meanSlot
		),
		ipw: correlation(
			err((i) => clicks[i] / seen[i]),
			meanSlot
		),
		items: items.length
	};
}

/** `onProgress`: share (0…1) of the three fits done. */
export async function buildModels(
	p: Population,
	c: OfflineOnlineConfig,
	train: Impression[][],
	stats: ItemLogStats,
	ticket: Ticket,
	onProgress?: (fraction: number) => void
): Promise<Record<ModelId, Scorer>> {
	// Popularity: smoothed logged CTR per item, ignoring position (what production does), and its IPW version.
	const both = popularity(stats);
	const ctr = both.raw;
	const pop = Float64Array.from(ctr, logit);
	const popIpw = Float64Array.from(both.ipw, logit);
	const rows = train.flat();
	const clickY = Uint8Array.from(rows, (r) => r.click);
	const convY = Uint8Array.from(rows, (r) => r.conversion);
	const make = (popFeature: Float64Array, opts: { clickbait: boolean; slots: number }) => (r: Impression) =>
		features(p, popFeature, r.user, r.item, { ...opts, slot: r.slot });
	const fitDone = (k: number) => (f: number) => onProgress?.((k + f) / 3);
	const naive = await fitLogistic(rows.map(make(pop, { clickbait: false, slots: 0 })), clickY, mixSeed(c.seed, 1), ticket, fitDone(0));
	await checkpoint(ticket);
	// Debiased: the slot as a feature in training (served as slot 0) and the IPW popularity feature.
	const debiased = await fitLogistic(rows.map(make(popIpw, { clickbait: false, slots: c.slots })), clickY, mixSeed(c.seed, 2), ticket, fitDone(1));
	await checkpoint(ticket);
	const rev = await fitLogistic(rows.map(make(pop, { clickbait: true, slots: c.slots })), convY, mixSeed(c.seed, 4), ticket, fitDone(2));
	const f = (user: number, item: number, clickbait: boolean, slots: number, slot = 0, popFeature = pop) =>
		features(p, popFeature, user, item, { clickbait, slots, slot });
	return {
		current: { score: (_u, i) => ctr[i], prob: () => null },
		'click-naive': { score: (u, i) => dot(naive.w, f(u, i, false, 0), naive.b), prob: (u, i) => sig(dot(naive.w, f(u, i, false, 0), naive.b)) },
		// Serve as if every item were in the top slot; evaluate calibration at the logged slot.
		'click-debiased': {
			score: (u, i) => dot(debiased.w, f(u, i, false, c.slots, 0, popIpw), debiased.b),
			prob: (u, i, s) => sig(dot(debiased.w, f(u, i, false, c.slots, s, popIpw), debiased.b))
		},
		revenue: {
			score: (u, i) => sig(dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i],
			prob: (u, i, s) => sig(dot(rev.w, f(u, i, true, c.slots, s), rev.b))
		},
		'revenue-miscal': {
			score: (u, i) => sig(3 * dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i],
			prob: (u, i, s) => sig(3 * dot(rev.w, f(u, i, true, c.slots, s), rev.b))
		}
	};
}

export function offlineMetrics(id: ModelId, m: Scorer, test: Impression[][]): OfflineMetrics {
	const rows = test.flat();
	const clicks = Uint8Array.from(rows, (r) => r.click);
	const scores = Float64Array.from(rows, (r) => m.score(r.user, r.item));
	const target = id.startsWith('revenue') ? 'purchase' : id === 'current' ? 'click-rate' : 'click';
	let precision = 0;
	for (const s of test) {
		const top = s
			.slice()
			.sort((a, b) => m.score(b.user, b.item) - m.score(a.user, a.item))
			.slice(0, 3);
		precision += top.reduce((t, r) => t + r.click, 0) / top.length;
	}
	const probs = rows.map((r) => m.prob(r.user, r.item, r.slot));
	let ll: number | null = null;
	let ece: number | null = null;
	let ownAuc: number | null = null;
	let calibration: OfflineMetrics['calibration'] = [];
	if (probs[0] !== null) {
		const p = Float64Array.from(probs as number[]);
		const y = target === 'purchase' ? Uint8Array.from(rows, (r) => r.conversion) : clicks;
		ll = logLoss(y, p);
		ece = expectedCalibrationError(y, p, 10);
		ownAuc = y.some((v) => v === 1) && y.some((v) => v === 0) ? rocAuc(y, p) : null;
		// Equal-count bins: every point has ~10% of the examples, also for probabilities crowded near 0.
		calibration = calibrationBinsQuantile(y, p, 10).map((b) => ({ predicted: b.meanProb, observed: b.fractionPositive, count: b.count }));
	}
	return { clickAuc: rocAuc(clicks, scores), ownAuc, logLoss: ll, ece, target, precisionAt3: precision / test.length, calibration };
}

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

export async function simulate(
	c: OfflineOnlineConfig,
	ticket: Ticket,
	progress: (stage: OfflineOnlineStage, done: number, total: number) => void
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
	const models = await buildModels(p, c, train, stats, ticket, (f) => progress({ kind: 'training' }, 1 + f, total));
	const bias = popularityBias(stats);
	const results: ModelResult[] = [];
	for (const [k, id] of ids.entries()) {
		if (id !== 'current') progress({ kind: 'ab-test', model: id }, 1 + k, total);
		const onDay = (f: number) => progress({ kind: 'ab-test', model: id }, 1 + k + f, total);
		results.push({
			id,
			offline: offlineMetrics(id, models[id], test),
			online: id === 'current' ? null : await onlineTest(p, c, models.current, models[id], ticket, onDay)
		});
	}
	progress({ kind: 'done' }, total, total);
	const flat = sessions.flat();
	const clicksBySlot = Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).reduce((s, r) => s + r.click, 0));
	const impressionsBySlot = Array.from({ length: c.slots }, (_, k) => flat.filter((r) => r.slot === k).length);
	return {
		models: results,
		popularityBias: bias,
		logged: {
			impressions: flat.length,
			clicks: flat.reduce((s, r) => s + r.click, 0),
			purchases: flat.reduce((s, r) => s + r.conversion, 0),
			clicksBySlot,
			impressionsBySlot
		}
	};
}
