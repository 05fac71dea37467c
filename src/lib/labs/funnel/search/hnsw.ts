/**
 * HNSW — Malkov & Yashunin, "Efficient and robust approximate nearest neighbor search using Hierarchical Navigable
 * Small World graphs", TPAMI 2020 (arXiv 1603.09320, 2016/2018) — through hnswlib (the authors' C++ library) compiled
 * to WebAssembly, npm `hnswlib-wasm` (loaded lazily by `hnswlib-loader.ts`).
 * Parameters as in hnswlib: M (links per node on the upper layers; 2M on layer 0), efConstruction (candidate list
 * while inserting; neighbours chosen by the paper's heuristic, Algorithm 4), efSearch (candidate list at query time;
 * hnswlib searches with max(efSearch, k)).
 *
 * Inner product: two ways to search for the largest q·x, chosen by `space`:
 *  - 'ip' (default): hnswlib's inner-product space, distance 1 − q·x. The graph is built on a non-metric
 *    "distance" (no triangle inequality); hnswlib supports it and it works well in practice (Morozov & Babenko,
 *    "Non-metric similarity graphs for maximum inner product search", NeurIPS 2018, build ip-NSW this way).
 *  - 'l2-augmented': the MIPS → nearest-neighbour reduction of Bachrach et al., "Speeding up the Xbox recommender
 *    system using a Euclidean transformation for inner-product spaces", RecSys 2014: with Φ = max‖x‖, every item
 *    becomes x' = [x, √(Φ² − ‖x‖²)] and a query q' = [q, 0]; then ‖q' − x'‖² = ‖q‖² + Φ² − 2q·x, so the L2 order is
 *    exactly the inner-product order, and HNSW runs in a true metric space of dimension d + 1.
 * With metric 'cosine' the items and queries are scaled to unit length and the inner product is the cosine.
 * Recall is always measured against exact search with the same metric (`recall-latency.ts`), never the library's.
 *
 * Memory (hnswlib's layout, per item): vector 4d bytes (4(d + 1) augmented) + layer-0 links 4(2M + 1) + label 8,
 * plus upper-layer links 4(M + 1) per level and ~1/(M − 1) upper levels per item on average (the level of an item
 * is ⌊−ln U · 1/ln M⌋), and an 8-byte pointer and a level per item. `stats.memoryBytes` is that estimate.
 */
import type { HnswGraph } from 'hnswlib-wasm/dist/hnswlib-317962d7.js';
import { loadHnswlib } from './hnswlib-loader';
import {
	checkMetric,
	checkpoint,
	checkQuery,
	checkVectors,
	checkWhole,
	normalizedRows,
	type BuildOptions,
	type IndexStats,
	type Metric,
	type SearchIndex
} from './types';

export type HnswSpace = 'ip' | 'l2-augmented';

export interface HnswParams {
	metric?: Metric;
	space?: HnswSpace;
	/** Default 16. */
	M?: number;
	/** Default 100. */
	efConstruction?: number;
	/** Default 50. */
	efSearch?: number;
	/** hnswlib's random seed for the levels; default 100 (hnswlib's own default). */
	seed?: number;
}

export class HnswIndex implements SearchIndex {
	readonly kind = 'hnsw' as const;
	readonly metric: Metric;
	readonly space: HnswSpace;
	readonly searchParameter = 'efSearch' as const;
	readonly M: number;
	readonly efConstruction: number;
	n = 0;
	d = 0;
	stats: IndexStats = { buildMs: 0, memoryBytes: 0 };
	private efSearch: number;
	private readonly seed: number;
	private graph: HnswGraph | null = null;
	/** Query buffer for the augmented space (d + 1 numbers, the last 0). */
	private buffer: Float32Array | null = null;

	constructor(params: HnswParams = {}) {
		const metric = params.metric ?? 'ip';
		checkMetric(metric);
		const space = params.space ?? 'ip';
		if (space !== 'ip' && space !== 'l2-augmented') throw new RangeError(`The HNSW space must be 'ip' or 'l2-augmented' (got ${String(space)}).`);
		this.M = params.M ?? 16;
		this.efConstruction = params.efConstruction ?? 100;
		this.efSearch = params.efSearch ?? 50;
		this.seed = params.seed ?? 100;
		checkWhole('M', this.M, 2, 256);
		checkWhole('efConstruction', this.efConstruction, 1);
		checkWhole('efSearch', this.efSearch, 1);
		checkWhole('The HNSW seed', this.seed, 0, 2 ** 31 - 1);
		this.metric = metric;
		this.space = space;
	}

	get searchValue(): number {
		return this.efSearch;
	}

	setSearchValue(efSearch: number): void {
		checkWhole('efSearch', efSearch, 1);
		this.efSearch = efSearch;
		this.graph?.setEfSearch(efSearch);
	}

	async build(vectors: Float32Array, n: number, d: number, options: BuildOptions = {}): Promise<void> {
		const t0 = performance.now();
		checkVectors(vectors, n, d);
		const lib = await loadHnswlib();
		const x = this.metric === 'cosine' ? normalizedRows(vectors, n, d) : vectors;
		const augmented = this.space === 'l2-augmented';
		const dim = augmented ? d + 1 : d;
		let phi2 = 0;
		if (augmented)
			for (let i = 0; i < n; i++) {
				let s = 0;
				for (let j = 0; j < d; j++) s += x[i * d + j] * x[i * d + j];
				phi2 = Math.max(phi2, s);
			}
		this.dispose();
		const graph = new lib.HierarchicalNSW(augmented ? 'l2' : 'ip', dim, '');
		try {
			graph.initIndex(n, this.M, this.efConstruction, this.seed);
			const step = checkpoint(options);
			const row = new Float32Array(dim);
			const CHUNK = 1000;
			for (let from = 0; from < n; from += CHUNK) {
				const to = Math.min(n, from + CHUNK);
				for (let i = from; i < to; i++) {
					if (augmented) {
						let s = 0;
						for (let j = 0; j < d; j++) {
							row[j] = x[i * d + j];
							s += row[j] * row[j];
						}
						row[d] = Math.sqrt(Math.max(0, phi2 - s));
						graph.addPoint(row, i, false);
					} else graph.addPoint(x.subarray(i * d, i * d + d), i, false);
				}
				await step(to, n, 'inserting items into the graph');
			}
			graph.setEfSearch(this.efSearch);
		} catch (e) {
			graph.delete();
			throw e;
		}
		this.graph = graph;
		this.buffer = new Float32Array(dim);
		this.n = n;
		this.d = d;
		const M = this.M;
		const perItem = 4 * dim + 4 * (2 * M + 1) + 8 + (4 * (M + 1)) / (M - 1) + 8 + 4;
		this.stats = { buildMs: performance.now() - t0, memoryBytes: Math.round(n * perItem) };
	}

	search(query: Float32Array, k: number): Int32Array {
		checkQuery(query, this.d, k, this.graph !== null);
		const q = this.buffer!;
		const d = this.d;
		if (this.metric === 'cosine') {
			let s = 0;
			for (let j = 0; j < d; j++) s += query[j] * query[j];
			const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
			for (let j = 0; j < d; j++) q[j] = query[j] * inv;
		} else q.set(query);
		// q[d] stays 0 in the augmented space.
		const { neighbors } = this.graph!.searchKnn(q, Math.min(k, this.n), undefined);
		return Int32Array.from(neighbors);
	}

	dispose(): void {
		this.graph?.delete();
		this.graph = null;
		this.buffer = null;
	}
}
