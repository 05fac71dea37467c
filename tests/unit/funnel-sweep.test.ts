import { describe, expect, it } from 'vitest';
import { defaults } from '$lib/url/schema';
import { funnelSchema, sweepRequest, toConfig, type FunnelParams } from '$lib/labs/funnel/params';
import { runFunnel } from '$lib/labs/funnel/worker/pipeline';
import { runFunnelSweep, sweepArms, sweepConfig } from '$lib/labs/funnel/worker/sweep';
import { funnelSweep } from '$lib/labs/funnel/sweep';
import { planLabSweep } from '$lib/sweep/lab-sweep';
import { curveSentence, fastestAtRecall, funnelSentence } from '$lib/labs/funnel/summary';
import { runFraction } from '$lib/labs/funnel/progress';
import type { RunMetrics } from '$lib/engine/sweep-job';

const SMALL: Partial<FunnelParams> = { items: 2000, users: 300, sessions: 6, test: 100, queries: 20, epochs: 1 };
const params = (over: Partial<FunnelParams> = {}) => ({ ...(defaults(funnelSchema) as FunnelParams), ...SMALL, ...over });

describe('funnel sweep runs', () => {
	it('a sweep run is the lab’s funnel at its K, without the curve, building only the serving index', async () => {
		const p = params({ k: 37 });
		const req = sweepRequest(p, 3);
		expect(req.config.ks).toEqual([37]);
		const light = await runFunnel(sweepConfig(req.config));
		expect(light.curve).toEqual([]);
		expect(light.builds.map((b) => b.kind)).toEqual([p.index]);
		expect(light.timings.map((t) => t.stage)).not.toContain('curve');
		// The same numbers as the full run at that K (the curve and the other indexes change nothing served).
		const full = await runFunnel({ ...toConfig(p), ks: [37], reportK: 37 });
		expect(sweepArms(light)).toEqual(sweepArms(full));
		const [retrieval, ranked] = sweepArms(light);
		expect(retrieval.candidates).toBe(ranked.candidates);
		for (const v of [...Object.values(retrieval), ...Object.values(ranked)]) expect(Number.isFinite(v)).toBe(true);
	}, 60_000);

	it('plans a preset sweep over the negatives and emits two arms per run', async () => {
		const preset = funnelSweep.presets.find((x) => x.id === 'negatives')!;
		const plan = planLabSweep(funnelSweep, { ...params(), sweep: 'negatives:in-batch,in-batch-corrected/1', metrics: preset.metrics });
		expect(plan.requests.map((r) => r.config.twoTower.negatives)).toEqual(['in-batch', 'in-batch-corrected']);
		const got: Array<[number, RunMetrics[]]> = [];
		await runFunnelSweep(plan.requests, { stale: false }, (id, arms) => got.push([id, arms]));
		expect(got.map(([id]) => id)).toEqual([0, 1]);
		expect(got.every(([, arms]) => arms.length === 2)).toBe(true);
	}, 60_000);
});

describe('funnel sentences', () => {
	const pt = (value: number | null, recall: number, qps: number) => ({
		value,
		recall,
		qps,
		p50Ms: 1000 / qps,
		p95Ms: 1500 / qps,
		meanMs: 1000 / qps,
		queries: 100
	});
	it('names the fastest setting at the recall target, and says when none reaches it', () => {
		const hnsw = [pt(10, 0.7, 9000), pt(50, 0.93, 5000), pt(100, 0.99, 3000)];
		expect(fastestAtRecall(hnsw, 0.9)?.value).toBe(50);
		const s = curveSentence(
			[
				{ kind: 'exact', points: [pt(null, 1, 500)] },
				{ kind: 'ivf', points: [pt(1, 0.5, 8000), pt(8, 0.8, 2000)] },
				{ kind: 'hnsw', points: hnsw }
			],
			10
		);
		expect(s).toContain('HNSW reaches recall@10 0.93 at efSearch 50 with 10× exact');
		expect(s).toContain('IVF stays below recall@10 0.9 at every value measured (best 0.8 at nprobe 8)');
	});

	it('words the K view from the rows and points to the sweep', () => {
		const m = (ndcg: number) => ({ ndcg, mrr: ndcg, recall: ndcg });
		const row = (k: number, cand: number, r: number, rank: number) => ({
			k,
			candidateRecall: cand,
			retrieval: m(r / 2),
			ranked: m(r),
			retrieveMsPerUser: 0.1,
			rankMsPerUser: rank,
			users: 100
		});
		const s = funnelSentence([row(10, 0.1, 0.05, 0.01), row(100, 0.4, 0.09, 0.1)]);
		expect(s).toContain('K = 100 candidates gives nDCG@10 0.09 (retrieval order: 0.045)');
		expect(s).toContain('10% of the held-out relevant items at K = 10 and 40% at K = 100');
		expect(s).toContain('10× the cost at K = 10');
		expect(s).toContain('sweep');
	});

	it('the progress fraction rises through the stages from 0 to 1', () => {
		const at = (stageIndex: number, done: number, total: number) =>
			runFraction({
				stage: 'world',
				stageIndex,
				stages: 7,
				done,
				total,
				partial: { world: null, loss: [], builds: [], curve: [], ranker: null, sweep: [], timings: [] }
			});
		expect(at(0, 0, 1)).toBe(0);
		expect(at(6, 1, 1)).toBeCloseTo(1, 12);
		let last = -1;
		for (let s = 0; s < 7; s++)
			for (const d of [0, 0.5, 1]) {
				const f = at(s, d, 1);
				expect(f).toBeGreaterThanOrEqual(last);
				last = f;
			}
	});
});
