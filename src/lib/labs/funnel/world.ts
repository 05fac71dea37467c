/**
 * The funnel lab's synthetic world: U users and N items with latent tastes, power-law item popularity, a logging
 * system that shows slates, and position-biased clicks. Pure TypeScript (no TF.js); every stream is a fork of the
 * seed's `Rng`, so a seed reproduces the world exactly.
 *
 * Generative model (all of it; the constants are `ATTRACT_SLOPE` and `ATTRACT_SHIFT`):
 *
 * 1. Tastes. Users x_u ∈ R^D and items v_i ∈ R^D have iid N(0, 1/√D) components, so the affinity
 *    a(u, i) = ⟨x_u, v_i⟩ has mean 0 and variance 1 for every D.
 * 2. Popularity. Item ids are popularity ranks − 1: item i has rank r_i = i + 1 (independent of its taste vector, which
 *    is iid) and pop_i = r_i^(−a) / Σ_k k^(−a) (Zipf with exponent a = `zipf`). (Ordering ids by popularity keeps the
 *    most drawn items' taste rows together in memory: the session loop is bound by their cache misses.)
 * 3. Sessions. Each user has `sessionsPerUser` sessions. A session draws a candidate pool of C = `pool` items iid
 *    from q_i ∝ pop_i^β (β = `popWeight`; an alias table, O(1) a draw) — the exposure of the logging system — and
 *    ranks the pool by Plackett–Luce on taste: keys a(u, i)/τ + G with G iid standard Gumbel (τ = `tasteTemp`);
 *    the L = `slate` distinct items with the highest keys are shown at positions 1..L in key order (an item drawn
 *    more than once into the pool competes with the largest of its keys). Gumbel-top-L is an exact draw of L items
 *    without replacement with probabilities ∝ exp(a/τ) (Kool, van Hoof & Welling 2019, "Stochastic beams and where
 *    to find them", ICML). So the first shown item of a session is a sampling-importance-resampling draw of
 *    P(i | u) ∝ pop_i^β · exp(a(u, i)/τ), exact as C → ∞.
 * 4. Clicks: the position-based examination model (Richardson et al. 2007; Craswell, Zoeter, Taylor & Ramsey 2008,
 *    "An experimental comparison of click position-bias models", WSDM; Joachims, Swaminathan & Schnabel 2017,
 *    "Unbiased learning-to-rank with biased feedback", WSDM): P(click | u, i, p) = θ_p · γ(u, i), examination
 *    θ_p = p^(−η) (`positionModel` 'power', η = `positionBias`, Joachims et al.'s propensity model) or
 *    θ_p = 1/log2(p + 1) ('log2', the DCG discount), and attractiveness γ(u, i) = σ(ATTRACT_SLOPE·(a − ATTRACT_SHIFT)).
 *    Clicks are independent across positions.
 * 5. Outputs. The training log is every click of every session (user, item, position); `counts` are the items'
 *    clicks in the log. The first `testUsers` users (users are iid, so they are a random sample) get
 *    `heldOutSessions` more sessions of the same process; their clicked items not already clicked in training are
 *    the held-out relevant items, graded by true affinity: 1 if a < 1, 2 if 1 ≤ a < 2, 3 if a ≥ 2.
 * 6. Ranker feature. `rankerAffinity(w, u, i)` = a(u, i) + σ_f·z(u, i) with z standard normal, a pure function of
 *    (seed, u, i) (hashed, Box–Muller): a noisy view of the truth that the ranker sees and the retriever does not.
 */
import { createRng, mixSeed, type Rng } from '$lib/data/rng';
import { buildAlias, type AliasTable } from './alias';

export const ATTRACT_SLOPE = 2;
export const ATTRACT_SHIFT = 1;

export interface FunnelWorldConfig {
	users: number;
	items: number;
	/** Taste dimension D. */
	dim: number;
	/** Zipf exponent a: pop ∝ rank^−a. */
	zipf: number;
	/** β: the logging system's exposure ∝ pop^β. */
	popWeight: number;
	/** τ of the Plackett–Luce ranking of the pool by taste (smaller: taste matters more). */
	tasteTemp: number;
	sessionsPerUser: number;
	/** Items shown per session (L). */
	slate: number;
	/** Candidates drawn by popularity per session (C ≥ L). */
	pool: number;
	positionModel: 'power' | 'log2';
	/** η of θ_p = p^−η (positionModel 'power'; 0 = no position bias). */
	positionBias: number;
	testUsers: number;
	heldOutSessions: number;
	/** σ_f: noise sd of the ranker's affinity feature. */
	rankerNoise: number;
	seed: number;
}

export const DEFAULT_WORLD: FunnelWorldConfig = {
	users: 2000,
	items: 20000,
	dim: 16,
	zipf: 1,
	popWeight: 1,
	tasteTemp: 0.5,
	sessionsPerUser: 20,
	slate: 10,
	pool: 50,
	positionModel: 'power',
	positionBias: 1,
	testUsers: 500,
	heldOutSessions: 10,
	rankerNoise: 0.5,
	seed: 1
};

export interface Impressions {
	/** The user of each session (S). */
	user: Int32Array;
	/** Shown items, session-major (S·L), position p at index s·L + p − 1. */
	item: Int32Array;
	clicked: Uint8Array;
	/** γ(u, i) of each shown item. */
	attract: Float32Array;
}

export interface HeldOut {
	/** Test users (T). */
	users: Int32Array;
	/** CSR offsets into items/grade (T + 1). */
	offsets: Int32Array;
	items: Int32Array;
	/** Graded relevance 1..3 by true affinity. */
	grade: Uint8Array;
}

export interface FunnelWorld {
	config: FunnelWorldConfig;
	/** User tastes, row-major U × D. */
	userTaste: Float32Array;
	/** Item tastes, row-major N × D. */
	itemTaste: Float32Array;
	/** pop_i, summing to 1. */
	popularity: Float64Array;
	/** Clicks of the training sessions. */
	log: { user: Int32Array; item: Int32Array; position: Uint8Array };
	impressions: Impressions;
	/** Clicks per item in the training log. */
	counts: Int32Array;
	heldOut: HeldOut;
}

export function validateWorld(c: FunnelWorldConfig): void {
	const check = (ok: boolean, msg: string) => {
		if (!ok) throw new RangeError(msg);
	};
	const whole = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;
	check(whole(c.users, 1, 1e6), `The number of users must be a whole number from 1 to 1,000,000 (got ${c.users}).`);
	check(whole(c.items, 2, 1e6), `The number of items must be a whole number from 2 to 1,000,000 (got ${c.items}).`);
	check(whole(c.dim, 1, 256), `The taste dimension must be a whole number from 1 to 256 (got ${c.dim}).`);
	check(c.zipf >= 0 && c.zipf <= 4, `The popularity exponent must be between 0 and 4 (got ${c.zipf}).`);
	check(c.popWeight >= 0 && c.popWeight <= 4, `The popularity weight β must be between 0 and 4 (got ${c.popWeight}).`);
	check(c.tasteTemp > 0 && Number.isFinite(c.tasteTemp), `The taste temperature must be positive (got ${c.tasteTemp}).`);
	check(whole(c.sessionsPerUser, 1, 10000), `Sessions per user must be a whole number from 1 to 10,000 (got ${c.sessionsPerUser}).`);
	check(whole(c.slate, 1, 255), `The slate must show 1 to 255 items (got ${c.slate}).`);
	check(whole(c.pool, c.slate, 100000), `The candidate pool must be a whole number of at least the slate size (got ${c.pool}).`);
	check(c.slate <= c.items, `The slate (${c.slate}) cannot show more items than the catalogue has (${c.items}).`);
	check(c.positionModel === 'power' || c.positionModel === 'log2', `Unknown position model '${c.positionModel}'.`);
	check(c.positionBias >= 0 && c.positionBias <= 4, `The position bias η must be between 0 and 4 (got ${c.positionBias}).`);
	check(whole(c.testUsers, 0, c.users), `Test users must be a whole number from 0 to the number of users (got ${c.testUsers}).`);
	check(whole(c.heldOutSessions, 0, 10000), `Held-out sessions must be a whole number from 0 to 10,000 (got ${c.heldOutSessions}).`);
	check(c.rankerNoise >= 0 && Number.isFinite(c.rankerNoise), `The ranker's noise must be ≥ 0 (got ${c.rankerNoise}).`);
	check(Number.isFinite(c.seed), `The seed must be a finite number (got ${c.seed}).`);
}

/** θ_p, the probability that position p (1-based) is examined. */
export function examination(p: number, c: Pick<FunnelWorldConfig, 'positionModel' | 'positionBias'>): number {
	if (!Number.isInteger(p) || p < 1) throw new RangeError(`Positions start at 1 (got ${p}).`);
	return c.positionModel === 'log2' ? 1 / Math.log2(p + 1) : Math.pow(p, -c.positionBias);
}

/** γ(u, i) for an affinity a. */
export function attractiveness(a: number): number {
	return 1 / (1 + Math.exp(-ATTRACT_SLOPE * (a - ATTRACT_SHIFT)));
}

/** Grade of a held-out item by its true affinity. */
export function gradeOf(a: number): number {
	return a >= 2 ? 3 : a >= 1 ? 2 : 1;
}

export function affinity(w: FunnelWorld, u: number, i: number): number {
	const D = w.config.dim;
	const xu = u * D;
	const vi = i * D;
	let s = 0;
	for (let d = 0; d < D; d++) s += w.userTaste[xu + d] * w.itemTaste[vi + d];
	return s;
}

/** The ranker's noisy affinity feature: a(u, i) + σ_f·z(u, i), z a deterministic standard normal of (seed, u, i). */
export function rankerAffinity(w: FunnelWorld, u: number, i: number): number {
	const h = mixSeed(mixSeed(w.config.seed ^ 0x2545f491, u), i);
	const u1 = (h + 0.5) / 4294967296;
	const u2 = (mixSeed(h, 1) + 0.5) / 4294967296;
	const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
	return affinity(w, u, i) + w.config.rankerNoise * z;
}

function tastes(n: number, D: number, rng: Rng): Float32Array {
	const out = new Float32Array(n * D);
	const sd = Math.pow(D, -0.25);
	for (let k = 0; k < out.length; k++) out[k] = rng.normal(0, sd);
	return out;
}

/** Growable click/impression buffers of one phase (training or held out). */
interface SessionSink {
	click(u: number, item: number, position: number): void;
}

/** Runs one user's sessions; writes impressions when `imp` is given (training phase). */
function runSessions(
	w: FunnelWorld,
	u: number,
	sessions: number,
	rng: Rng,
	table: AliasTable,
	theta: Float64Array,
	sink: SessionSink,
	imp: { session: number } | null
): void {
	const { dim: D, pool: C, slate: L, tasteTemp: tau } = w.config;
	const poolItems = new Int32Array(C);
	const keys = new Float64Array(C);
	const taken = new Uint8Array(C);
	const xu = u * D;
	const { userTaste, itemTaste } = w;
	const { prob, alias, n: N } = table;
	for (let s = 0; s < sessions; s++) {
		for (let j = 0; j < C; j++) {
			// drawAlias, inlined (this loop is the world's hot path).
			const x = rng.next() * N;
			const i0 = Math.floor(x);
			const i = x - i0 < prob[i0] ? i0 : alias[i0];
			poolItems[j] = i;
			let a = 0;
			const vi = i * D;
			for (let d = 0; d < D; d++) a += userTaste[xu + d] * itemTaste[vi + d];
			keys[j] = a / tau - Math.log(-Math.log(rng.next() || Number.MIN_VALUE));
			taken[j] = 0;
		}
		const base = imp ? imp.session * L : 0;
		for (let p = 1; p <= L; p++) {
			let best = -1;
			for (let j = 0; j < C; j++) if (!taken[j] && (best < 0 || keys[j] > keys[best])) best = j;
			const item = poolItems[best];
			for (let j = 0; j < C; j++) if (poolItems[j] === item) taken[j] = 1;
			const g = attractiveness(affinity(w, u, item));
			const clicked = rng.next() < theta[p] * g;
			if (imp) {
				w.impressions.item[base + p - 1] = item;
				w.impressions.attract[base + p - 1] = g;
				w.impressions.clicked[base + p - 1] = clicked ? 1 : 0;
			}
			if (clicked) sink.click(u, item, p);
		}
		if (imp) w.impressions.user[imp.session++] = u;
	}
}

export function generateWorld(config: FunnelWorldConfig): FunnelWorld {
	validateWorld(config);
	const c = config;
	const { users: U, items: N, dim: D, slate: L } = c;
	const root = createRng(c.seed);
	const userTaste = tastes(U, D, root.fork('user-taste'));
	const itemTaste = tastes(N, D, root.fork('item-taste'));
	const popularity = new Float64Array(N);
	let z = 0;
	for (let i = 0; i < N; i++) z += popularity[i] = Math.pow(i + 1, -c.zipf);
	const exposure = new Float64Array(N);
	for (let i = 0; i < N; i++) {
		popularity[i] /= z;
		exposure[i] = Math.pow(popularity[i], c.popWeight);
	}
	const alias = buildAlias(exposure);
	const theta = new Float64Array(L + 1);
	for (let p = 1; p <= L; p++) theta[p] = examination(p, c);

	const S = U * c.sessionsPerUser;
	if (S * L > 2 ** 28) throw new RangeError(`${S.toLocaleString('en')} sessions of ${L} items are too many to hold: use fewer users or sessions.`);
	const w: FunnelWorld = {
		config: { ...c },
		userTaste,
		itemTaste,
		popularity,
		log: { user: new Int32Array(0), item: new Int32Array(0), position: new Uint8Array(0) },
		impressions: { user: new Int32Array(S), item: new Int32Array(S * L), clicked: new Uint8Array(S * L), attract: new Float32Array(S * L) },
		counts: new Int32Array(N),
		heldOut: { users: new Int32Array(0), offsets: new Int32Array(1), items: new Int32Array(0), grade: new Uint8Array(0) }
	};

	// Training sessions: at most S·L clicks, so the log is allocated once and trimmed.
	const logUser = new Int32Array(S * L);
	const logItem = new Int32Array(S * L);
	const logPos = new Uint8Array(S * L);
	let nClicks = 0;
	const train: SessionSink = {
		click(u, item, p) {
			logUser[nClicks] = u;
			logItem[nClicks] = item;
			logPos[nClicks++] = p;
			w.counts[item]++;
		}
	};
	const sessionsRng = root.fork('sessions');
	const imp = { session: 0 };
	for (let u = 0; u < U; u++) runSessions(w, u, c.sessionsPerUser, sessionsRng, alias, theta, train, imp);
	w.log = { user: logUser.slice(0, nClicks), item: logItem.slice(0, nClicks), position: logPos.slice(0, nClicks) };

	// Held-out sessions of the test users (a separate stream, so the training log does not depend on them).
	const T = c.testUsers;
	const heldRng = root.fork('held-out');
	const seen = new Set<number>();
	const got = new Set<number>();
	const items: number[] = [];
	const offsets = new Int32Array(T + 1);
	const userStart = new Int32Array(U + 1);
	for (let k = 0; k < nClicks; k++) userStart[logUser[k] + 1]++;
	for (let u = 0; u < U; u++) userStart[u + 1] += userStart[u];

	const held: SessionSink = {
		click(_u, item) {
			if (!seen.has(item) && !got.has(item)) {
				got.add(item);
				items.push(item);
			}
		}
	};
	for (let t = 0; t < T; t++) {
		const cur = t;
		seen.clear();
		got.clear();
		// The log is user-major (users run in order), so the user's training clicks are one contiguous range.
		for (let k = userStart[cur]; k < userStart[cur + 1]; k++) seen.add(logItem[k]);
		runSessions(w, cur, c.heldOutSessions, heldRng, alias, theta, held, null);
		offsets[t + 1] = items.length;
	}
	const heldItems = Int32Array.from(items);
	const grade = new Uint8Array(heldItems.length);
	for (let t = 0; t < T; t++) for (let k = offsets[t]; k < offsets[t + 1]; k++) grade[k] = gradeOf(affinity(w, t, heldItems[k]));
	w.heldOut = { users: Int32Array.from({ length: T }, (_, t) => t), offsets, items: heldItems, grade };
	return w;
}
