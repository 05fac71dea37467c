/**
 * The funnel's nearest-neighbour indexes (src/lib/labs/funnel/search): exact search against a naive full sort, IVF
 * with every list probed against exact, HNSW (hnswlib-wasm, loaded in Node) recall on a seeded clustered data set,
 * recall rising with efSearch / nprobe, cancellation, and bad parameters refused in words.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '$lib/data/rng';
import {
	BuildCancelled,
	createIndex,
	exactTopK,
	gaussianMixture,
	groundTruth,
	HnswIndex,
	IvfIndex,
	recallLatencyCurve,
	RunStopped
} from '$lib/labs/funnel/search';
import { innerProduct } from '$lib/labs/funnel/search/exact';
import { TopK } from '$lib/labs/funnel/search/topk';

const N = 5000;
const D = 32;
const rng = createRng(2029);
const mixture = gaussianMixture({ d: D }, rng.fork('mixture'));
const items = mixture.sample(N, rng.fork('items'));
const queries = mixture.sample(100, rng.fork('queries'));

/** The naive answer: every score, a full stable sort (score descending, id ascending), cut at k. */
function naiveTopK(x: Float32Array, n: number, d: number, q: Float32Array, k: number): number[] {
	const scored = Array.from({ length: n }, (_, i) => {
		let s = 0;
		for (let j = 0; j < d; j++) s += x[i * d + j] * q[j];
		return { i, s };
	});
	scored.sort((a, b) => b.s - a.s || a.i - b.i);
	return scored.slice(0, k).map((e) => e.i);
}

describe('exact search', () => {
	it('equals a naive full sort of the inner products (same ids, same order)', async () => {
		const index = createIndex({ kind: 'exact' });
		await index.build(items, N, D);
		for (let i = 0; i < 20; i++) {
			const q = queries.subarray(i * D, i * D + D);
			const naive = naiveTopK(items, N, D, q, 25);
			expect(Array.from(index.search(q, 25))).toEqual(naive);
			// Scores agree with a plain sum within float rounding, and come best first.
			const top = exactTopK(items, N, D, q, 25);
			for (let j = 1; j < 25; j++) expect(top.scores[j]).toBeLessThanOrEqual(top.scores[j - 1]);
		}
	});

	it('breaks ties by the lower id, as a stable sort does', async () => {
		const x = new Float32Array([1, 0, 2, 0, 1, 0, 2, 0, 0, 1]);
		const index = createIndex({ kind: 'exact' });
		await index.build(x, 5, 2);
		expect(Array.from(index.search(new Float32Array([1, 0]), 4))).toEqual([1, 3, 0, 2]);
		expect(Array.from(index.search(new Float32Array([1, 0]), 9))).toEqual([1, 3, 0, 2, 4]);
	});

	it('cosine ranks by the angle, not the norm', async () => {
		const x = new Float32Array([10, 0, 1, 0.2]);
		const ip = createIndex({ kind: 'exact' });
		const cos = createIndex({ kind: 'exact', metric: 'cosine' });
		await ip.build(x, 2, 2);
		await cos.build(x, 2, 2);
		const q = new Float32Array([1, 0.2]);
		expect(Array.from(ip.search(q, 1))).toEqual([0]);
		expect(Array.from(cos.search(q, 1))).toEqual([1]);
	});

	it('the top-k heap drains best first against a sort of random scores', () => {
		const r = createRng(5);
		const scores = Array.from({ length: 500 }, () => Math.round(r.next() * 50));
		const heap = new TopK(37);
		scores.forEach((s, i) => heap.push(s, i));
		const expected = scores
			.map((s, i) => ({ s, i }))
			.sort((a, b) => b.s - a.s || a.i - b.i)
			.slice(0, 37);
		const got = heap.drain();
		expect(Array.from(got.ids)).toEqual(expected.map((e) => e.i));
		expect(Array.from(got.scores)).toEqual(expected.map((e) => e.s));
	});
});

describe('IVF', () => {
	it('with nprobe = nlist equals exact search', async () => {
		const ivf = new IvfIndex({ nlist: 40, rng: createRng(1) });
		await ivf.build(items, N, D);
		ivf.setSearchValue(40);
		const exact = createIndex({ kind: 'exact' });
		await exact.build(items, N, D);
		for (let i = 0; i < 30; i++) {
			const q = queries.subarray(i * D, i * D + D);
			expect(Array.from(ivf.search(q, 50))).toEqual(Array.from(exact.search(q, 50)));
		}
		expect(Array.from(ivf.listSizes()).reduce((a, b) => a + b, 0)).toBe(N);
		expect(Math.min(...ivf.listSizes())).toBeGreaterThan(0);
	});

	it('defaults to nlist = round(√n) and is reproducible from its seed', async () => {
		const a = new IvfIndex({ rng: createRng(3) });
		const b = new IvfIndex({ rng: createRng(3) });
		await a.build(items, N, D);
		await b.build(items, N, D);
		expect(a.nlist).toBe(71);
		expect(Array.from(a.listSizes())).toEqual(Array.from(b.listSizes()));
		expect(a.stats.memoryBytes).toBeGreaterThan(N * D * 4);
	});

	it('recall rises with nprobe (and reaches 1 at nprobe = nlist)', async () => {
		const truth = groundTruth(items, N, D, queries, 10);
		const ivf = new IvfIndex({ nlist: 64, rng: createRng(1) });
		await ivf.build(items, N, D);
		const curve = await recallLatencyCurve(ivf, items, queries, truth, [1, 4, 16, 64]);
		const recalls = curve.map((p) => p.recall);
		for (let i = 1; i < recalls.length; i++) expect(recalls[i]).toBeGreaterThan(recalls[i - 1]);
		expect(recalls[0]).toBeLessThan(0.9);
		expect(recalls[3]).toBe(1);
		for (const p of curve) expect(p.p95Ms).toBeGreaterThanOrEqual(p.p50Ms);
	});
});

describe('HNSW (hnswlib-wasm)', () => {
	let hnsw: HnswIndex;
	beforeAll(async () => {
		hnsw = new HnswIndex({ M: 16, efConstruction: 100 });
		await hnsw.build(items, N, D);
	});

	it('loads in Node without leaving a global importScripts behind', () => {
		expect(hnsw.n).toBe(N);
		expect('importScripts' in globalThis).toBe(false);
	});

	it('recall@10 ≥ 0.9 at efSearch 50 on a seeded 5k × 32 clustered data set, against exact MIPS', async () => {
		const truth = groundTruth(items, N, D, queries, 10);
		const [point] = await recallLatencyCurve(hnsw, items, queries, truth, [50]);
		expect(point.recall).toBeGreaterThanOrEqual(0.9);
	});

	it('recall rises with efSearch', async () => {
		const truth = groundTruth(items, N, D, queries, 100);
		const curve = await recallLatencyCurve(hnsw, items, queries, truth, [100, 200, 800]);
		expect(curve[1].recall).toBeGreaterThan(curve[0].recall);
		expect(curve[2].recall).toBeGreaterThan(curve[1].recall);
	});

	it('the augmented-L2 reduction (Bachrach et al. 2014) and cosine both search', async () => {
		for (const spec of [{ space: 'l2-augmented' as const }, { metric: 'cosine' as const }]) {
			const index = new HnswIndex({ ...spec, efSearch: 200 });
			await index.build(items, N, D);
			const truth = groundTruth(items, N, D, queries, 10, index.metric);
			const [point] = await recallLatencyCurve(index, items, queries, truth, [200]);
			expect(point.recall, JSON.stringify(spec)).toBeGreaterThan(0.8);
			index.dispose();
		}
	});
});

describe('progress, cancellation and bad input', () => {
	it('reports build progress and stops a build when asked', async () => {
		const seen: number[] = [];
		const ivf = new IvfIndex({ nlist: 30 });
		await ivf.build(items, N, D, { onProgress: (p) => seen.push(p.done) });
		expect(seen.at(-1)).toBe(N);
		await expect(new HnswIndex().build(items, N, D, { shouldStop: () => true })).rejects.toThrow(BuildCancelled);
	});

	it('stops a recall–latency run between queries, with the finished points', async () => {
		const exact = createIndex({ kind: 'exact' });
		await exact.build(items, N, D);
		const truth = groundTruth(items, N, D, queries, 5);
		let calls = 0;
		const run = recallLatencyCurve(exact, items, queries, truth, [null], { shouldStop: () => ++calls > 10 });
		await expect(run).rejects.toThrow(RunStopped);
	});

	it('refuses bad parameters in words', async () => {
		const exact = createIndex({ kind: 'exact' });
		await exact.build(items, N, D);
		const q = queries.subarray(0, D);
		expect(() => exact.search(q, 0)).toThrow(/k .*whole number ≥ 1/);
		expect(() => exact.search(queries.subarray(0, D - 1), 5)).toThrow(/dimension d is 32/);
		expect(() => createIndex({ kind: 'ivf', nlist: 8, nprobe: 9 })).toThrow(/nprobe .*cannot exceed nlist/);
		const ivf = new IvfIndex({ nlist: 8 });
		await ivf.build(items, N, D);
		expect(() => ivf.setSearchValue(9)).toThrow(/cannot exceed nlist/);
		const bad = items.slice(0, 10 * D);
		bad[37] = NaN;
		await expect(createIndex({ kind: 'exact' }).build(bad, 10, D)).rejects.toThrow(/Item 1 has a non-finite number/);
		await expect(createIndex({ kind: 'hnsw' }).build(items, N, D + 1)).rejects.toThrow(/dimension does not match/);
		expect(() => new HnswIndex({ efSearch: 0 })).toThrow(/efSearch must be a whole number ≥ 1/);
		expect(() => exact.setSearchValue(3)).toThrow(/no search parameter/);
		expect(() => createIndex({ kind: 'hnsw' }).search(q, 5)).toThrow(/not been built/);
		expect(() => groundTruth(items, N, D, queries, N + 1)).toThrow(/k must be a whole number from 1 to n/);
	});

	it('inner products agree with a plain sum to float rounding', () => {
		const q = queries.subarray(0, D);
		let s = 0;
		for (let j = 0; j < D; j++) s += items[7 * D + j] * q[j];
		expect(innerProduct(items, 7, q, D)).toBeCloseTo(s, 10);
	});
});
