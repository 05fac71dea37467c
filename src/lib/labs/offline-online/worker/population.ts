/**
 * A seeded population of users and items with click and conversion behaviour, for the offline vs online lab.
 *
 * Users u and items v have latent vectors (dimension 4, entries N(0, 1/2)); affinity a = ⟨u, v⟩. Each item has an
 * appeal g_i ~ N(0, 0.6) (intrinsic popularity), a value (order margin, log-normal: exp N(3, 0.25²)), and is clickbait with probability
 * `clickbaitShare`. A user shown a ranked list examines slot k (0-based) with probability (1/(k + 1))^η — position
 * bias η — and, if examined, clicks with P = σ(−1.8 + 0.3·a + 0.9·g_i + 1.2·clickbait_i); after a click she converts
 * with P = σ(−1.0 + 0.3·a − 1.5·clickbait_i). The taste and value effects (WORLD) are set so that the candidates'
 * online lifts over the popularity model are a few percent to tens of percent, as ranking changes give in practice
 * (earlier settings gave +100% to +230%). Clickbait attracts clicks and loses sales: a metric that counts clicks
 * does not track revenue. Novelty: in an online test, users shown a new ranking are more curious: the odds of a click
 * on an examined item are multiplied by 1 + ν·exp(−day/3) (day 0 = the first day), a boost that fades over the first
 * days. It acts on click propensity, not on examination, so it applies in every slot and at any position bias.
 */
import type { Rng } from '../../../data/rng';

export const DIM = 4;

/** How much personal taste and item value matter (see the header); tuned so that online lifts look like real ones. */
export const WORLD = { clickAffinity: 0.3, conversionAffinity: 0.3, valueSd: 0.25 };

export interface PopulationOptions {
	users: number;
	items: number;
	clickbaitShare: number;
	/** Position bias η ≥ 0 (0: every slot examined). */
	positionBias: number;
}

export interface Population {
	users: Float64Array;
	items: Float64Array;
	appeal: Float64Array;
	clickbait: Uint8Array;
	value: Float64Array;
	nUsers: number;
	nItems: number;
	positionBias: number;
}

export function makePopulation(o: PopulationOptions, rng: Rng): Population {
	if (!Number.isInteger(o.users) || o.users < 10) throw new RangeError(`Need at least 10 users (got ${o.users}).`);
	if (!Number.isInteger(o.items) || o.items < 20) throw new RangeError(`Need at least 20 items (got ${o.items}).`);
	if (!(o.clickbaitShare >= 0 && o.clickbaitShare <= 1)) throw new RangeError(`The clickbait share must be in [0, 1] (got ${o.clickbaitShare}).`);
	if (!(o.positionBias >= 0 && o.positionBias <= 4)) throw new RangeError(`Position bias must be in [0, 4] (got ${o.positionBias}).`);
	const s = Math.SQRT1_2;
	const u = rng.fork('users');
	const it = rng.fork('items');
	return {
		users: Float64Array.from({ length: o.users * DIM }, () => u.normal(0, s)),
		items: Float64Array.from({ length: o.items * DIM }, () => it.normal(0, s)),
		appeal: Float64Array.from({ length: o.items }, () => it.normal(0, 0.6)),
		clickbait: Uint8Array.from({ length: o.items }, () => (it.next() < o.clickbaitShare ? 1 : 0)),
		value: Float64Array.from({ length: o.items }, () => Math.exp(it.normal(3, WORLD.valueSd))),
		nUsers: o.users,
		nItems: o.items,
		positionBias: o.positionBias
	};
}

export function sigmoid(z: number): number {
	return 1 / (1 + Math.exp(-z));
}

export function affinity(p: Population, user: number, item: number): number {
	let a = 0;
	for (let d = 0; d < DIM; d++) a += p.users[user * DIM + d] * p.items[item * DIM + d];
	return a;
}

export function examineProbability(p: Population, slot: number): number {
	return Math.pow(1 / (slot + 1), p.positionBias);
}

export function clickProbability(p: Population, user: number, item: number): number {
	return sigmoid(-1.8 + WORLD.clickAffinity * affinity(p, user, item) + 0.9 * p.appeal[item] + 1.2 * p.clickbait[item]);
}

export function conversionProbability(p: Population, user: number, item: number): number {
	return sigmoid(-1.0 + WORLD.conversionAffinity * affinity(p, user, item) - 1.5 * p.clickbait[item]);
}

/** The click-odds multiplier of a new ranking on `day` (0-based). */
export function noveltyFactor(novelty: number, day: number): number {
	return 1 + novelty * Math.exp(-day / 3);
}

/** First day (0-based) on which the novelty boost is below `tolerance` (e.g. 0.05 = 5%). */
export function noveltyFadedBy(novelty: number, tolerance = 0.05): number {
	return novelty <= tolerance ? 0 : Math.ceil(3 * Math.log(novelty / tolerance));
}

/** A probability with its odds multiplied by `factor`. */
function boostOdds(p: number, factor: number): number {
	return factor === 1 ? p : (p * factor) / (1 - p + p * factor);
}

export interface Impression {
	user: number;
	item: number;
	slot: number;
	click: 0 | 1;
	conversion: 0 | 1;
}

/** Show `ranked` items (best first) to `user`; returns what happened in each slot. `clickOdds`: the novelty factor. */
export function showList(p: Population, user: number, ranked: number[], rng: Rng, clickOdds = 1): Impression[] {
	return ranked.map((item, slot) => {
		const examined = rng.next() < examineProbability(p, slot);
		const click = examined && rng.next() < boostOdds(clickProbability(p, user, item), clickOdds) ? 1 : 0;
		const conversion = click && rng.next() < conversionProbability(p, user, item) ? 1 : 0;
		return { user, item, slot, click, conversion };
	});
}
