/**
 * The common interface of the funnel's nearest-neighbour indexes (exact, IVF, HNSW) and the checks they share.
 *
 * Vectors are one Float32Array of n·d numbers, row-major (item i is vectors[i·d … i·d + d)). The score of item x for
 * query q is the inner product q·x (maximum inner product search, MIPS); with metric 'cosine' every item and every
 * query is first scaled to unit length, so the inner product is the cosine. `search` returns the ids of the k items
 * with the largest score, best first; ties on a score go to the lower id (a total order, so exact search is
 * reproducible and equals a sort).
 */

export type IndexKind = 'exact' | 'ivf' | 'hnsw';
export type Metric = 'ip' | 'cosine';

/** The parameter that trades recall for speed at search time: IVF's nprobe, HNSW's efSearch (exact has none). */
export type SearchParameter = 'nprobe' | 'efSearch';

export interface BuildProgress {
	/** Items (or, for IVF's k-means, iteration steps) done so far. */
	done: number;
	total: number;
	phase: string;
}

export interface BuildOptions {
	onProgress?: (p: BuildProgress) => void;
	/** Checked between chunks of work; when it returns true the build stops with a `BuildCancelled` error. */
	shouldStop?: () => boolean;
}

export interface IndexStats {
	buildMs: number;
	/** Bytes the index holds beyond the caller's vectors (copies, lists, graph); approximate for HNSW. */
	memoryBytes: number;
}

export interface SearchIndex {
	readonly kind: IndexKind;
	readonly metric: Metric;
	/** Items and dimension of the last build (0 before it). */
	readonly n: number;
	readonly d: number;
	readonly searchParameter: SearchParameter | null;
	/** The current value of `searchParameter` (null for exact). */
	readonly searchValue: number | null;
	/** Sets nprobe or efSearch; throws for exact or for a value out of range. */
	setSearchValue(value: number): void;
	build(vectors: Float32Array, n: number, d: number, options?: BuildOptions): Promise<void>;
	/** Ids of the k best items found for `query` (length d), best first; fewer than k when n < k (or IVF's probed lists hold fewer). */
	search(query: Float32Array, k: number): Int32Array;
	readonly stats: IndexStats;
	/** Frees what the index holds (HNSW's WebAssembly memory); the index cannot search afterwards. */
	dispose(): void;
}

export class BuildCancelled extends Error {
	constructor() {
		super('The index build was stopped before it finished.');
		this.name = 'BuildCancelled';
	}
}

/** Checks n, d and the vectors: n·d numbers, every one finite. */
export function checkVectors(vectors: unknown, n: number, d: number): asserts vectors is Float32Array {
	if (!(vectors instanceof Float32Array)) throw new TypeError('The item vectors must be a Float32Array (row-major, n·d numbers).');
	if (!Number.isInteger(n) || n < 1) throw new RangeError(`The number of items n must be a whole number ≥ 1 (got ${n}).`);
	if (!Number.isInteger(d) || d < 1) throw new RangeError(`The dimension d must be a whole number ≥ 1 (got ${d}).`);
	if (vectors.length !== n * d)
		throw new RangeError(`The item vectors hold ${vectors.length} numbers, but n·d = ${n}·${d} = ${n * d}: the dimension does not match.`);
	for (let i = 0; i < vectors.length; i++)
		if (!Number.isFinite(vectors[i])) throw new RangeError(`Item ${Math.floor(i / d)} has a non-finite number (${vectors[i]}) at position ${i % d}.`);
}

/** Checks a query against a built index's dimension and k ≥ 1. */
export function checkQuery(query: unknown, d: number, k: number, built: boolean): asserts query is Float32Array {
	if (!built) throw new RangeError('The index has not been built yet: call build(vectors, n, d) before search.');
	if (!(query instanceof Float32Array)) throw new TypeError('The query must be a Float32Array.');
	if (query.length !== d) throw new RangeError(`The query has ${query.length} numbers, but the index's dimension d is ${d}.`);
	if (!Number.isInteger(k) || k < 1) throw new RangeError(`k (how many neighbours to return) must be a whole number ≥ 1 (got ${k}).`);
	for (let j = 0; j < d; j++) if (!Number.isFinite(query[j])) throw new RangeError(`The query has a non-finite number (${query[j]}) at position ${j}.`);
}

export function checkMetric(metric: unknown): asserts metric is Metric {
	if (metric !== 'ip' && metric !== 'cosine') throw new RangeError(`The metric must be 'ip' (inner product) or 'cosine' (got ${String(metric)}).`);
}

/** A whole number ≥ lo (and ≤ hi when given), or a RangeError naming the parameter. */
export function checkWhole(name: string, x: unknown, lo: number, hi = Infinity, why = ''): asserts x is number {
	if (typeof x !== 'number' || !Number.isInteger(x) || x < lo || x > hi) {
		const range = hi === Infinity ? `≥ ${lo}` : `from ${lo} to ${hi}`;
		throw new RangeError(`${name} must be a whole number ${range}${why} (got ${String(x)}).`);
	}
}

/**
 * The vectors scaled to unit length (cosine), as a copy; a zero vector stays zero (its cosine with anything is
 * taken as 0 rather than NaN).
 */
export function normalizedRows(vectors: Float32Array, n: number, d: number): Float32Array {
	const out = new Float32Array(n * d);
	for (let i = 0; i < n; i++) {
		const o = i * d;
		let s = 0;
		for (let j = 0; j < d; j++) s += vectors[o + j] * vectors[o + j];
		const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
		for (let j = 0; j < d; j++) out[o + j] = vectors[o + j] * inv;
	}
	return out;
}

/** A query prepared for a metric: itself for 'ip', a unit-length copy for 'cosine'. */
export function preparedQuery(query: Float32Array, metric: Metric): Float32Array {
	return metric === 'cosine' ? normalizedRows(query, 1, query.length) : query;
}

/**
 * A build's checkpoint between chunks of work: reports progress, gives the event loop a turn at most every 30 ms
 * (so a worker can receive a stop message while it builds), and throws `BuildCancelled` when `shouldStop` says so.
 */
export function checkpoint(options: BuildOptions): (done: number, total: number, phase: string) => Promise<void> {
	let last = performance.now();
	return async (done, total, phase) => {
		options.onProgress?.({ done, total, phase });
		if (performance.now() - last > 30) {
			await new Promise((resolve) => setTimeout(resolve, 0));
			last = performance.now();
		}
		if (options.shouldStop?.()) throw new BuildCancelled();
	};
}
