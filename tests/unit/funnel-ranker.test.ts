import { describe, expect, it } from 'vitest';
import { DEFAULT_WORLD, generateWorld } from '../../src/lib/labs/funnel/world';
import { DEFAULT_TWO_TOWER, trainTwoTower } from '../../src/lib/labs/funnel/worker/two-tower';
import { readFileSync } from 'node:fs';
import { choleskySolve, fitLogistic } from '../../src/lib/labs/funnel/worker/logistic';
import { DEFAULT_RANKER, dotScore, Ranker, splitLog, trainRanker, validateRanker } from '../../src/lib/labs/funnel/worker/ranker';
import { seenItems, serveK } from '../../src/lib/labs/funnel/worker/serve';
import { ExactIndex } from '../../src/lib/labs/funnel/search/exact';

const worldConfig = { ...DEFAULT_WORLD, users: 600, items: 2000, popWeight: 0.5, sessionsPerUser: 30, testUsers: 200, heldOutSessions: 10 };
const ttConfig = { ...DEFAULT_TWO_TOWER, dim: 16, temperature: 0.2, epochs: 2, lr: 0.02, batchSize: 128 };

async function setup(seed: number) {
	const world = generateWorld({ ...worldConfig, seed });
	const split = splitLog(world, DEFAULT_RANKER.sessionShare);
	const tt = await trainTwoTower({ users: world.config.users, items: world.config.items, user: split.user, item: split.item }, { ...ttConfig, seed });
	const score = dotScore(tt.userEmbeddings, tt.itemEmbeddings, tt.dim);
	const model = await trainRanker(world, score, split, { ...DEFAULT_RANKER, seed });
	return { world, split, tt, model: model!, ranker: new Ranker(model!, world, split.counts) };
}

describe('funnel ranker', () => {
	it('solves a symmetric positive definite system by Cholesky', () => {
		const A = Float64Array.from([4, 2, 0.6, 2, 5, 1, 0.6, 1, 3]);
		const x = choleskySolve(A, Float64Array.from([1, -2, 3]), 3);
		for (let i = 0; i < 3; i++) expect(A[i * 3] * x[0] + A[i * 3 + 1] * x[1] + A[i * 3 + 2] * x[2]).toBeCloseTo([1, -2, 3][i], 12);
		expect(() => choleskySolve(Float64Array.from([1, 2, 2, 1]), Float64Array.from([1, 1]), 2)).toThrow(RangeError);
	});

	it('splits the log in time: the retriever gets the earlier sessions, counts come from them', () => {
		const world = generateWorld({ ...worldConfig, users: 50, testUsers: 10 });
		const s = splitLog(world, 0.25);
		expect(s.split).toBe(Math.round(30 * 0.75));
		expect(s.user.length).toBeLessThan(world.log.user.length);
		expect(s.user.length).toBeGreaterThan(0.6 * world.log.user.length);
		expect(s.counts.reduce((a, b) => a + b, 0)).toBe(s.item.length);
		const all = splitLog(world, 0);
		expect(Array.from(all.item)).toEqual(Array.from(world.log.item));
		expect(() => splitLog(world, 1)).toThrow(RangeError);
	});

	it('fits the click model: the gradient vanishes, the loss beats the click rate alone, position weights fall', async () => {
		const { model } = await setup(1);
		expect(model.gradientNorm).toBeLessThan(1e-7);
		expect(model.logLoss).toBeLessThan(model.baseLogLoss - 0.02);
		// The affinity feature (a noisy view of the truth) helps clicks; examination falls with the position.
		expect(model.weights[2]).toBeGreaterThan(0.2);
		const pos = model.weights.slice(3);
		expect(pos.length).toBe(worldConfig.slate - 1);
		expect(pos[0]).toBeLessThan(0);
		expect(pos[pos.length - 1]).toBeLessThan(pos[0]);
		expect(() => validateRanker({ ...DEFAULT_RANKER, l2: -1 })).toThrow(RangeError);
	}, 30_000);

	it('re-ranks to a permutation of the candidates, best logit first', async () => {
		const { ranker, tt } = await setup(2);
		const cands = Int32Array.from([5, 17, 3, 900, 44, 1200]);
		const scores = Array.from(cands, (i) => dotScore(tt.userEmbeddings, tt.itemEmbeddings, tt.dim)(7, i));
		const out = ranker.rerank(cands, 7, scores);
		expect(Array.from(out).sort((a, b) => a - b)).toEqual(Array.from(cands).sort((a, b) => a - b));
		const logit = (i: number) => ranker.score(7, i, scores[Array.from(cands).indexOf(i)]);
		for (let j = 1; j < out.length; j++) expect(logit(out[j - 1])).toBeGreaterThanOrEqual(logit(out[j]));
		expect(Array.from(ranker.rerank(cands, 7, scores, 2))).toHaveLength(2);
	}, 30_000);

	it('improves nDCG@10 over the retrieval order on held-out users (3 seeds)', async () => {
		for (const seed of [1, 2, 3]) {
			const { world, tt, ranker } = await setup(seed);
			const index = new ExactIndex();
			await index.build(tt.itemEmbeddings, world.config.items, tt.dim);
			const ctx = {
				world,
				index,
				userEmbeddings: tt.userEmbeddings,
				itemEmbeddings: tt.itemEmbeddings,
				d: tt.dim,
				ranker,
				seen: seenItems(world),
				gate: async () => {},
				onProgress: () => {}
			};
			const { row } = await serveK(ctx, 50, false);
			console.log(
				`seed ${seed}: nDCG@10 retrieval ${row.retrieval.ndcg.toFixed(4)}, ranked ${row.ranked.ndcg.toFixed(4)}; MRR ${row.retrieval.mrr.toFixed(4)} → ${row.ranked.mrr.toFixed(4)}`
			);
			expect(row.ranked.ndcg).toBeGreaterThan(row.retrieval.ndcg * 1.1);
		}
	}, 60_000);
});

describe('funnel ranker: logistic regression against scipy (tests/fixtures/funnel_ranker_refs.py)', () => {
	const fx = JSON.parse(readFileSync(new URL('../fixtures/funnel_ranker.json', import.meta.url), 'utf8')) as {
		logistic: { n: number; p: number; lambda: number; X: number[]; y: number[]; beta: number[]; logLoss: number }[];
	};
	it('finds the penalised minimiser within 1e-9 relative', async () => {
		for (const c of fx.logistic) {
			const fit = await fitLogistic(Float64Array.from(c.X), Float64Array.from(c.y), c.p, c.lambda, 50);
			expect(fit).not.toBeNull();
			for (let j = 0; j < c.p; j++) expect(Math.abs(fit!.beta[j] - c.beta[j])).toBeLessThanOrEqual(1e-9 * Math.abs(c.beta[j]) + 1e-12);
			expect(Math.abs(fit!.logLoss - c.logLoss)).toBeLessThanOrEqual(1e-9 * c.logLoss);
		}
	});

	it('refuses a design that does not match the labels, and stops when asked', async () => {
		await expect(fitLogistic(new Float64Array(5), new Float64Array(2), 2, 0, 5)).rejects.toThrow(RangeError);
		const c = fx.logistic[0];
		expect(await fitLogistic(Float64Array.from(c.X), Float64Array.from(c.y), c.p, c.lambda, 50, () => true)).toBeNull();
	});
});
