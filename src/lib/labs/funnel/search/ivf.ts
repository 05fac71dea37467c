/**
 * IVF (inverted file) index — Jégou, Douze & Schmid, "Product quantization for nearest neighbor search", TPAMI 2011,
 * §IV (the coarse quantiser and inverted lists, without the product-quantised residuals: faiss's IndexIVFFlat).
 *
 * Build: k-means (`kmeans.ts`, seeded Rng, a few Lloyd iterations on a sample) gives nlist centroids; every item
 * goes to the list of its nearest centroid in squared L2 (the Voronoi cell). The lists are stored contiguously
 * (item vectors copied in list order, with their ids), so a probed list is one linear scan.
 * Search: the nprobe lists whose centroids have the largest inner product with the query (faiss's IndexFlatIP
 * quantiser for METRIC_INNER_PRODUCT) are scanned exactly into one top-k heap. With nprobe = nlist every item is
 * scanned, so the result equals exact search — the test of correctness; smaller nprobe trades recall for speed.
 * Defaults: nlist = round(√n) (faiss's guide: 4√n … 16√n for large n; √n is the classic choice for small n),
 * nprobe = max(1, round(nlist/16)).
 */
import { createRng, type Rng } from '$lib/data/rng';
import { innerProduct, scanRows } from './exact';
import { halfSquaredNorms, kMeans, nearestCentroid } from './kmeans';
import { TopK } from './topk';
import {
	checkMetric,
	checkpoint,
	checkQuery,
	checkVectors,
	checkWhole,
	normalizedRows,
	preparedQuery,
	type BuildOptions,
	type IndexStats,
	type Metric,
	type SearchIndex
} from './types';

export interface IvfParams {
	metric?: Metric;
	/** Number of lists (k-means centroids); default round(√n), at most n. */
	nlist?: number;
	/** Lists scanned per query; default max(1, round(nlist/16)). */
	nprobe?: number;
	/** Lloyd iterations (default 10) and training sample per centroid (default 64). */
	iterations?: number;
	samplePerCentroid?: number;
	/** Seeds k-means; default createRng(0). */
	rng?: Rng;
}

export class IvfIndex implements SearchIndex {
	readonly kind = 'ivf' as const;
	readonly metric: Metric;
	readonly searchParameter = 'nprobe' as const;
	n = 0;
	d = 0;
	nlist = 0;
	stats: IndexStats = { buildMs: 0, memoryBytes: 0 };
	private nprobe: number | null;
	private readonly params: IvfParams;
	private centroids: Float32Array | null = null;
	private data: Float32Array | null = null;
	private ids: Int32Array | null = null;
	/** List c holds rows offsets[c] … offsets[c + 1] of `data`. */
	private offsets: Int32Array | null = null;
	private centroidHeap: TopK | null = null;

	constructor(params: IvfParams = {}) {
		const metric = params.metric ?? 'ip';
		checkMetric(metric);
		if (params.nlist !== undefined) checkWhole('nlist', params.nlist, 1);
		if (params.nprobe !== undefined)
			checkWhole('nprobe', params.nprobe, 1, params.nlist ?? Infinity, params.nlist !== undefined ? ' (it cannot exceed nlist)' : '');
		this.metric = metric;
		this.params = params;
		this.nprobe = params.nprobe ?? null;
	}

	get searchValue(): number | null {
		return this.nprobe;
	}

	setSearchValue(nprobe: number): void {
		checkWhole('nprobe', nprobe, 1, this.nlist > 0 ? this.nlist : (this.params.nlist ?? Infinity), ' (it cannot exceed nlist, the number of lists)');
		this.nprobe = nprobe;
	}

	async build(vectors: Float32Array, n: number, d: number, options: BuildOptions = {}): Promise<void> {
		const t0 = performance.now();
		checkVectors(vectors, n, d);
		const nlist = this.params.nlist ?? Math.max(1, Math.round(Math.sqrt(n)));
		checkWhole('nlist', nlist, 1, n, ' (there cannot be more lists than items)');
		if (this.nprobe !== null) checkWhole('nprobe', this.nprobe, 1, nlist, ' (it cannot exceed nlist, the number of lists)');
		const step = checkpoint(options);
		const x = this.metric === 'cosine' ? normalizedRows(vectors, n, d) : vectors;
		const iterations = this.params.iterations ?? 10;
		const centroids = kMeans(x, n, d, nlist, this.params.rng ?? createRng(0), {
			iterations,
			samplePerCentroid: this.params.samplePerCentroid,
			onIteration: (it, total) => {
				options.onProgress?.({ done: it, total, phase: 'k-means' });
				return options.shouldStop?.() === true;
			}
		});
		await step(0, n, 'k-means');
		// Assign every item to its nearest centroid, in chunks (progress and a chance to stop between them).
		const assign = new Int32Array(n);
		const counts = new Int32Array(nlist);
		const halfNorms = halfSquaredNorms(centroids, nlist, d);
		const CHUNK = 2048;
		for (let from = 0; from < n; from += CHUNK) {
			const to = Math.min(n, from + CHUNK);
			for (let i = from; i < to; i++) counts[(assign[i] = nearestCentroid(x, i, centroids, halfNorms, nlist, d))]++;
			await step(to, n, 'assigning items to lists');
		}
		const offsets = new Int32Array(nlist + 1);
		for (let c = 0; c < nlist; c++) offsets[c + 1] = offsets[c] + counts[c];
		const fill = offsets.slice(0, nlist);
		const data = new Float32Array(n * d);
		const ids = new Int32Array(n);
		for (let i = 0; i < n; i++) {
			const r = fill[assign[i]]++;
			ids[r] = i;
			data.set(x.subarray(i * d, i * d + d), r * d);
		}
		this.centroids = centroids;
		this.data = data;
		this.ids = ids;
		this.offsets = offsets;
		this.centroidHeap = null;
		this.n = n;
		this.d = d;
		this.nlist = nlist;
		if (this.nprobe === null) this.nprobe = Math.max(1, Math.round(nlist / 16));
		this.stats = {
			buildMs: performance.now() - t0,
			memoryBytes: data.byteLength + ids.byteLength + offsets.byteLength + centroids.byteLength
		};
	}

	/** The lists probed for `query` (already prepared for the metric): the nprobe largest q·c, best first. */
	probedLists(query: Float32Array, nprobe: number): Int32Array {
		if (!this.centroidHeap || this.centroidHeap.k !== nprobe) this.centroidHeap = new TopK(nprobe);
		const heap = this.centroidHeap;
		heap.reset();
		for (let c = 0; c < this.nlist; c++) {
			const s = innerProduct(this.centroids!, c, query, this.d);
			if (s >= heap.threshold) heap.push(s, c);
		}
		return heap.drain().ids;
	}

	/** Sizes of the inverted lists (for the lab's explanation of imbalance). */
	listSizes(): Int32Array {
		if (!this.offsets) throw new RangeError('The index has not been built yet: call build(vectors, n, d) first.');
		const sizes = new Int32Array(this.nlist);
		for (let c = 0; c < this.nlist; c++) sizes[c] = this.offsets[c + 1] - this.offsets[c];
		return sizes;
	}

	search(query: Float32Array, k: number): Int32Array {
		checkQuery(query, this.d, k, this.data !== null);
		const q = preparedQuery(query, this.metric);
		const lists = this.probedLists(q, this.nprobe!);
		const heap = new TopK(Math.min(k, this.n));
		const offsets = this.offsets!;
		for (let i = 0; i < lists.length; i++) scanRows(this.data!, this.d, offsets[lists[i]], offsets[lists[i] + 1], q, heap, this.ids!);
		return heap.drain().ids;
	}

	dispose(): void {
		this.centroids = this.data = null;
		this.ids = this.offsets = null;
		this.centroidHeap = null;
	}
}
