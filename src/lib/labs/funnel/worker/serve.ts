/**
 * The funnel's last stages for the held-out (test) users: retrieve K candidates with an index, re-rank them, and
 * measure both stages on the held-out graded relevance; plus what the long-tail view and the example lists need.
 *
 * Retrieval for user u: the index's top K + |S_u| items for the query f(u) (the user tower's output), where S_u are
 * the items u clicked in the training log; those are dropped (they are not held-out relevant by construction, and a
 * recommender does not recommend what was just consumed), and the first K that remain are the candidates. An IVF
 * index with small nprobe may return fewer. Metrics (`ranked-list.ts`, recall/RR/nDCG cut at 10, IDCG and recall's
 * denominator over all of the user's relevant items, users without any skipped): the candidates in retrieval order,
 * and re-ranked by the ranker. candidateRecall = |relevant ∩ candidates| / |relevant| (recall@K of retrieval).
 * Timings are performance.now() around each user's retrieval (search, dropping S_u, the retrieval scores the
 * ranker uses) and re-ranking.
 */
import { RankedListEvaluator, RankingAccumulator, emptyResult } from '../ranked-list';
import type { FunnelWorld } from '../world';
import type { SearchIndex } from '../search/types';
import type { Ranker } from './ranker';
import type { ExampleItem, ExampleUser, StageMetrics, SweepRow } from '../types';

export const CUTOFF = 10;

/** Each user's training clicks, CSR: items[start[u] … start[u + 1]) (the log is user-major). */
export interface SeenItems {
	start: Int32Array;
	items: Int32Array;
}

export function seenItems(world: FunnelWorld): SeenItems {
	const U = world.config.users;
	const { user, item } = world.log;
	const start = new Int32Array(U + 1);
	for (let k = 0; k < user.length; k++) {
		if (k > 0 && user[k] < user[k - 1]) throw new RangeError('The training log is not ordered by user.');
		start[user[k] + 1]++;
	}
	for (let u = 0; u < U; u++) start[u + 1] += start[u];
	return { start, items: item };
}

/** The lists kept at the report K: per test user, the first 10 of retrieval and of the ranker, and all K candidates. */
export interface ReportLists {
	k: number;
	retrievalTop: Int32Array[];
	rankedTop: Int32Array[];
	candidates: Int32Array[];
}

export interface ServeContext {
	world: FunnelWorld;
	index: SearchIndex;
	userEmbeddings: Float32Array;
	itemEmbeddings: Float32Array;
	d: number;
	ranker: Ranker;
	seen: SeenItems;
	/** Awaited between users every so often: yields, and throws when the run is stopped. */
	gate: () => Promise<void>;
	onProgress: (done: number, total: number) => void;
}

/** One K of the sweep over every test user; `keep` also returns the lists of the report K. */
export async function serveK(ctx: ServeContext, k: number, keep: boolean): Promise<{ row: SweepRow; lists: ReportLists | null }> {
	const { world, index, userEmbeddings, itemEmbeddings, d, ranker, seen } = ctx;
	const N = world.config.items;
	const { heldOut } = world;
	const T = heldOut.users.length;
	const evaluator = new RankedListEvaluator(N);
	const retrievalAcc = new RankingAccumulator();
	const rankedAcc = new RankingAccumulator();
	const out = emptyResult();
	const stamp = new Int32Array(N);
	const ids = new Int32Array(k);
	const scores = new Float64Array(k);
	let candidateRecall = 0;
	let withRelevant = 0;
	let retrieveMs = 0;
	let rankMs = 0;
	const lists: ReportLists | null = keep ? { k, retrievalTop: [], rankedTop: [], candidates: [] } : null;
	for (let t = 0; t < T; t++) {
		const u = heldOut.users[t];
		const t0 = performance.now();
		const from = seen.start[u];
		const to = seen.start[u + 1];
		for (let j = from; j < to; j++) stamp[seen.items[j]] = t + 1;
		const query = userEmbeddings.subarray(u * d, u * d + d);
		const found = index.search(query, Math.min(N, k + (to - from)));
		let m = 0;
		for (let j = 0; j < found.length && m < k; j++) {
			const i = found[j];
			if (stamp[i] === t + 1) continue;
			ids[m] = i;
			let s = 0;
			for (let q = 0; q < d; q++) s += query[q] * itemEmbeddings[i * d + q];
			scores[m++] = s;
		}
		const t1 = performance.now();
		const ranked = ranker.rerank(ids, u, scores, m);
		const t2 = performance.now();
		retrieveMs += t1 - t0;
		rankMs += t2 - t1;

		const a = heldOut.offsets[t];
		const b = heldOut.offsets[t + 1];
		evaluator.setRelevant(heldOut.items.subarray(a, b), heldOut.grade.subarray(a, b));
		evaluator.evaluate(ids, CUTOFF, out, m);
		retrievalAcc.add(out);
		evaluator.evaluate(ranked, CUTOFF, out);
		rankedAcc.add(out);
		if (out.relevantCount > 0) {
			evaluator.evaluate(ids, k, out, m);
			candidateRecall += out.recall;
			withRelevant++;
		}
		if (lists) {
			lists.retrievalTop.push(ids.slice(0, Math.min(m, CUTOFF)));
			lists.rankedTop.push(ranked.slice(0, Math.min(m, CUTOFF)));
			lists.candidates.push(ids.slice(0, m));
		}
		if ((t & 31) === 31) {
			ctx.onProgress(t + 1, T);
			await ctx.gate();
		}
	}
	ctx.onProgress(T, T);
	const metrics = (acc: RankingAccumulator): StageMetrics => {
		const s = acc.summary();
		return { ndcg: s.ndcg, mrr: s.mrr, recall: s.recall };
	};
	return {
		row: {
			k,
			candidateRecall: withRelevant === 0 ? 0 : candidateRecall / withRelevant,
			retrieval: metrics(retrievalAcc),
			ranked: metrics(rankedAcc),
			retrieveMsPerUser: T === 0 ? 0 : retrieveMs / T,
			rankMsPerUser: T === 0 ? 0 : rankMs / T,
			users: withRelevant
		},
		lists
	};
}

/**
 * The popularity baseline of the funnel view: for every test user, the `CUTOFF` items with the most clicks in
 * `counts` (the retriever's sessions; ties by lower id) that the user did not click in training, measured like the
 * retrieval order (recall/RR/nDCG at 10 on the held-out relevance). A retriever that learned nothing about tastes
 * does no better than this.
 */
export function popularityBaseline(world: FunnelWorld, counts: Int32Array, seen: SeenItems): StageMetrics {
	const N = world.config.items;
	const { heldOut } = world;
	const order = Int32Array.from({ length: N }, (_, i) => i).sort((a, b) => counts[b] - counts[a] || a - b);
	const evaluator = new RankedListEvaluator(N);
	const acc = new RankingAccumulator();
	const out = emptyResult();
	const stamp = new Int32Array(N);
	const ids = new Int32Array(Math.min(CUTOFF, N));
	for (let t = 0; t < heldOut.users.length; t++) {
		const u = heldOut.users[t];
		for (let j = seen.start[u]; j < seen.start[u + 1]; j++) stamp[seen.items[j]] = t + 1;
		let m = 0;
		for (let j = 0; j < N && m < ids.length; j++) if (stamp[order[j]] !== t + 1) ids[m++] = order[j];
		const a = heldOut.offsets[t];
		const b = heldOut.offsets[t + 1];
		evaluator.setRelevant(heldOut.items.subarray(a, b), heldOut.grade.subarray(a, b));
		evaluator.evaluate(ids, CUTOFF, out, m);
		acc.add(out);
	}
	const s = acc.summary();
	return { ndcg: s.ndcg, mrr: s.mrr, recall: s.recall };
}

/** The first `count` test users with at least one relevant item, as example lists. */
export function exampleUsers(world: FunnelWorld, lists: ReportLists, seen: SeenItems, count: number): ExampleUser[] {
	const { heldOut } = world;
	const examples: ExampleUser[] = [];
	for (let t = 0; t < heldOut.users.length && examples.length < count; t++) {
		const a = heldOut.offsets[t];
		const b = heldOut.offsets[t + 1];
		if (b === a) continue;
		const u = heldOut.users[t];
		const grade = new Map<number, number>();
		for (let j = a; j < b; j++) grade.set(heldOut.items[j], heldOut.grade[j]);
		const candidates = lists.candidates[t];
		const ranked = lists.rankedTop[t];
		const candPos = new Map<number, number>();
		candidates.forEach((i, j) => candPos.set(i, j + 1));
		const rankPos = new Map<number, number>();
		ranked.forEach((i, j) => rankPos.set(i, j + 1));
		const describe = (i: number): ExampleItem => ({
			item: i,
			popularityRank: i + 1,
			retrievalPosition: candPos.get(i) ?? null,
			rankedPosition: rankPos.get(i) ?? null,
			grade: grade.get(i) ?? 0
		});
		examples.push({
			user: u,
			trainingClicks: seen.start[u + 1] - seen.start[u],
			retrievedTop: Array.from(lists.retrievalTop[t], describe),
			rankedTop: Array.from(ranked, describe),
			relevant: Array.from(heldOut.items.subarray(a, b), describe),
			k: lists.k
		});
	}
	return examples;
}

/** Mean log10 of world.popularity over the items of some lists. */
export function meanLogPopularity(world: FunnelWorld, lists: Int32Array[]): number {
	let s = 0;
	let n = 0;
	for (const l of lists)
		for (const i of l) {
			s += Math.log10(world.popularity[i]);
			n++;
		}
	return n === 0 ? 0 : s / n;
}

/** All lists concatenated (every slot of every user's list), for `longTailReport`. */
export function flatten(lists: Int32Array[]): Int32Array {
	const out = new Int32Array(lists.reduce((s, l) => s + l.length, 0));
	let o = 0;
	for (const l of lists) {
		out.set(l, o);
		o += l.length;
	}
	return out;
}
