/**
 * The funnel lab's retriever: a two-tower model trained with a sampled softmax on logged (user, item) pairs.
 *
 * Towers. User u → e_u, item i → e_i (embedding rows of dimension d), L2-normalised when `normalize` is set (as
 * Yi et al. do). Score s(u, i) = ⟨f(u), g(i)⟩; the lab's search indexes use these output vectors.
 *
 * Loss (per batch of B logged pairs (u_k, y_k)), softmax cross-entropy of the logged item against candidates:
 * - 'uniform': candidates = y_k plus K items drawn uniformly from the catalogue, shared by the batch (sampled
 *   softmax, Jean et al. 2015 / TensorFlow's `sampled_softmax_loss`). Uniform proposals shift every logit by the same
 *   log Q, so no correction is needed.
 * - 'in-batch': candidates = the batch's logged items, logits s(u_k, y_j)/τ (B × B, label on the diagonal).
 * - 'in-batch-corrected': Yi et al. 2019 (RecSys, "Sampling-bias-corrected neural modeling for large corpus item
 *   recommendations", eq. 3): logits s(u_k, y_j)/τ − log p_j, p_j the sampling probability of y_j, from the streaming
 *   estimator of their Algorithm 2 (`frequency.ts`; updated with the batch, then read) or, with `correction:
 *   'exact'`, from the log's counts. Serving uses the uncorrected score.
 * Accidental hits (a candidate equal to the row's logged item other than the label, e.g. the same item twice in a
 * batch) are masked out of the softmax, as `remove_accidental_hits` does in TensorFlow and TFRS's Retrieval task.
 * Peer implementation: TensorFlow Recommenders' `tfrs.tasks.Retrieval` (in-batch softmax with
 * `candidate_sampling_probability` subtracting log p, and `remove_accidental_hits`).
 *
 * Gradients are closed-form in plain TypeScript: ∂loss/∂logit = (softmax − onehot)/B, then through the dot products
 * and the normalisation (∂/∂e of e/|e| is (g − (g·z)z)/|e|). A first version used TF.js autodiff (tf.valueAndGrads)
 * and gave the same losses to the printed digits, but the TF.js CPU backend took ≈ 110 ms a step at B = 256, d = 32
 * (a 256 × 256 × 32 matMul alone ≈ 23 ms in Node), ≈ 6× slower than this. Optimisation: Adam applied to the rows
 * each batch touches (`sparse-adam.ts`, LazyAdam semantics).
 */
import { createRng } from '$lib/data/rng';
import { throttle, yieldToEventLoop } from '../../../engine/run-control';
import { exactBatchProbabilities, StreamingFrequencyEstimator } from './frequency';
import { SparseAdam } from './sparse-adam';

export type Negatives = 'uniform' | 'in-batch' | 'in-batch-corrected';

export interface TwoTowerConfig {
	/** Output (and embedding) dimension d. */
	dim: number;
	/** L2-normalise the towers' outputs. */
	normalize: boolean;
	negatives: Negatives;
	/** K, uniform negatives per batch ('uniform'). */
	uniformNegatives: number;
	/** Where p_j comes from ('in-batch-corrected'). */
	correction: 'streaming' | 'exact';
	/** τ: logits are s/τ. */
	temperature: number;
	lr: number;
	batchSize: number;
	epochs: number;
	/** α and H of the streaming frequency estimator (H = 0: one bucket per item, identity hash). */
	freqAlpha: number;
	freqBuckets: number;
	seed: number;
}

export const DEFAULT_TWO_TOWER: TwoTowerConfig = {
	dim: 32,
	normalize: true,
	negatives: 'in-batch-corrected',
	uniformNegatives: 256,
	correction: 'streaming',
	temperature: 0.1,
	lr: 0.01,
	batchSize: 256,
	epochs: 5,
	freqAlpha: 0.05,
	freqBuckets: 0,
	seed: 1
};

export interface InteractionLog {
	users: number;
	items: number;
	user: Int32Array;
	item: Int32Array;
}

export interface TwoTowerProgress {
	epoch: number;
	epochs: number;
	step: number;
	steps: number;
	/** Mean loss since the previous report. */
	loss: number;
}

export interface TwoTowerOptions {
	onProgress?: (p: TwoTowerProgress) => void;
	/** Checked between batches; true stops training (the embeddings trained so far are returned). */
	cancelled?: () => boolean;
	/** Minimum ms between progress reports (the last batch always reports). */
	reportMs?: number;
}

export interface TwoTowerResult {
	status: 'done' | 'cancelled';
	dim: number;
	/** Tower outputs, row-major U × d and N × d. */
	userEmbeddings: Float32Array;
	itemEmbeddings: Float32Array;
	/** Mean training loss of each completed epoch. */
	epochLosses: number[];
	steps: number;
	seconds: number;
}

export function validateTwoTower(c: TwoTowerConfig, log: InteractionLog): void {
	const check = (ok: boolean, msg: string) => {
		if (!ok) throw new RangeError(msg);
	};
	const whole = (x: number, lo: number, hi: number) => Number.isInteger(x) && x >= lo && x <= hi;
	check(whole(c.dim, 1, 512), `The embedding dimension must be a whole number from 1 to 512 (got ${c.dim}).`);
	check(['uniform', 'in-batch', 'in-batch-corrected'].includes(c.negatives), `Unknown negatives '${c.negatives}'.`);
	check(c.correction === 'streaming' || c.correction === 'exact', `Unknown correction '${c.correction}'.`);
	check(whole(c.uniformNegatives, 1, 100000), `Uniform negatives must be a whole number from 1 to 100,000 (got ${c.uniformNegatives}).`);
	check(c.temperature > 0 && Number.isFinite(c.temperature), `The temperature must be positive (got ${c.temperature}).`);
	check(c.lr > 0 && c.lr < 10, `The learning rate must be between 0 and 10 (got ${c.lr}).`);
	check(whole(c.batchSize, 2, 65536), `The batch size must be a whole number from 2 to 65,536 (got ${c.batchSize}).`);
	check(whole(c.epochs, 1, 10000), `Epochs must be a whole number from 1 to 10,000 (got ${c.epochs}).`);
	check(c.freqAlpha > 0 && c.freqAlpha <= 1, `The estimator's α must be in (0, 1] (got ${c.freqAlpha}).`);
	check(whole(c.freqBuckets, 0, 1 << 26), `The estimator's buckets must be a whole number ≥ 0 (got ${c.freqBuckets}).`);
	check(whole(log.users, 1, 1e7) && whole(log.items, 2, 1e7), 'The log needs at least one user and two items.');
	check(log.user.length === log.item.length, `The log's users and items differ in length (${log.user.length} vs ${log.item.length}).`);
	check(log.user.length >= 2, 'The log needs at least two interactions.');
	for (let k = 0; k < log.user.length; k++) {
		if (log.user[k] < 0 || log.user[k] >= log.users || log.item[k] < 0 || log.item[k] >= log.items)
			throw new RangeError(`Interaction ${k} refers to user ${log.user[k]}, item ${log.item[k]} outside the catalogue.`);
	}
}

const MASKED = -1e9;

/** Rows of a table, L2-normalised when asked; also returns each row's norm. */
function gatherRows(table: Float32Array, d: number, rows: ArrayLike<number>, normalize: boolean): { x: Float64Array; norm: Float64Array } {
	const x = new Float64Array(rows.length * d);
	const norm = new Float64Array(rows.length);
	for (let k = 0; k < rows.length; k++) {
		const o = rows[k] * d;
		let s = 0;
		for (let j = 0; j < d; j++) s += (x[k * d + j] = table[o + j]) ** 2;
		norm[k] = Math.sqrt(s + 1e-12);
		if (normalize) for (let j = 0; j < d; j++) x[k * d + j] /= norm[k];
	}
	return { x, norm };
}

/** Back through z = e/|e|: dL/de = (g − (g·z)z)/|e| (in place on g). */
function normBackward(g: Float64Array, z: Float64Array, norm: Float64Array, d: number): void {
	for (let k = 0; k < norm.length; k++) {
		let gz = 0;
		for (let j = 0; j < d; j++) gz += g[k * d + j] * z[k * d + j];
		for (let j = 0; j < d; j++) g[k * d + j] = (g[k * d + j] - gz * z[k * d + j]) / norm[k];
	}
}

/**
 * One batch's loss and gradients. Row k of U (the batch's users) scores candidate rows j of V: in-batch, every row
 * j < B (the batch's items); uniform (`uniformK` > 0), its own item j = k and the shared negatives B … B + K − 1. The
 * label is always j = k. logit = ⟨U_k, V_j⟩/τ − shift_j, masked when rows[j] = rows[k] for j ≠ k (an accidental hit);
 * loss = mean_k (logsumexp_k − logit of the label); ∂loss/∂logit = (softmax − onehot)/B. One pass per row (no
 * closures, one reused logits buffer): this loop is most of the training time (3·B·C·d multiply–adds a batch).
 */
function batchLoss(
	U: Float64Array,
	V: Float64Array,
	d: number,
	B: number,
	uniformK: number,
	rows: Int32Array,
	shift: Float64Array | null,
	tau: number,
	gU: Float64Array,
	gV: Float64Array,
	logits: Float64Array
): number {
	const C = uniformK > 0 ? uniformK + 1 : B;
	const inv = 1 / tau;
	let loss = 0;
	for (let k = 0; k < B; k++) {
		const uo = k * d;
		const own = rows[k];
		let max = -Infinity;
		for (let c = 0; c < C; c++) {
			const j = uniformK > 0 ? (c === 0 ? k : B + c - 1) : c;
			const vo = j * d;
			let s = 0;
			for (let q = 0; q < d; q++) s += U[uo + q] * V[vo + q];
			let l = s * inv - (shift === null ? 0 : shift[j]);
			if (j !== k && rows[j] === own) l += MASKED;
			logits[c] = l;
			if (l > max) max = l;
		}
		let z = 0;
		for (let c = 0; c < C; c++) z += logits[c] = Math.exp(logits[c] - max);
		const scale = 1 / (z * B * tau);
		for (let c = 0; c < C; c++) {
			const j = uniformK > 0 ? (c === 0 ? k : B + c - 1) : c;
			const g = logits[c] * scale - (j === k ? inv / B : 0);
			if (j === k) loss -= Math.log(Math.max(logits[c] / z, 1e-300));
			if (g === 0) continue;
			const vo = j * d;
			for (let q = 0; q < d; q++) {
				gU[uo + q] += g * V[vo + q];
				gV[vo + q] += g * U[uo + q];
			}
		}
	}
	return loss / B;
}

export async function trainTwoTower(log: InteractionLog, config: TwoTowerConfig, options: TwoTowerOptions = {}): Promise<TwoTowerResult> {
	validateTwoTower(config, log);
	const c = config;
	const t0 = performance.now();
	const d = c.dim;
	const rng = createRng(c.seed);
	const init = rng.fork('init');
	const order = rng.fork('order');
	const negRng = rng.fork('negatives');
	const sd = 1 / Math.sqrt(d);
	const userTable = Float32Array.from({ length: log.users * d }, () => init.normal(0, sd));
	const itemTable = Float32Array.from({ length: log.items * d }, () => init.normal(0, sd));
	const userAdam = new SparseAdam(userTable, d, { lr: c.lr });
	const itemAdam = new SparseAdam(itemTable, d, { lr: c.lr });

	const n = log.user.length;
	const B = Math.min(c.batchSize, n);
	const batchesPerEpoch = Math.floor(n / B);
	const steps = batchesPerEpoch * c.epochs;
	const corrected = c.negatives === 'in-batch-corrected';
	const uniform = c.negatives === 'uniform';
	const K = c.uniformNegatives;
	let exact: Float64Array | null = null;
	let freq: StreamingFrequencyEstimator | null = null;
	if (corrected && c.correction === 'exact') {
		const counts = new Float64Array(log.items);
		for (let k = 0; k < n; k++) counts[log.item[k]]++;
		exact = exactBatchProbabilities(counts, B);
	} else if (corrected) {
		freq = new StreamingFrequencyEstimator({ buckets: c.freqBuckets || log.items, alpha: c.freqAlpha, identity: c.freqBuckets === 0, seed: c.seed });
	}

	const perm = Int32Array.from({ length: n }, (_, k) => k);
	// Candidate rows: the batch's items, then (uniform) the K shared negatives.
	const rows = new Int32Array(uniform ? B + K : B);
	const users = new Int32Array(B);
	const logits = new Float64Array(uniform ? K + 1 : B);
	const shift = corrected ? new Float64Array(B) : null;
	const shouldReport = throttle(options.reportMs ?? 100);
	const epochLosses: number[] = [];
	let step = 0;
	let lossSum = 0;
	let lossN = 0;
	let lastYield = performance.now();
	let status: TwoTowerResult['status'] = 'done';

	outer: for (let epoch = 1; epoch <= c.epochs; epoch++) {
		order.shuffle(perm);
		let epochSum = 0;
		for (let b = 0; b < batchesPerEpoch; b++) {
			if (options.cancelled?.()) {
				status = 'cancelled';
				break outer;
			}
			for (let k = 0; k < B; k++) {
				users[k] = log.user[perm[b * B + k]];
				rows[k] = log.item[perm[b * B + k]];
			}
			if (uniform) for (let j = 0; j < K; j++) rows[B + j] = negRng.int(log.items);
			if (freq && shift) {
				freq.update(rows.subarray(0, B));
				for (let j = 0; j < B; j++) shift[j] = Math.log(freq.probability(rows[j]));
			} else if (exact && shift) for (let j = 0; j < B; j++) shift[j] = Math.log(exact[rows[j]]);
			const u = gatherRows(userTable, d, users, c.normalize);
			const v = gatherRows(itemTable, d, rows, c.normalize);
			const gU = new Float64Array(u.x.length);
			const gV = new Float64Array(v.x.length);
			const loss = batchLoss(u.x, v.x, d, B, uniform ? K : 0, rows, shift, c.temperature, gU, gV, logits);
			if (!Number.isFinite(loss)) throw new RangeError('The training loss is not finite: lower the learning rate or raise the temperature.');
			if (c.normalize) {
				normBackward(gU, u.x, u.norm, d);
				normBackward(gV, v.x, v.norm, d);
			}
			step++;
			userAdam.apply(users, gU, step);
			itemAdam.apply(rows, gV, step);
			epochSum += loss;
			lossSum += loss;
			lossN++;
			if (options.onProgress && shouldReport(step === steps)) {
				options.onProgress({ epoch, epochs: c.epochs, step, steps, loss: lossSum / lossN });
				lossSum = 0;
				lossN = 0;
			}
			if (performance.now() - lastYield > 40) {
				// Let the worker receive a cancel (or a newer request) between batches.
				await yieldToEventLoop();
				lastYield = performance.now();
			}
		}
		epochLosses.push(epochSum / batchesPerEpoch);
	}
	return {
		status,
		dim: d,
		userEmbeddings: outputs(userTable, d, c.normalize),
		itemEmbeddings: outputs(itemTable, d, c.normalize),
		epochLosses,
		steps: step,
		seconds: (performance.now() - t0) / 1000
	};
}

/** The towers' outputs for every row of a table. */
function outputs(table: Float32Array, d: number, normalize: boolean): Float32Array {
	if (!normalize) return table.slice();
	const n = table.length / d;
	const all = Int32Array.from({ length: n }, (_, k) => k);
	return Float32Array.from(gatherRows(table, d, all, true).x);
}
