/**
 * Exact (brute-force) maximum inner product search: the score q·x of every item, kept in a bounded top-k heap
 * (`topk.ts`) instead of sorting all n scores — faiss's IndexFlatIP (a scan plus a k-heap) without the BLAS batch.
 * Cost per query: n·d multiply-adds plus O(m log k) heap entries. It is the ground truth of every recall figure.
 *
 * The inner loop accumulates in doubles over 4 lanes, so the sum of a row is
 * (x0q0 + x4q4 + …) + (x1q1 + …) + (x2q2 + …) + (x3q3 + …) for d divisible by 4, with the remainder added last;
 * `innerProduct` below is the same arithmetic, so tests and recall computations agree with the scan bit for bit.
 */
import { TopK } from './topk';
import {
	checkMetric,
	checkQuery,
	checkVectors,
	normalizedRows,
	preparedQuery,
	type BuildOptions,
	type IndexStats,
	type Metric,
	type SearchIndex
} from './types';

/** q · row `row` of `data` (dimension d), in the scan's order of additions. */
export function innerProduct(data: Float32Array, row: number, q: Float32Array, d: number): number {
	const o = row * d;
	const d4 = d - (d % 4);
	let a0 = 0;
	let a1 = 0;
	let a2 = 0;
	let a3 = 0;
	for (let j = 0; j < d4; j += 4) {
		a0 += data[o + j] * q[j];
		a1 += data[o + j + 1] * q[j + 1];
		a2 += data[o + j + 2] * q[j + 2];
		a3 += data[o + j + 3] * q[j + 3];
	}
	let s = a0 + a1 + a2 + a3;
	for (let j = d4; j < d; j++) s += data[o + j] * q[j];
	return s;
}

/**
 * Pushes rows [from, to) of `data` into `heap`, scored by q·x; a row's id is ids[row] when `ids` is given, else the
 * row itself. Shared by the exact index and IVF's list scans.
 */
export function scanRows(data: Float32Array, d: number, from: number, to: number, q: Float32Array, heap: TopK, ids?: Int32Array): void {
	for (let r = from; r < to; r++) {
		const s = innerProduct(data, r, q, d);
		if (s >= heap.threshold) heap.push(s, ids ? ids[r] : r);
	}
}

/** The exact top k of `query` over n·d `vectors`: ids best first and their inner products. */
export function exactTopK(vectors: Float32Array, n: number, d: number, query: Float32Array, k: number): { ids: Int32Array; scores: Float64Array } {
	checkVectors(vectors, n, d);
	checkQuery(query, d, k, true);
	const heap = new TopK(Math.min(k, n));
	scanRows(vectors, d, 0, n, query, heap);
	return heap.drain();
}

export class ExactIndex implements SearchIndex {
	readonly kind = 'exact' as const;
	readonly metric: Metric;
	readonly searchParameter = null;
	readonly searchValue = null;
	n = 0;
	d = 0;
	stats: IndexStats = { buildMs: 0, memoryBytes: 0 };
	private data: Float32Array | null = null;
	private heap: TopK | null = null;

	constructor(params: { metric?: Metric } = {}) {
		const metric = params.metric ?? 'ip';
		checkMetric(metric);
		this.metric = metric;
	}

	setSearchValue(): void {
		throw new RangeError('Exact search has no search parameter to set: it always scans every item.');
	}

	async build(vectors: Float32Array, n: number, d: number, options: BuildOptions = {}): Promise<void> {
		const t0 = performance.now();
		checkVectors(vectors, n, d);
		// 'ip' searches the caller's array in place (no copy); 'cosine' keeps unit-length copies.
		this.data = this.metric === 'cosine' ? normalizedRows(vectors, n, d) : vectors;
		this.n = n;
		this.d = d;
		this.heap = null;
		options.onProgress?.({ done: n, total: n, phase: 'stored' });
		this.stats = { buildMs: performance.now() - t0, memoryBytes: this.metric === 'cosine' ? this.data.byteLength : 0 };
	}

	search(query: Float32Array, k: number): Int32Array {
		checkQuery(query, this.d, k, this.data !== null);
		const kk = Math.min(k, this.n);
		if (!this.heap || this.heap.k !== kk) this.heap = new TopK(kk);
		const heap = this.heap;
		heap.reset();
		scanRows(this.data!, this.d, 0, this.n, preparedQuery(query, this.metric), heap);
		return heap.drain().ids;
	}

	dispose(): void {
		this.data = null;
		this.heap = null;
	}
}
