/**
 * The funnel's nearest-neighbour search (src/lib/labs/funnel/search), in Node (no browser, no build): 100k items ×
 * d = 32 from a seeded Gaussian mixture (128 clusters, spread 0.8, item norms spread by exp(0.25·N(0,1))), 1000
 * queries from the same mixture, k = 100. Exact, IVF at several nprobe and HNSW (hnswlib-wasm) at several efSearch,
 * side by side: build time, recall@100 against exact inner-product search, per-query p50/p95 and queries/s (one
 * query at a time, as ANN-Benchmarks times them), and the speed-up of HNSW over exact at the smallest efSearch whose
 * recall@100 reaches 0.9 (the target: ≥ 10×). The TypeScript modules are loaded through Vite's SSR loader.
 * Options: --quick (20k items, 200 queries).
 */
import { flag } from '../options.mjs';
import { table } from '../tables.mjs';

export async function benchFunnelSearch() {
	const { createServer } = await import('vite');
	const server = await createServer({ server: { middlewareMode: true, hmr: false }, appType: 'custom', logLevel: 'error' });
	try {
		const { createRng } = await server.ssrLoadModule('/src/lib/data/rng.ts');
		const search = await server.ssrLoadModule('/src/lib/labs/funnel/search/index.ts');
		await run(createRng, search);
	} finally {
		await server.close();
	}
}

async function run(createRng, { createIndex, gaussianMixture, groundTruth, recallLatencyCurve }) {
	const n = flag('quick') ? 20_000 : 100_000;
	const m = flag('quick') ? 200 : 1000;
	const d = 32;
	const k = 100;
	const rng = createRng(29);
	const mixture = gaussianMixture({ d }, rng.fork('mixture'));
	const items = mixture.sample(n, rng.fork('items'));
	const queries = mixture.sample(m, rng.fork('queries'));
	let t = performance.now();
	const truth = groundTruth(items, n, d, queries, k);
	console.log(
		`\nFunnel search: ground truth (exact top ${k} of ${m} queries over ${n.toLocaleString('en-US')} × ${d}) in ${((performance.now() - t) / 1000).toFixed(1)} s`
	);

	const nlist = Math.round(Math.sqrt(n));
	const configs = [
		{ label: 'exact', spec: { kind: 'exact' }, values: [null] },
		{ label: `IVF nlist ${nlist}`, spec: { kind: 'ivf', rng: createRng(29).fork('ivf') }, values: [4, 8, 16, 32, 64] },
		{ label: 'HNSW M 16 efC 100', spec: { kind: 'hnsw', M: 16, efConstruction: 100 }, values: [100, 200, 400, 800] },
		{ label: 'HNSW M 32 efC 200', spec: { kind: 'hnsw', M: 32, efConstruction: 200 }, values: [100, 150, 200, 250, 300, 400, 800] }
	];
	const rows = [];
	const results = [];
	for (const c of configs) {
		const index = createIndex(c.spec);
		t = performance.now();
		await index.build(items, n, d);
		const buildS = (performance.now() - t) / 1000;
		const curve = await recallLatencyCurve(index, items, queries, truth, c.values);
		for (const p of curve) {
			results.push({ label: c.label, kind: index.kind, ...p });
			rows.push([
				c.label,
				index.searchParameter ? `${index.searchParameter} ${p.value}` : '–',
				buildS.toFixed(1),
				(index.stats.memoryBytes / 2 ** 20).toFixed(1),
				p.recall.toFixed(3),
				p.p50Ms.toFixed(3),
				p.p95Ms.toFixed(3),
				Math.round(p.qps).toLocaleString('en-US')
			]);
		}
		index.dispose();
	}
	table(
		`Funnel search: ${n.toLocaleString('en-US')} items × d ${d}, ${m} queries, recall@${k} vs exact inner product (Node ${process.version}, one query at a time)`,
		['index', 'search param', 'build (s)', 'extra MiB', `recall@${k}`, 'p50 (ms)', 'p95 (ms)', 'queries/s'],
		rows
	);
	const exact = results.find((r) => r.kind === 'exact');
	for (const label of new Set(results.filter((r) => r.kind === 'hnsw').map((r) => r.label))) {
		const ok = results.filter((r) => r.label === label && r.recall >= 0.9).sort((a, b) => a.value - b.value)[0];
		console.log(
			ok
				? `${label}: smallest efSearch with recall@${k} ≥ 0.9 is ${ok.value} (recall ${ok.recall.toFixed(3)}): ${(ok.qps / exact.qps).toFixed(1)}× exact's queries/s (target ≥ 10×)`
				: `${label}: no efSearch tried reaches recall@${k} ≥ 0.9`
		);
	}
}
