import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/lib/url/schema';
import { funnelSchema, toConfig } from '../../src/lib/labs/funnel/params';
import { runFunnel } from '../../src/lib/labs/funnel/worker/pipeline';
import { createFunnelApi } from '../../src/lib/labs/funnel/worker/api';
import { Cancelled } from '../../src/lib/engine/run-control';
import { FUNNEL_STAGES, type FunnelConfig, type FunnelResult, type FunnelStage } from '../../src/lib/labs/funnel/types';

/** A small run (≈ 1–2 s): 3,000 items, 600 users. */
function small(over: Partial<typeof defaultsOf> = {}): FunnelConfig {
	const c = toConfig({ ...defaultsOf, items: 3000, users: 600, test: 200, sessions: 20, dim: 16, epochs: 2, temp: 0.2, lr: 0.02, queries: 50, k: 50, ...over });
	return { ...c, ks: [10, 20, 50, 100, 200] };
}
const defaultsOf = defaults(funnelSchema);

/** The result without anything measured in time. */
function withoutTimes(r: FunnelResult): unknown {
	return JSON.parse(
		JSON.stringify(r, (key, v) =>
			['p50Ms', 'p95Ms', 'meanMs', 'qps', 'buildMs', 'memoryBytes', 'retrieveMsPerUser', 'rankMsPerUser', 'trainMs', 'ms', 'totalMs', 'seconds'].includes(key)
				? 0
				: v
		)
	);
}

describe('funnel pipeline', () => {
	it('is deterministic per seed, reports every stage, and its numbers are sane', async () => {
		const stages = new Set<FunnelStage>();
		const a = await runFunnel(small(), { onProgress: (p) => stages.add(p.stage), reportMs: 0 });
		const b = await runFunnel(small());
		expect(withoutTimes(a)).toEqual(withoutTimes(b));
		expect([...stages]).toEqual([...FUNNEL_STAGES]);
		expect(a.timings.map((t) => t.stage)).toEqual([...FUNNEL_STAGES]);

		// Recall of the candidates rises with K; exact search is exact; the ANN curves rise with their parameter.
		for (let j = 1; j < a.sweep.length; j++) expect(a.sweep[j].candidateRecall).toBeGreaterThanOrEqual(a.sweep[j - 1].candidateRecall);
		expect(a.sweep.at(-1)!.candidateRecall).toBeGreaterThan(a.sweep[0].candidateRecall);
		const curve = (kind: string) => a.curve.find((s) => s.kind === kind)!.points;
		expect(curve('exact').map((p) => p.recall)).toEqual([1]);
		for (const kind of ['ivf', 'hnsw']) {
			const r = curve(kind).map((p) => p.recall);
			for (let j = 1; j < r.length; j++) expect(r[j]).toBeGreaterThanOrEqual(r[j - 1] - 0.02);
			expect(r.at(-1)!).toBeGreaterThan(r[0]);
			expect(r.at(-1)!).toBeGreaterThan(0.95);
		}
		for (const row of a.sweep)
			for (const m of [row.retrieval, row.ranked])
				for (const v of [m.ndcg, m.mrr, m.recall, row.candidateRecall]) {
					expect(Number.isNaN(v)).toBe(false);
					expect(v).toBeGreaterThanOrEqual(0);
					expect(v).toBeLessThanOrEqual(1);
				}
		for (const lt of [a.longTail.retrieval, a.longTail.ranked]) {
			expect(lt.curve.reduce((s, bin) => s + bin.recommendationShare, 0)).toBeCloseTo(1, 12);
			expect(lt.curve.reduce((s, bin) => s + bin.catalogueShare, 0)).toBeCloseTo(1, 12);
			expect(lt.totalRecommendations).toBe(200 * 10);
		}
		expect(a.examples.length).toBe(5);
		for (const ex of a.examples) {
			expect(ex.rankedTop.length).toBe(10);
			for (const it of ex.relevant) if (it.rankedPosition !== null) expect(ex.rankedTop[it.rankedPosition - 1].item).toBe(it.item);
		}
		expect(a.training.epochLosses[1]).toBeLessThan(a.training.epochLosses[0]);
		console.log(
			'timings (ms):',
			a.timings.map((t) => `${t.stage} ${t.ms.toFixed(0)}`).join(', '),
			'| nDCG@10 at K:',
			a.sweep.map((r) => `${r.k}: ${r.retrieval.ndcg.toFixed(3)} → ${r.ranked.ndcg.toFixed(3)}`).join(', ')
		);
	}, 30_000);

	it('stops when asked, inside a stage, and the API resolves a superseded run as cancelled', async () => {
		let stop = false;
		const seen: FunnelStage[] = [];
		const run = runFunnel(small(), {
			reportMs: 0,
			shouldStop: () => stop,
			onProgress: (p) => {
				seen.push(p.stage);
				if (p.stage === 'train' && p.done > 5) stop = true;
			}
		});
		await expect(run).rejects.toBeInstanceOf(Cancelled);
		expect(seen).not.toContain('index');

		const api = createFunnelApi();
		const first = api.run(small());
		const second = api.run(small({ seed: 2 }));
		expect((await first).status).toBe('cancelled');
		const done = await second;
		expect(done.status).toBe('done');
		const third = api.run(small(), (p) => {
			if (p.stage === 'index') api.cancel();
		});
		expect((await third).status).toBe('cancelled');
	}, 30_000);

	// Direction pinned by measurement: without the logQ correction, in-batch negatives recommend LESS popular items (the
	// issue's preset wording says the opposite). Sampled softmax with proposal Q learns s ≈ log P(i | u) − log Q(i)
	// (Bengio & Senécal 2008; Yi et al. 2019 §3): in-batch Q ∝ popularity demotes popular items, and subtracting
	// log p̂ in training (the correction) undoes it. Measured here (3,000 items, 2 epochs): the top 1% of the catalogue
	// gets 0.0–0.1% of the retrieval's top-10 slots without the correction and 1.5–6.2% with it.
	it('in-batch negatives without the logQ correction retrieve fewer popular items than with it (3 seeds)', async () => {
		for (const seed of [1, 2, 3]) {
			const share = async (negatives: 'in-batch' | 'in-batch-corrected') => {
				const r = await runFunnel({
					...small({ seed, negatives }),
					ks: [10, 50],
					reportK: 50,
					curve: { ...small().curve, queries: 20, nprobe: [4], efSearch: [20] }
				});
				return {
					top1: r.longTail.retrieval.heads[0].recommendationShare,
					top10: r.longTail.retrieval.heads[1].recommendationShare,
					logPop: r.popularity.retrievalTop10
				};
			};
			const plain = await share('in-batch');
			const corrected = await share('in-batch-corrected');
			console.log(
				`seed ${seed}: top-1% share of retrieval top-10s ${plain.top1.toFixed(3)} (in-batch) vs ${corrected.top1.toFixed(3)} (corrected); top-10% ${plain.top10.toFixed(3)} vs ${corrected.top10.toFixed(3)}; mean log10 pop ${plain.logPop.toFixed(3)} vs ${corrected.logPop.toFixed(3)}`
			);
			expect(corrected.top1).toBeGreaterThan(plain.top1 + 0.005);
		}
	}, 30_000);

	// The lessons at the DEFAULT settings (not only on the small world above), over 3 seeds: the retriever learned tastes
	// (its top 10 beats the most clicked unseen items on recall@10 and nDCG@10), and without the logQ correction it
	// recommends far less popular items. Measured (seeds 1–3): recall@10 0.069 / 0.058 / 0.058 vs popularity 0.051 /
	// 0.052 / 0.050, nDCG@10 0.063 / 0.047 / 0.051 vs 0.032 / 0.034 / 0.033; mean log10 popularity of the top 10
	// ≈ −2.2 … −2.5 corrected vs ≈ −4.6 plain. Only the curve and the K sweep are trimmed (they do not change these).
	it('at the default settings retrieval beats popularity, and plain in-batch negatives pick less popular items (3 seeds)', async () => {
		for (const seed of [1, 2, 3]) {
			const run = async (negatives: 'in-batch' | 'in-batch-corrected') => {
				const c = toConfig({ ...defaultsOf, seed, negatives });
				return runFunnel({ ...c, ks: [10], reportK: 10, curve: { ...c.curve, queries: 20, nprobe: [4], efSearch: [20] } });
			};
			const corrected = await run('in-batch-corrected');
			const plain = await run('in-batch');
			const model = corrected.sweep[0].retrieval;
			const pop = corrected.popularityBaseline!;
			console.log(
				`defaults, seed ${seed}: recall@10 ${model.recall.toFixed(4)} vs popularity ${pop.recall.toFixed(4)}; nDCG@10 ${model.ndcg.toFixed(4)} vs ${pop.ndcg.toFixed(4)}; mean log10 pop of top 10 ${corrected.popularity.retrievalTop10.toFixed(2)} (corrected) vs ${plain.popularity.retrievalTop10.toFixed(2)} (in-batch); ${corrected.totalMs.toFixed(0)} ms`
			);
			expect(model.recall).toBeGreaterThan(1.08 * pop.recall);
			expect(model.ndcg).toBeGreaterThan(1.25 * pop.ndcg);
			expect(plain.popularity.retrievalTop10).toBeLessThan(corrected.popularity.retrievalTop10 - 1);
			expect(plain.sweep[0].retrieval.recall).toBeLessThan(model.recall);
		}
	}, 120_000);

	it('refuses a config it cannot run, in words', async () => {
		await expect(runFunnel({ ...small(), reportK: 7 })).rejects.toThrow(/long-tail/);
		await expect(runFunnel({ ...small(), ks: [50, 20] })).rejects.toThrow(RangeError);
	});
});
