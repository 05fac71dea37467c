/**
 * A seeded population of users and items with click and conversion behaviour, for the offline vs online lab.
 *
 * Users u and items v have latent vectors (dimension 4, entries N(0, 1/2)); affinity a = ⟨u, v⟩. Each item has an
 * appeal g_i ~ N(0, 0.6) (intrinsic popularity), a value (order margin, log-normal), and is clickbait with probability
 * `clickbaitShare`. A user shown a ranked list examines slot k (0-based) with probability (1/(k + 1))^η — position
 * bias η — and, if examined, clicks with P = σ(−1.8 + 0.6·a + 0.9·g_i + 1.2·clickbait_i); after a click she converts
 * with P = σ(−1.0 + 0.7·a − 1.5·clickbait_i). Clickbait attracts clicks and loses sales: a metric that counts clicks
 * does not track revenue. Novelty: in an online test, users shown a new ranking examine more, by a factor
 * 1 + ν·exp(−day/3) that fades over the first days.
 */
import type { Rng } from './rng';

export const DIM = 4;

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
		value: Float64Array.from({ length: o.items }, () => Math.exp(it.normal(3, 0.6))),
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
	return sigmoid(-1.8 + 0.6 * affinity(p, user, item) + 0.9 * p.appeal[item] + 1.2 * p.clickbait[item]);
}

export function conversionProbability(p: Population, user: number, item: number): number {
	return sigmoid(-1.0 + 0.7 * affinity(p, user, item) - 1.5 * p.clickbait[item]);
}

export function noveltyFactor(novelty: number, day: number): number {
	return 1 + novelty * Math.exp(-day / 3);
}

export interface Impression {
	user: number;
	item: number;
	slot: number;
	click: 0 | 1;
	conversion: 0 | 1;
}

/** Show `ranked` items (best first) to `user`; returns what happened in each slot. */
export function showList(p: Population, user: number, ranked: number[], rng: Rng, examineBoost = 1): Impression[] {
	return ranked.map((item, slot) => {
		const examined = rng.next() < Math.min(1, examineProbability(p, slot) * examineBoost);
		const click = examined && rng.next() < clickProbability(p, user, item) ? 1 : 0;
		const conversion = click && rng.next() < conversionProbability(p, user, item) ? 1 : 0;
		return { user, item, slot, click, conversion };
	});
}
