/**
 * The funnel's ranking stage: a logistic-regression click model trained on the logged impressions, re-ranking the
 * retriever's top K candidates. Plain TypeScript, deterministic per seed.
 *
 * Data: every shown item of the ranker's sessions (the last `sessionShare` of each user's training sessions; the
 * retriever learns from the earlier ones: `splitLog`), label 1 if clicked, 0 if shown and not clicked; at most
 * `maxRows` of them (a seeded uniform sample when there are more).
 * Features x(u, i, p):
 *   1. s(u, i) — the retriever's score (the two-tower inner product);
 *   2. log(1 + c_i) — the item's clicks in the retriever's sessions (popularity);
 *   3. rankerAffinity(u, i) — a noisy view of the true taste match that the retriever does not see (world.ts §6);
 *   4. position dummies 1[p = 2], …, 1[p = L] (`positionFeature`), position 1 the reference.
 * The three continuous features are standardised (training mean and standard deviation); the dummies stay 0/1.
 * Model: P(click) = σ(b + w·x). Fit: mean log-loss + (λ/2)‖w‖² (the bias not penalised), by Newton's method (IRLS:
 * H = Xᵀ diag(p(1 − p)) X / n + λI, solved by Cholesky; logistic.ts, pinned to scipy), halving the step while the objective does not decrease,
 * until the largest step component is below 1e-9 or `iterations` are used — the objective of sklearn's
 * LogisticRegression with C = 1/(λn) (sklearn also leaves the intercept unpenalised with its default solver).
 *
 * Position debiasing, "position as a feature": clicks are θ_p·γ(u, i) (the examination model; Joachims,
 * Swaminathan & Schnabel 2017, "Unbiased learning-to-rank with biased feedback", WSDM), so an item's click rate
 * mixes how good it is with where it was shown; the logging system put better items higher, so without a position
 * term the model credits the features with the position's effect. With position dummies in training the other
 * weights are estimated holding position fixed, and at serving every candidate is scored at the same position
 * (position 1: the dummies are 0), which removes the position term from the ordering — the shallow position tower
 * of Zhao et al. 2019 ("Recommending what video to watch next", RecSys; dropped at serving) and Guo et al.'s PAL
 * (RecSys 2019, "PAL: a position-bias aware learning framework for CTR prediction") with a fixed serving position.
 * Here the logit of θ_p·γ is not exactly additive in p, so the dummies are an approximation of the examination model.
 *
 * Serving: `rerank` scores each candidate by the logit b + w·x(u, i, 1) and sorts descending; ties keep the
 * retrieval order (a stable sort).
 */
import { createRng } from '$lib/data/rng';
import { rankerAffinity, type FunnelWorld } from '../world';
import { fitLogistic } from './logistic';

export interface RankerConfig {
	/** Most impressions used for training (a seeded sample when the log has more). */
	maxRows: number;
	/** λ of the L2 penalty on the weights (not the bias). */
	l2: number;
	/** Newton iterations at most. */
	iterations: number;
	/** Train with position dummies and score at position 1. */
	positionFeature: boolean;
	/** Share of each user's training sessions (the last ones) kept for the ranker; the retriever learns from the rest. */
	sessionShare: number;
	seed: number;
}

export const DEFAULT_RANKER: RankerConfig = { maxRows: 200_000, l2: 1e-4, iterations: 30, positionFeature: true, sessionShare: 0.25, seed: 1 };

/**
 * The time split of the training sessions: user u's sessions 0 … split − 1 are the retriever's (its clicks train the
 * two-tower and give the click counts), sessions split … sessionsPerUser − 1 are the ranker's (their impressions
 * train the ranker). Without it the ranker would learn from clicks the retriever was fitted to, where the retrieval
 * score is over-confident — the usual practice of training each stage on later data than the one before.
 */
export interface LogSplit {
	split: number;
	/** The retriever's clicks (user-major, as world.log). */
	user: Int32Array;
	item: Int32Array;
	/** Clicks per item in the retriever's sessions: the ranker's popularity feature. */
	counts: Int32Array;
}

export function splitLog(world: FunnelWorld, sessionShare: number): LogSplit {
	if (!(sessionShare >= 0 && sessionShare < 1)) throw new RangeError(`The ranker's share of sessions must be in [0, 1) (got ${sessionShare}).`);
	const { slate: L, sessionsPerUser: P, items: N } = world.config;
	const split = Math.max(1, Math.min(P, Math.round(P * (1 - sessionShare))));
	const { clicked } = world.impressions;
	const keep = new Uint8Array(world.log.item.length);
	let c = 0;
	let kept = 0;
	// The log lists the clicked impressions in impression order, so the c-th click is the c-th clicked impression.
	for (let k = 0; k < clicked.length; k++)
		if (clicked[k]) {
			if (Math.floor(k / L) % P < split) {
				keep[c] = 1;
				kept++;
			}
			c++;
		}
	const user = new Int32Array(kept);
	const item = new Int32Array(kept);
	const counts = new Int32Array(N);
	for (let k = 0, o = 0; k < keep.length; k++)
		if (keep[k]) {
			user[o] = world.log.user[k];
			item[o++] = world.log.item[k];
			counts[world.log.item[k]]++;
		}
	return { split, user, item, counts };
}

/** The continuous features, in the order of the weights (the position dummies follow). */
export const RANKER_FEATURES = ['retrieval', 'log-clicks', 'affinity'] as const;
const F = RANKER_FEATURES.length;

export interface RankerModel {
	bias: number;
	/** Weights of the standardised continuous features, then of the position dummies 2..L (when used). */
	weights: number[];
	mean: number[];
	sd: number[];
	positionFeature: boolean;
	rows: number;
	positives: number;
	/** Mean log-loss of the fitted model on its training rows (penalty excluded). */
	logLoss: number;
	/** Mean log-loss of the constant model (the click rate alone), for comparison. */
	baseLogLoss: number;
	iterations: number;
	/** Largest |gradient| component of the penalised objective at the end (≈ 0 when converged). */
	gradientNorm: number;
}

/** The retriever's score of (user, item). */
export type RetrievalScore = (user: number, item: number) => number;

/** Inner product of row u of `users` and row i of `items` (dimension d): the two-tower score. */
export function dotScore(users: Float32Array, items: Float32Array, d: number): RetrievalScore {
	return (u, i) => {
		let s = 0;
		const a = u * d;
		const b = i * d;
		for (let q = 0; q < d; q++) s += users[a + q] * items[b + q];
		return s;
	};
}

export function validateRanker(c: RankerConfig): void {
	const whole = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;
	if (!whole(c.maxRows, 10, 1e7)) throw new RangeError(`The ranker's training rows must be a whole number from 10 to 10,000,000 (got ${c.maxRows}).`);
	if (!(c.l2 >= 0 && c.l2 <= 100)) throw new RangeError(`The ranker's L2 penalty must be between 0 and 100 (got ${c.l2}).`);
	if (!whole(c.iterations, 1, 1000)) throw new RangeError(`The ranker's iterations must be a whole number from 1 to 1,000 (got ${c.iterations}).`);
	if (!(c.sessionShare >= 0 && c.sessionShare < 1)) throw new RangeError(`The ranker's share of sessions must be in [0, 1) (got ${c.sessionShare}).`);
	if (!Number.isFinite(c.seed)) throw new RangeError(`The ranker's seed must be a finite number (got ${c.seed}).`);
}

/**
 * Which impressions train the ranker: those of sessions split … P − 1 of each user (all sessions when split is 0), or
 * a seeded sample of `maxRows` of them (sorted, so reads stay in order).
 */
function trainingRows(world: FunnelWorld, split: number, c: RankerConfig): Int32Array {
	const { slate: L, sessionsPerUser: P } = world.config;
	const rows: number[] = [];
	for (let k = 0; k < world.impressions.item.length; k++) if (Math.floor(k / L) % P >= split) rows.push(k);
	const all = Int32Array.from(rows);
	const total = all.length;
	if (total <= c.maxRows) return all;
	createRng(c.seed).fork('ranker-rows').shuffle(all);
	return all.subarray(0, c.maxRows).sort();
}

/**
 * Fits the click model on the impressions of the ranker's sessions (`data.split`, see `splitLog`), with the click
 * counts of the retriever's sessions as popularity. `score` is the retriever's score; `shouldStop` is checked between
 * Newton iterations, after a turn of the event loop (resolves to null when stopped).
 */
export async function trainRanker(
	world: FunnelWorld,
	score: RetrievalScore,
	data: Pick<LogSplit, 'split' | 'counts'>,
	config: RankerConfig = DEFAULT_RANKER,
	shouldStop?: () => boolean
): Promise<RankerModel | null> {
	validateRanker(config);
	const L = world.config.slate;
	const { impressions } = world;
	const { counts } = data;
	const rows = trainingRows(world, data.split, config);
	const n = rows.length;
	const dummies = config.positionFeature ? L - 1 : 0;
	const p = 1 + F + dummies; // bias first
	const X = new Float64Array(n * p);
	const y = new Float64Array(n);
	let positives = 0;
	for (let r = 0; r < n; r++) {
		const k = rows[r];
		const u = impressions.user[Math.floor(k / L)];
		const i = impressions.item[k];
		const o = r * p;
		X[o] = 1;
		X[o + 1] = score(u, i);
		X[o + 2] = Math.log1p(counts[i]);
		X[o + 3] = rankerAffinity(world, u, i);
		const pos = (k % L) + 1;
		if (dummies > 0 && pos >= 2) X[o + F + pos - 1] = 1;
		positives += y[r] = impressions.clicked[k];
	}
	if (positives === 0 || positives === n) throw new RangeError('The ranker needs both clicked and unclicked impressions to learn from.');
	const mean: number[] = [];
	const sd: number[] = [];
	for (let f = 1; f <= F; f++) {
		let m = 0;
		for (let r = 0; r < n; r++) m += X[r * p + f];
		m /= n;
		let v = 0;
		for (let r = 0; r < n; r++) v += (X[r * p + f] - m) ** 2;
		const s = Math.sqrt(v / n) || 1;
		for (let r = 0; r < n; r++) X[r * p + f] = (X[r * p + f] - m) / s;
		mean.push(m);
		sd.push(s);
	}

	const fit = await fitLogistic(X, y, p, config.l2, config.iterations, shouldStop);
	if (fit === null) return null;
	const beta = fit.beta;
	return {
		bias: beta[0],
		weights: Array.from(beta.subarray(1)),
		mean,
		sd,
		positionFeature: config.positionFeature,
		rows: n,
		positives,
		logLoss: fit.logLoss,
		baseLogLoss: fit.baseLogLoss,
		iterations: fit.iterations,
		gradientNorm: fit.gradientNorm
	};
}

/** Scores and re-ranks candidates with a fitted `RankerModel` (at position 1). */
export class Ranker {
	private keys = new Float64Array(0);
	private order = new Int32Array(0);

	/** `counts`: the click counts the model was trained with (`LogSplit.counts`). */
	constructor(
		readonly model: RankerModel,
		private readonly world: FunnelWorld,
		private readonly counts: ArrayLike<number>
	) {}

	/** The model's logit for (user, item) at position 1, given the retriever's score of the pair. */
	score(user: number, item: number, retrievalScore: number): number {
		const { weights: w, mean, sd } = this.model;
		return (
			this.model.bias +
			(w[0] * (retrievalScore - mean[0])) / sd[0] +
			(w[1] * (Math.log1p(this.counts[item]) - mean[1])) / sd[1] +
			(w[2] * (rankerAffinity(this.world, user, item) - mean[2])) / sd[2]
		);
	}

	/**
	 * The candidates ordered by the model, best first (a new array). `scores[j]` is the retriever's score of
	 * `candidates[j]`; `length` re-ranks only the first `length` candidates (default all).
	 */
	rerank(candidates: Int32Array, user: number, scores: ArrayLike<number>, length = candidates.length): Int32Array {
		if (scores.length < length) throw new RangeError(`The retrieval scores (${scores.length}) do not cover the ${length} candidates.`);
		if (this.keys.length < length) {
			this.keys = new Float64Array(length);
			this.order = new Int32Array(length);
		}
		const keys = this.keys;
		const order = this.order.subarray(0, length);
		for (let j = 0; j < length; j++) {
			keys[j] = this.score(user, candidates[j], scores[j]);
			order[j] = j;
		}
		order.sort((a, b) => keys[b] - keys[a] || a - b);
		const out = new Int32Array(length);
		for (let j = 0; j < length; j++) out[j] = candidates[order[j]];
		return out;
	}
}
