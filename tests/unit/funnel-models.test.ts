import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, generateWorld, type FunnelWorld } from '../../src/lib/labs/funnel/world';
import { DEFAULT_TWO_TOWER, trainTwoTower, type TwoTowerConfig, type TwoTowerResult } from '../../src/lib/labs/funnel/worker/two-tower';

const worldConfig = { ...DEFAULT_WORLD, users: 600, items: 2000, popWeight: 0.5, sessionsPerUser: 30, testUsers: 200, heldOutSessions: 10 };
const ttConfig: TwoTowerConfig = { ...DEFAULT_TWO_TOWER, dim: 16, temperature: 0.2, epochs: 3, lr: 0.02, batchSize: 128 };
const K = 50;

const logOf = (w: FunnelWorld) => ({ users: w.config.users, items: w.config.items, user: w.log.user, item: w.log.item });

/** Exact top-k of a score vector, leaving out the user's training items. */
function topK(scores: Float64Array, k: number, exclude: Set<number>): number[] {
	const idx: number[] = [];
	for (let i = 0; i < scores.length; i++) if (!exclude.has(i)) idx.push(i);
	idx.sort((a, b) => scores[b] - scores[a] || a - b);
	return idx.slice(0, k);
}

/** Mean recall@K over test users and mean log popularity of their top-K. */
function evaluate(w: FunnelWorld, score: (u: number) => Float64Array): { recall: number; logPop: number } {
	const seen = Array.from({ length: w.config.testUsers }, () => new Set<number>());
	for (let k = 0; k < w.log.user.length; k++) if (w.log.user[k] < w.config.testUsers) seen[w.log.user[k]].add(w.log.item[k]);
	let recall = 0;
	let logPop = 0;
	let n = 0;
	for (let t = 0; t < w.heldOut.users.length; t++) {
		const rel = new Set(w.heldOut.items.subarray(w.heldOut.offsets[t], w.heldOut.offsets[t + 1]));
		if (rel.size === 0) continue;
		const top = topK(score(t), K, seen[t]);
		recall += top.filter((i) => rel.has(i)).length / rel.size;
		logPop += top.reduce((s, i) => s + Math.log(w.popularity[i]), 0) / K;
		n++;
	}
	return { recall: recall / n, logPop: logPop / n };
}

const modelScores = (r: TwoTowerResult, items: number) => (u: number) => {
	const s = new Float64Array(items);
	for (let i = 0; i < items; i++) {
		let a = 0;
		for (let q = 0; q < r.dim; q++) a += r.userEmbeddings[u * r.dim + q] * r.itemEmbeddings[i * r.dim + q];
		s[i] = a;
	}
	return s;
};

describe('two-tower retriever', () => {
	it('beats random and popularity on recall@50', async () => {
		const w = generateWorld(worldConfig);
		const r = await trainTwoTower(logOf(w), { ...ttConfig, negatives: 'uniform' });
		expect(r.status).toBe('done');
		expect(r.epochLosses[2]).toBeLessThan(r.epochLosses[0]);
		const model = evaluate(w, modelScores(r, w.config.items));
		const counts = Float64Array.from(w.counts);
		const pop = evaluate(w, () => counts);
		const random = evaluate(w, () => Float64Array.from({ length: w.config.items }, (_, i) => (Math.sin(i * 12.9898) * 43758.5453) % 1));
		console.log(
			`recall@${K}: two-tower ${model.recall.toFixed(3)}, popularity ${pop.recall.toFixed(3)}, random ${random.recall.toFixed(3)}; train ${r.seconds.toFixed(1)} s`
		);
		expect(model.recall).toBeGreaterThan(1.2 * pop.recall);
		expect(model.recall).toBeGreaterThan(3 * random.recall);
	}, 60_000);

	it('in-batch negatives with the logQ correction recommend more popular items than without', async () => {
		const diffs: number[] = [];
		for (const seed of [1, 2, 3]) {
			const w = generateWorld({ ...worldConfig, seed, testUsers: 100 });
			const plain = await trainTwoTower(logOf(w), { ...ttConfig, seed, epochs: 2, negatives: 'in-batch' });
			const corrected = await trainTwoTower(logOf(w), { ...ttConfig, seed, epochs: 2, negatives: 'in-batch-corrected' });
			const a = evaluate(w, modelScores(plain, w.config.items));
			const b = evaluate(w, modelScores(corrected, w.config.items));
			diffs.push(b.logPop - a.logPop);
			console.log(
				`seed ${seed}: mean log-pop of top-${K} in-batch ${a.logPop.toFixed(2)}, corrected ${b.logPop.toFixed(2)}; recall ${a.recall.toFixed(3)} vs ${b.recall.toFixed(3)}`
			);
		}
		for (const d of diffs) expect(d).toBeGreaterThan(0.05);
	}, 60_000);

	it('reports progress and stops when cancelled', async () => {
		const w = generateWorld({ ...worldConfig, testUsers: 0 });
		const seen: number[] = [];
		const r = await trainTwoTower(
			logOf(w),
			{ ...ttConfig, epochs: 5 },
			{ reportMs: 0, onProgress: (p) => seen.push(p.step), cancelled: () => seen.length >= 3 }
		);
		expect(r.status).toBe('cancelled');
		expect(r.steps).toBe(3);
		expect(seen).toEqual([1, 2, 3]);
		expect(r.itemEmbeddings.length).toBe(w.config.items * r.dim);
		await expect(trainTwoTower(logOf(w), { ...ttConfig, temperature: 0 })).rejects.toThrow(RangeError);
	});
});
