/**
 * One seeded run of the retrieval → ranking funnel, stage by stage (FUNNEL_STAGES), for the lab's worker:
 *  1. world — `generateWorld` (users, items with Zipf popularity, logged sessions, held-out relevance);
 *  2. train — the two-tower retriever on the clicks of the retriever's sessions (`splitLog`: the earlier
 *     1 − sessionShare of each user's sessions; the ranker learns from the later ones), `trainTwoTower`;
 *  3. index — exact, IVF and HNSW indexes built on the item tower's outputs (inner product);
 *  4. curve — recall@k against exact search vs measured per-query latency for exact, IVF (each nprobe) and HNSW
 *     (each efSearch) on the first `curve.queries` users: the ANN-Benchmarks trade-off (Aumüller et al. 2020);
 *  5. ranker — the logistic click model on the logged impressions (`ranker.ts`);
 *  6. funnel — for each K: retrieve K with the chosen index, re-rank, nDCG@10 / MRR@10 / recall@10 of both orders on
 *     the held-out relevance, and the measured cost per user (`serve.ts`);
 *  7. long-tail — popularity of the final top 10s against the catalogue's clicks (`longTailReport`), and examples.
 * Between stages, and inside each (between batches, build chunks, queries, users), the run gives the event loop a
 * turn and checks `shouldStop`; a stop throws `Cancelled` (run-control.ts). Progress reports carry every stage result
 * finished so far (`FunnelPartial`). Everything but the measured times is a function of the config (seeded Rngs;
 * hnswlib's level generator is seeded too, and its build is single-threaded).
 */
import { createRng, mixSeed } from '$lib/data/rng';
import { Cancelled, throttle, yieldToEventLoop } from '../../../engine/run-control';
import { generateWorld, type FunnelWorld } from '../world';
import { longTailReport } from '../long-tail';
import { createIndex } from '../search/index';
import { groundTruth, recallLatencyCurve, RunStopped } from '../search/recall-latency';
import { BuildCancelled, type SearchIndex } from '../search/types';
import { trainTwoTower, validateTwoTower } from './two-tower';
import { dotScore, Ranker, splitLog, trainRanker } from './ranker';
import { exampleUsers, flatten, meanLogPopularity, popularityBaseline, seenItems, serveK, type ReportLists } from './serve';
import { validateFunnelConfig } from './validate';
import {
	FUNNEL_STAGES,
	type FunnelConfig,
	type FunnelPartial,
	type FunnelProgress,
	type FunnelResult,
	type FunnelStage,
	type IndexChoice,
	type LossPoint,
	type WorldSummary
} from '../types';

export interface PipelineOptions {
	onProgress?: (p: FunnelProgress) => void;
	/** Checked between and inside stages; true stops the run (it throws `Cancelled`). */
	shouldStop?: () => boolean;
	/** Minimum ms between progress reports inside a stage (a stage's start and end always report). Default 100. */
	reportMs?: number;
}

/** At most this many points on the training loss curve (steps are averaged in equal buckets). */
const LOSS_POINTS = 200;

export function summarizeWorld(w: FunnelWorld): WorldSummary {
	const { impressions, log, heldOut, counts } = w;
	const N = w.config.items;
	const head = Math.max(1, Math.ceil(N / 100 - 1e-9));
	let headClicks = 0;
	for (let k = 0; k < log.item.length; k++) if (log.item[k] < head) headClicks++;
	let withRelevant = 0;
	for (let t = 0; t < heldOut.users.length; t++) if (heldOut.offsets[t + 1] > heldOut.offsets[t]) withRelevant++;
	let unclicked = 0;
	for (let i = 0; i < N; i++) if (counts[i] === 0) unclicked++;
	return {
		users: w.config.users,
		items: N,
		sessions: impressions.user.length,
		impressions: impressions.item.length,
		clicks: log.item.length,
		clickRate: impressions.item.length === 0 ? 0 : log.item.length / impressions.item.length,
		testUsers: heldOut.users.length,
		testUsersWithRelevant: withRelevant,
		heldOutRelevant: heldOut.items.length,
		topPercentClickShare: log.item.length === 0 ? 0 : headClicks / log.item.length,
		unclickedItems: unclicked
	};
}

function indexSpec(kind: IndexChoice, config: FunnelConfig) {
	const seed = config.world.seed;
	if (kind === 'exact') return { kind } as const;
	if (kind === 'ivf') return { kind, nlist: config.ivf.nlist || undefined, rng: createRng(mixSeed(seed, 11)).fork('ivf') } as const;
	return { kind, M: config.hnsw.M, efConstruction: config.hnsw.efConstruction, seed: mixSeed(seed, 13) & 0x7fffffff } as const;
}

export async function runFunnel(config: FunnelConfig, options: PipelineOptions = {}): Promise<FunnelResult> {
	validateFunnelConfig(config);
	const t0 = performance.now();
	const shouldStop = options.shouldStop ?? (() => false);
	const due = throttle(options.reportMs ?? 100);
	const partial: FunnelPartial = { world: null, loss: [], builds: [], curve: [], ranker: null, sweep: [], timings: [] };
	let stage: FunnelStage = 'world';
	let stageStart = performance.now();
	const report = (done: number, total: number, force = false) => {
		if (options.onProgress && due(force))
			options.onProgress({ stage, stageIndex: FUNNEL_STAGES.indexOf(stage), stages: FUNNEL_STAGES.length, done, total, partial });
	};
	const gate = async () => {
		await yieldToEventLoop();
		if (shouldStop()) throw new Cancelled();
	};
	const begin = async (s: FunnelStage) => {
		await gate();
		stage = s;
		stageStart = performance.now();
		report(0, 1, true);
	};
	const end = () => {
		partial.timings.push({ stage, ms: performance.now() - stageStart });
		report(1, 1, true);
	};
	const indexes = new Map<IndexChoice, SearchIndex>();
	try {
		// 1. The world.
		await begin('world');
		const world = generateWorld(config.world);
		partial.world = summarizeWorld(world);
		end();

		// 2. The retriever.
		await begin('train');
		const split = splitLog(world, config.ranker.sessionShare);
		const log = { users: world.config.users, items: world.config.items, user: split.user, item: split.item };
		validateTwoTower(config.twoTower, log);
		const stepLosses: LossPoint[] = [];
		const trained = await trainTwoTower(log, config.twoTower, {
			reportMs: 0,
			cancelled: shouldStop,
			onProgress: (p) => {
				stepLosses.push({ step: p.step, epoch: p.epoch, loss: p.loss });
				if (due()) {
					partial.loss = bucketLosses(stepLosses, p.steps, false);
					report(p.step, p.steps);
				}
			}
		});
		if (trained.status === 'cancelled') throw new Cancelled();
		const steps = stepLosses.length === 0 ? 0 : stepLosses[stepLosses.length - 1].step;
		partial.loss = bucketLosses(stepLosses, steps, true);
		end();
		const d = trained.dim;
		const N = world.config.items;
		const items = trained.itemEmbeddings;
		const users = trained.userEmbeddings;

		// 3. The indexes.
		await begin('index');
		// A sweep run (`light`) builds only the serving index and measures no curve.
		const kinds: IndexChoice[] = config.light ? [config.index] : ['exact', 'ivf', 'hnsw'];
		for (const [j, kind] of kinds.entries()) {
			const index = createIndex(indexSpec(kind, config));
			indexes.set(kind, index);
			await index.build(items, N, d, { shouldStop, onProgress: (p) => report(j * N + Math.min(p.done, N), kinds.length * N) });
			const parameter = kind === 'ivf' ? (index as unknown as { nlist: number }).nlist : kind === 'hnsw' ? config.hnsw.M : null;
			partial.builds.push({ kind, buildMs: index.stats.buildMs, memoryBytes: index.stats.memoryBytes, parameter });
			report(j + 1, kinds.length, true);
		}
		end();

		// 4. The recall–latency curve.
		const nlist = partial.builds.find((b) => b.kind === 'ivf')?.parameter ?? 1;
		if (!config.light) {
			await begin('curve');
			const m = Math.min(config.curve.queries, world.config.users);
			const queries = users.slice(0, m * d);
			const k = Math.min(config.curve.k, N);
			const truth = groundTruth(items, N, d, queries, k, 'ip');
			const values: Record<IndexChoice, (number | null)[]> = {
				exact: [null],
				ivf: [...new Set(config.curve.nprobe.map((v) => Math.min(v, nlist)))],
				hnsw: config.curve.efSearch
			};
			const total = m * (values.exact.length + values.ivf.length + values.hnsw.length);
			let measured = 0;
			for (const kind of kinds) {
				const series = { kind, points: [] as FunnelPartial['curve'][number]['points'] };
				partial.curve.push(series);
				series.points = await recallLatencyCurve(indexes.get(kind)!, items, queries, truth, values[kind], {
					shouldStop,
					onProgress: (p) => {
						if (p.done === p.total) measured += p.total;
						report(measured + (p.done === p.total ? 0 : p.done), total);
					}
				});
			}
			end();
		}

		// 5. The ranker.
		await begin('ranker');
		const r0 = performance.now();
		const model = await trainRanker(world, dotScore(users, items, d), split, config.ranker, shouldStop);
		if (model === null) throw new Cancelled();
		partial.ranker = { model, trainMs: performance.now() - r0 };
		const ranker = new Ranker(model, world, split.counts);
		end();

		// 6. The K sweep.
		await begin('funnel');
		const serving = indexes.get(config.index)!;
		if (config.index === 'hnsw') serving.setSearchValue(config.hnsw.efSearch);
		if (config.index === 'ivf') serving.setSearchValue(Math.min(config.ivf.nprobe, nlist));
		const seen = seenItems(world);
		let lists: ReportLists | null = null;
		const T = world.heldOut.users.length;
		for (const [j, K] of config.ks.entries()) {
			const ctx = {
				world,
				index: serving,
				userEmbeddings: users,
				itemEmbeddings: items,
				d,
				ranker,
				seen,
				gate,
				onProgress: (done: number) => report(j * T + done, config.ks.length * T)
			};
			const res = await serveK(ctx, Math.min(K, N), K === config.reportK);
			partial.sweep.push(res.row);
			if (res.lists) lists = res.lists;
			report(j + 1, config.ks.length, true);
		}
		end();

		// 7. The long tail and the examples.
		await begin('long-tail');
		const report10 = lists!;
		const counts = Float64Array.from(world.counts);
		const catalogueItem = meanLogPopularity(world, [Int32Array.from({ length: N }, (_, i) => i)]);
		const longTail = {
			k: report10.k,
			retrieval: longTailReport(counts, flatten(report10.retrievalTop)),
			ranked: longTailReport(counts, flatten(report10.rankedTop))
		};
		const popularity = {
			retrievalTop10: meanLogPopularity(world, report10.retrievalTop),
			rankedTop10: meanLogPopularity(world, report10.rankedTop),
			candidates: meanLogPopularity(world, report10.candidates),
			catalogueItem,
			catalogueClick: meanLogPopularity(world, [world.log.item])
		};
		const examples = exampleUsers(world, report10, seen, config.examples);
		const baseline = popularityBaseline(world, split.counts, seen);
		end();

		return {
			config,
			world: partial.world,
			training: { epochLosses: trained.epochLosses, loss: partial.loss, steps: trained.steps, seconds: trained.seconds },
			builds: partial.builds,
			curve: partial.curve,
			ranker: partial.ranker,
			sweep: partial.sweep,
			longTail,
			popularity,
			examples,
			popularityBaseline: baseline,
			timings: partial.timings,
			totalMs: performance.now() - t0
		};
	} catch (e) {
		if (e instanceof BuildCancelled || e instanceof RunStopped) throw new Cancelled();
		throw e;
	} finally {
		for (const index of indexes.values()) index.dispose();
	}
}

/**
 * The per-step losses averaged in equal buckets of ⌈steps / LOSS_POINTS⌉ steps (deterministic, unlike report times);
 * a last, incomplete bucket only when `final`.
 */
function bucketLosses(steps: LossPoint[], totalSteps: number, final: boolean): LossPoint[] {
	const size = Math.max(1, Math.ceil(totalSteps / LOSS_POINTS));
	const out: LossPoint[] = [];
	for (let a = 0; a < steps.length; a += size) {
		const bucket = steps.slice(a, a + size);
		if (bucket.length < size && !final) break;
		const last = bucket[bucket.length - 1];
		out.push({ step: last.step, epoch: last.epoch, loss: bucket.reduce((s, p) => s + p.loss, 0) / bucket.length });
	}
	return out;
}
