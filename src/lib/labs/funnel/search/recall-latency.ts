/**
 * The recall–latency trade-off of an index, measured as ANN-Benchmarks measures it (Aumüller, Bernhardsson &
 * Faithfull, "ANN-Benchmarks: A benchmarking tool for approximate nearest neighbor algorithms", Information Systems
 * 87, 2020): for each value of the index's search parameter (IVF's nprobe, HNSW's efSearch), every query is run
 * alone and timed with performance.now(), and its result is compared with the exact answer.
 *
 *   recall@k of a query = |returned top k ∩ exact top k| / k   (ANN-Benchmarks' "k-nn" recall, Fig. 3 there),
 *   averaged over queries. The exact top k is the inner-product (or cosine) ground truth of `ExactIndex`, so an
 *   approximate method's own notion of distance (an augmented L2 space, say) never enters the score. With ties at
 *   the k-th score any tied item counts as a hit (ANN-Benchmarks uses a distance threshold with ε = 1e-3 for the
 *   same reason; here the threshold is the exact k-th score itself, no ε).
 *   latency p50/p95: numpy's linear quantiles of the per-query times (ms); qps = queries / total search time.
 *
 * Between queries the run reports progress and checks `shouldStop`, so a worker can stop a long sweep; it gives the
 * event loop a turn at most every 30 ms so that a stop message can arrive.
 */
import { innerProduct, scanRows } from './exact';
import { TopK } from './topk';
import { checkVectors, normalizedRows, preparedQuery, type Metric, type SearchIndex } from './types';

export interface GroundTruth {
	k: number;
	/** Queries × k ids, row-major, best first. */
	ids: Int32Array;
	/** The exact k-th best score of each query (ties at it count as hits). */
	kthScore: Float64Array;
	metric: Metric;
}

export interface CurvePoint {
	/** nprobe or efSearch (null for exact). */
	value: number | null;
	recall: number;
	p50Ms: number;
	p95Ms: number;
	meanMs: number;
	qps: number;
	queries: number;
}

export interface CurveProgress {
	value: number | null;
	done: number;
	total: number;
}

export interface CurveOptions {
	onProgress?: (p: CurveProgress) => void;
	shouldStop?: () => boolean;
	/** Untimed queries run before each value's timed ones (JIT warm-up); default min(20, queries). */
	warmup?: number;
}

export class RunStopped extends Error {
	readonly partial: CurvePoint[];
	constructor(partial: CurvePoint[]) {
		super('The recall–latency measurement was stopped before it finished.');
		this.name = 'RunStopped';
		this.partial = partial;
	}
}

/** Exact top-k ids and k-th scores of `queries` (m·d) over the n·d `vectors`. */
export function groundTruth(vectors: Float32Array, n: number, d: number, queries: Float32Array, k: number, metric: Metric = 'ip'): GroundTruth {
	checkVectors(vectors, n, d);
	if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`k must be a whole number from 1 to n = ${n} (got ${k}).`);
	const m = checkQueries(queries, d);
	const x = metric === 'cosine' ? normalizedRows(vectors, n, d) : vectors;
	const ids = new Int32Array(m * k);
	const kthScore = new Float64Array(m);
	for (let i = 0; i < m; i++) {
		const heap = new TopK(k);
		scanRows(x, d, 0, n, preparedQuery(queries.subarray(i * d, i * d + d), metric), heap);
		const top = heap.drain();
		ids.set(top.ids, i * k);
		kthScore[i] = top.scores[k - 1];
	}
	return { k, ids, kthScore, metric };
}

function checkQueries(queries: Float32Array, d: number): number {
	if (!(queries instanceof Float32Array)) throw new TypeError('The queries must be a Float32Array (row-major, m·d numbers).');
	if (queries.length === 0 || queries.length % d !== 0)
		throw new RangeError(`The queries hold ${queries.length} numbers, which is not a whole, non-zero number of rows of dimension d = ${d}.`);
	for (let i = 0; i < queries.length; i++) if (!Number.isFinite(queries[i])) throw new RangeError(`Query ${Math.floor(i / d)} has a non-finite number.`);
	return queries.length / d;
}

/** recall@k of one result against the ground truth of query `qi`; `vectors` are the index's items (for ties). */
export function recallOf(result: Int32Array, truth: GroundTruth, qi: number, vectors: Float32Array, query: Float32Array, d: number): number {
	const k = truth.k;
	const exact = new Set<number>();
	for (let j = 0; j < k; j++) exact.add(truth.ids[qi * k + j]);
	const q = preparedQuery(query, truth.metric);
	let hits = 0;
	const m = Math.min(k, result.length);
	for (let j = 0; j < m; j++) {
		const id = result[j];
		if (exact.has(id)) hits++;
		else if (score(vectors, id, q, d, truth.metric) >= truth.kthScore[qi]) hits++;
	}
	return hits / k;
}

function score(vectors: Float32Array, id: number, q: Float32Array, d: number, metric: Metric): number {
	if (metric === 'ip') return innerProduct(vectors, id, q, d);
	return innerProduct(normalizedRows(vectors.subarray(id * d, id * d + d), 1, d), 0, q, d);
}

/** numpy's linear quantile of sorted values. */
function quantileSorted(sorted: Float64Array, p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(sorted.length - 1, lo + 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/**
 * The trade-off curve: one point per value in `values` (search parameter values; pass [] or [null] for exact). The
 * index must be built on `vectors`; `truth` from `groundTruth` with the same queries and the index's metric.
 */
export async function recallLatencyCurve(
	index: SearchIndex,
	vectors: Float32Array,
	queries: Float32Array,
	truth: GroundTruth,
	values: readonly (number | null)[],
	options: CurveOptions = {}
): Promise<CurvePoint[]> {
	const d = index.d;
	if (d === 0) throw new RangeError('The index has not been built yet: build it before measuring its recall.');
	if (vectors.length !== index.n * d) throw new RangeError(`The vectors hold ${vectors.length} numbers, but the index has n·d = ${index.n * d}.`);
	const m = checkQueries(queries, d);
	if (truth.ids.length !== m * truth.k) throw new RangeError(`The ground truth covers ${truth.ids.length / truth.k} queries, but ${m} were given.`);
	if (truth.metric !== index.metric) throw new RangeError(`The ground truth is for metric '${truth.metric}', the index uses '${index.metric}'.`);
	const list = values.length === 0 ? [null] : values;
	for (const v of list) {
		if (v === null && index.searchParameter !== null) throw new RangeError(`The ${index.kind} index needs values of ${index.searchParameter} to measure.`);
		if (v !== null && index.searchParameter === null) throw new RangeError('Exact search has no search parameter: measure it with values [null].');
	}
	const warmup = options.warmup ?? Math.min(20, m);
	const times = new Float64Array(m);
	const points: CurvePoint[] = [];
	let lastYield = performance.now();
	for (const value of list) {
		if (value !== null) index.setSearchValue(value);
		for (let i = 0; i < warmup; i++) index.search(queries.subarray((i % m) * d, (i % m) * d + d), truth.k);
		let recallSum = 0;
		let total = 0;
		for (let i = 0; i < m; i++) {
			const q = queries.subarray(i * d, i * d + d);
			const t0 = performance.now();
			const result = index.search(q, truth.k);
			const t = performance.now() - t0;
			times[i] = t;
			total += t;
			recallSum += recallOf(result, truth, i, vectors, q, d);
			options.onProgress?.({ value, done: i + 1, total: m });
			if (performance.now() - lastYield > 30) {
				await new Promise((resolve) => setTimeout(resolve, 0));
				lastYield = performance.now();
			}
			if (options.shouldStop?.()) throw new RunStopped(points);
		}
		const sorted = times.slice().sort();
		points.push({
			value,
			recall: recallSum / m,
			p50Ms: quantileSorted(sorted, 0.5),
			p95Ms: quantileSorted(sorted, 0.95),
			meanMs: total / m,
			qps: total > 0 ? (m * 1000) / total : Infinity,
			queries: m
		});
	}
	return points;
}
