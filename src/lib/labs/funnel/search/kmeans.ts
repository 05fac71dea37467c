/**
 * Seeded k-means for IVF's coarse quantiser (Lloyd 1982, "Least squares quantization in PCM"), trained as faiss's
 * `Clustering` trains it: on a random sample of the items (faiss uses at most 256 points per centroid; here at most
 * `samplePerCentroid`, default 64), initial centroids k distinct sampled points, then a few Lloyd iterations
 * (assign each sample point to its nearest centroid in squared L2, move every centroid to the mean of its points).
 * An empty cluster takes over a random point of the largest cluster, nudged by ±1e-4·|x| per coordinate (faiss's
 * `split_clusters` does the same with a small symmetric perturbation), so no list is ever left without a centroid.
 *
 * Randomness is the caller's Rng (src/lib/data/rng.ts): the same seed gives the same centroids.
 */
import type { Rng } from '$lib/data/rng';
import { innerProduct } from './exact';

export interface KMeansOptions {
	iterations?: number;
	samplePerCentroid?: number;
	/** Called after each iteration; returning true stops early (the centroids so far are kept). */
	onIteration?: (iteration: number, total: number) => boolean | void;
}

/**
 * Nearest centroid of row `row` of `data` in squared L2: ‖x − c‖² = ‖x‖² − 2·x·c + ‖c‖², so the nearest c has the
 * largest x·c − ‖c‖²/2 (`halfNorms[c]` = ‖c‖²/2; ties go to the lower index).
 */
export function nearestCentroid(data: Float32Array, row: number, centroids: Float32Array, halfNorms: Float64Array, k: number, d: number): number {
	let best = 0;
	let bestScore = -Infinity;
	const x = data.subarray(row * d, row * d + d);
	for (let c = 0; c < k; c++) {
		const s = innerProduct(centroids, c, x, d) - halfNorms[c];
		if (s > bestScore) {
			bestScore = s;
			best = c;
		}
	}
	return best;
}

/** ‖c‖²/2 of every centroid. */
export function halfSquaredNorms(centroids: Float32Array, k: number, d: number): Float64Array {
	const out = new Float64Array(k);
	for (let c = 0; c < k; c++) out[c] = innerProduct(centroids, c, centroids.subarray(c * d, c * d + d), d) / 2;
	return out;
}

/** k centroids (k·d, row-major) of the n·d `vectors`. Needs 1 ≤ k ≤ n. */
export function kMeans(vectors: Float32Array, n: number, d: number, k: number, rng: Rng, options: KMeansOptions = {}): Float32Array {
	if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k-means needs a whole number of clusters from 1 to n = ${n} (got ${k}).`);
	const iterations = options.iterations ?? 10;
	const perCentroid = options.samplePerCentroid ?? 64;
	if (!Number.isInteger(iterations) || iterations < 0) throw new RangeError(`k-means iterations must be a whole number ≥ 0 (got ${iterations}).`);
	if (!Number.isInteger(perCentroid) || perCentroid < 1) throw new RangeError(`samplePerCentroid must be a whole number ≥ 1 (got ${perCentroid}).`);

	// The training sample: a random subset of m rows (all rows when n is small), copied contiguously.
	const m = Math.min(n, k * perCentroid);
	const order = new Int32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	// Partial Fisher–Yates: the first m entries are a uniform random subset.
	for (let i = 0; i < m; i++) {
		const j = i + rng.int(n - i);
		const t = order[i];
		order[i] = order[j];
		order[j] = t;
	}
	const sample = new Float32Array(m * d);
	for (let i = 0; i < m; i++) sample.set(vectors.subarray(order[i] * d, order[i] * d + d), i * d);

	// Initial centroids: the first k sampled points (a uniform random choice of k distinct items).
	const centroids = sample.slice(0, k * d);
	const assign = new Int32Array(m);
	const sums = new Float64Array(k * d);
	const counts = new Int32Array(k);
	for (let it = 0; it < iterations; it++) {
		sums.fill(0);
		counts.fill(0);
		const halfNorms = halfSquaredNorms(centroids, k, d);
		for (let i = 0; i < m; i++) {
			const c = nearestCentroid(sample, i, centroids, halfNorms, k, d);
			assign[i] = c;
			counts[c]++;
			for (let j = 0; j < d; j++) sums[c * d + j] += sample[i * d + j];
		}
		for (let c = 0; c < k; c++) if (counts[c] > 0) for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j] / counts[c];
		for (let c = 0; c < k; c++) {
			if (counts[c] > 0) continue;
			// Split the largest cluster: take one of its points, nudged, as this centroid.
			let big = 0;
			for (let b = 1; b < k; b++) if (counts[b] > counts[big]) big = b;
			let pick = rng.int(counts[big]);
			let row = 0;
			for (let i = 0; i < m; i++)
				if (assign[i] === big && pick-- === 0) {
					row = i;
					break;
				}
			for (let j = 0; j < d; j++) {
				const x = sample[row * d + j];
				const eps = 1e-4 * (Math.abs(x) + 1e-6);
				centroids[c * d + j] = x + (j % 2 === 0 ? eps : -eps);
				centroids[big * d + j] = centroids[big * d + j] - (j % 2 === 0 ? eps : -eps);
			}
			counts[c] = 1;
			counts[big]--;
		}
		if (options.onIteration?.(it + 1, iterations) === true) break;
	}
	return centroids;
}
