/**
 * Item sampling probabilities for the two-tower model's in-batch sampling-bias correction (pure, no TF.js).
 *
 * Streaming frequency estimation, Yi, Yang, Hong, Cheng, Heldt, Kumthekar, Zhao, Wei & Chi, "Sampling-bias-corrected
 * neural modeling for large corpus item recommendations", RecSys 2019, Algorithm 2: arrays A and B of size H and a
 * hash h: ids → [0, H). At global step t (one batch), for every item y of the batch (duplicates included):
 *     B[h(y)] ← (1 − α)·B[h(y)] + α·(t − A[h(y)]),   A[h(y)] ← t,
 * so B[h(y)] is an exponential moving average of the number of steps between consecutive occurrences of y, and the
 * estimated sampling probability is p̂(y) = 1/B[h(y)] — the expected number of occurrences of y in a batch (a second
 * occurrence in the same batch contributes a gap of 0; the mean gap per occurrence is 1/E[occurrences per step]).
 * Both arrays start at 0 (the stream starts at t = 0). A moving average started at 0 is biased towards 0 for its
 * first ≈ 1/α updates, so a rare item (seen a few times in training) would get a gap far too short and p̂ far too
 * large (measured: the corrected retriever then recommended items as unpopular as the uncorrected one's). `gap`
 * therefore divides by 1 − (1 − α)^n, n the updates of the slot — the bias correction of Adam's moving averages
 * (Kingma & Ba 2015, §3); after one occurrence the gap is t, the steps since the stream started, and as n grows the
 * factor tends to 1 and the estimate is Algorithm 2's. With several hash functions (the paper's "multiple hashings"
 * extension), each has its own arrays and p̂(y) = 1/max_k B_k[h_k(y)]: a collision makes gaps shorter, so the
 * largest B is the least contaminated. An item not seen yet has B = 0; its p̂ is reported as 0 (never infinite).
 *
 * Hash: h_k(y) = murmur3-finalised mix of (seed, k, y) mod H (`mixSeed`), or the identity when H ≥ the number of
 * items and one hash is used (no collisions, the setting that isolates the estimator's own error).
 *
 * The exact alternative, `exactBatchProbabilities`, is count_y / Σ counts × batch size: the same quantity (expected
 * occurrences per batch) from the full log. A constant factor cancels in the softmax (log p enters every logit of a
 * row), so both are on the scale the paper uses.
 */
import { mixSeed } from '$lib/data/rng';

export interface FrequencyEstimatorOptions {
	/** H, the size of each hash array. */
	buckets: number;
	/** α, the learning rate of the moving average (the paper uses e.g. 0.01–0.1). */
	alpha: number;
	/** Number of hash functions (1 = Algorithm 2; more = multiple hashings). */
	hashes?: number;
	seed?: number;
	/** Use the identity hash (requires buckets ≥ every id and hashes = 1). */
	identity?: boolean;
}

export class StreamingFrequencyEstimator {
	readonly buckets: number;
	readonly alpha: number;
	readonly hashes: number;
	private readonly seed: number;
	private readonly identity: boolean;
	private readonly A: Float64Array;
	private readonly B: Float64Array;
	/** Updates of each slot (for the bias correction). */
	private readonly n: Float64Array;
	/** The global step of the last `update` (0 before any). */
	step = 0;

	constructor(o: FrequencyEstimatorOptions) {
		const hashes = o.hashes ?? 1;
		if (!Number.isInteger(o.buckets) || o.buckets < 1) throw new RangeError(`The hash arrays need a whole number of buckets ≥ 1 (got ${o.buckets}).`);
		if (!(o.alpha > 0 && o.alpha <= 1)) throw new RangeError(`The estimator's learning rate α must be in (0, 1] (got ${o.alpha}).`);
		if (!Number.isInteger(hashes) || hashes < 1 || hashes > 16) throw new RangeError(`Use 1 to 16 hash functions (got ${hashes}).`);
		if (o.identity && hashes !== 1) throw new RangeError('The identity hash is a single hash function: set hashes to 1.');
		this.buckets = o.buckets;
		this.alpha = o.alpha;
		this.hashes = hashes;
		this.seed = (o.seed ?? 0) >>> 0;
		this.identity = o.identity ?? false;
		this.A = new Float64Array(hashes * o.buckets);
		this.B = new Float64Array(hashes * o.buckets);
		this.n = new Float64Array(hashes * o.buckets);
	}

	/** The slot of item y in hash array k. */
	private slot(k: number, y: number): number {
		if (this.identity) {
			if (y >= this.buckets) throw new RangeError(`Item ${y} is outside the identity hash's ${this.buckets} buckets.`);
			return y;
		}
		return k * this.buckets + (mixSeed(mixSeed(this.seed, k), y) % this.buckets);
	}

	/** One training step: t ← t + 1, then Algorithm 2's update for every item of the batch, in order. */
	update(batch: ArrayLike<number>): void {
		const t = ++this.step;
		const a = this.alpha;
		for (let j = 0; j < batch.length; j++) {
			const y = batch[j];
			if (!Number.isInteger(y) || y < 0) throw new RangeError(`Item ids must be whole numbers ≥ 0 (got ${y}).`);
			for (let k = 0; k < this.hashes; k++) {
				const s = this.slot(k, y);
				this.B[s] = (1 - a) * this.B[s] + a * (t - this.A[s]);
				this.A[s] = t;
				this.n[s]++;
			}
		}
	}

	/** B / (1 − (1 − α)^n) (the estimated steps between occurrences) of item y: the largest over the hash functions. */
	gap(y: number): number {
		let b = 0;
		for (let k = 0; k < this.hashes; k++) {
			const s = this.slot(k, y);
			if (this.n[s] > 0) b = Math.max(b, this.B[s] / (1 - (1 - this.alpha) ** this.n[s]));
		}
		return b;
	}

	/** p̂(y) = 1/B: the estimated occurrences of y per step (batch); 0 for an item not seen yet. */
	probability(y: number): number {
		const b = this.gap(y);
		return b > 0 ? 1 / b : 0;
	}

	/** p̂ of every item of a batch, into `out`. */
	probabilities(items: ArrayLike<number>, out = new Float64Array(items.length)): Float64Array {
		for (let j = 0; j < items.length; j++) out[j] = this.probability(items[j]);
		return out;
	}
}

/** Exact expected occurrences per batch of each item: count_y / Σ counts · batchSize. */
export function exactBatchProbabilities(counts: ArrayLike<number>, batchSize: number): Float64Array {
	if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`The batch size must be a whole number ≥ 1 (got ${batchSize}).`);
	let total = 0;
	for (let i = 0; i < counts.length; i++) {
		const c = counts[i];
		if (!(c >= 0) || !Number.isFinite(c)) throw new RangeError(`Counts must be finite and ≥ 0 (count ${i} is ${c}).`);
		total += c;
	}
	if (!(total > 0)) throw new RangeError('The counts are all zero: there is no log to estimate probabilities from.');
	const out = new Float64Array(counts.length);
	for (let i = 0; i < counts.length; i++) out[i] = (counts[i] / total) * batchSize;
	return out;
}
