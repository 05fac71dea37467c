/**
 * Requests and results of the funnel lab's worker (src/lib/labs/funnel/worker/): one seeded run of the retrieval →
 * ranking funnel. Plain data only (typed arrays where they are large); the page words every number.
 */
import type { FunnelWorldConfig } from './world';
import type { TwoTowerConfig } from './worker/two-tower';
import type { RankerConfig, RankerModel } from './worker/ranker';
import type { CurvePoint } from './search/recall-latency';
import type { LongTailReport } from './long-tail';

export type IndexChoice = 'exact' | 'ivf' | 'hnsw';
export const INDEX_CHOICES: readonly IndexChoice[] = ['exact', 'ivf', 'hnsw'];

export interface FunnelConfig {
	world: FunnelWorldConfig;
	/** The retriever (its `seed` is the run's seed; its `dim` is the embedding dimension d). */
	twoTower: TwoTowerConfig;
	ranker: RankerConfig;
	/** The index that serves the candidates of the K sweep, the long-tail view and the examples. */
	index: IndexChoice;
	hnsw: { M: number; efConstruction: number; efSearch: number };
	/** nlist 0: round(√n), the IVF default. */
	ivf: { nlist: number; nprobe: number };
	curve: {
		/** k of recall@k against exact search. */
		k: number;
		/** Query users (the first test users, or the first users when there are fewer test users). */
		queries: number;
		/** IVF's nprobe values and HNSW's efSearch values to measure (hnswlib searches with max(efSearch, k)). */
		nprobe: number[];
		efSearch: number[];
	};
	/** Candidates retrieved and re-ranked (K), ascending. */
	ks: number[];
	/** The K of the long-tail view and the examples (one of `ks`). */
	reportK: number;
	/** How many example users to return. */
	examples: number;
	/** A sweep run: no recall–latency curve, and only the serving index is built. */
	light?: boolean;
}

export const FUNNEL_STAGES = ['world', 'train', 'index', 'curve', 'ranker', 'funnel', 'long-tail'] as const;
export type FunnelStage = (typeof FUNNEL_STAGES)[number];

export interface StageTiming {
	stage: FunnelStage;
	ms: number;
}

export interface WorldSummary {
	users: number;
	items: number;
	sessions: number;
	impressions: number;
	clicks: number;
	/** Clicks / impressions. */
	clickRate: number;
	testUsers: number;
	/** Test users with at least one held-out relevant item (the users the metrics average over). */
	testUsersWithRelevant: number;
	heldOutRelevant: number;
	/** Share of training clicks on the 1% most popular items. */
	topPercentClickShare: number;
	/** Items never clicked in training. */
	unclickedItems: number;
}

export interface LossPoint {
	step: number;
	epoch: number;
	loss: number;
}

export interface IndexBuild {
	kind: IndexChoice;
	buildMs: number;
	memoryBytes: number;
	/** nlist (IVF), M (HNSW); null for exact. */
	parameter: number | null;
}

export interface CurveSeries {
	kind: IndexChoice;
	/** One point per parameter value (a single point with value null for exact). */
	points: CurvePoint[];
}

export interface StageMetrics {
	/** nDCG@10 (sklearn's linear gain), MRR@10 and recall@10 on held-out graded relevance (`RankingAccumulator`). */
	ndcg: number;
	mrr: number;
	recall: number;
}

export interface SweepRow {
	k: number;
	/** Share of each user's held-out relevant items among its K candidates (recall@K of retrieval), averaged. */
	candidateRecall: number;
	/** The candidates in retrieval order, cut at 10. */
	retrieval: StageMetrics;
	/** The candidates re-ranked by the ranker, cut at 10. */
	ranked: StageMetrics;
	/** Measured per user: retrieving the K candidates (index search + dropping the user's training items), and re-ranking them. */
	retrieveMsPerUser: number;
	rankMsPerUser: number;
	users: number;
}

export interface RankerSummary {
	model: RankerModel;
	trainMs: number;
}

export interface ExampleItem {
	item: number;
	/** Popularity rank (1 = most popular; item id + 1 in this world). */
	popularityRank: number;
	/** 1-based position in the candidates (retrieval order) and in the ranked list; null when not there. */
	retrievalPosition: number | null;
	rankedPosition: number | null;
	/** Held-out grade 1..3, 0 when not relevant. */
	grade: number;
}

export interface ExampleUser {
	user: number;
	/** Clicks in the training log. */
	trainingClicks: number;
	/** The first 10 candidates in retrieval order and the ranker's top 10. */
	retrievedTop: ExampleItem[];
	rankedTop: ExampleItem[];
	/** Every held-out relevant item of the user, with where each stage put it. */
	relevant: ExampleItem[];
	k: number;
}

export interface PopularitySummary {
	/** Mean log10 popularity (world.popularity) of the items recommended: the top 10 of retrieval and of the ranker at `reportK`. */
	retrievalTop10: number;
	rankedTop10: number;
	/** Mean log10 popularity of the K candidates at `reportK`. */
	candidates: number;
	/** The catalogue's own mean log10 popularity per item (every item once), and per click. */
	catalogueItem: number;
	catalogueClick: number;
}

export interface FunnelPartial {
	world: WorldSummary | null;
	loss: LossPoint[];
	builds: IndexBuild[];
	curve: CurveSeries[];
	ranker: RankerSummary | null;
	sweep: SweepRow[];
	timings: StageTiming[];
}

export interface FunnelProgress {
	stage: FunnelStage;
	/** 0-based index in FUNNEL_STAGES. */
	stageIndex: number;
	stages: number;
	/** Work done within the stage (steps, items, queries, users), of `total`. */
	done: number;
	total: number;
	/** Every stage result complete so far (the page may show its numbers before the run ends). */
	partial: FunnelPartial;
}

export interface FunnelResult {
	config: FunnelConfig;
	world: WorldSummary;
	training: { epochLosses: number[]; loss: LossPoint[]; steps: number; seconds: number };
	builds: IndexBuild[];
	curve: CurveSeries[];
	ranker: RankerSummary;
	sweep: SweepRow[];
	longTail: { k: number; retrieval: LongTailReport; ranked: LongTailReport };
	popularity: PopularitySummary;
	examples: ExampleUser[];
	/** The most clicked items each test user has not clicked, cut at 10, measured like retrieval (`popularityBaseline`). */
	popularityBaseline?: StageMetrics;
	timings: StageTiming[];
	totalMs: number;
}

/** One run of a sweep (src/lib/sweep): the lab's settings with the swept value and the replicate's seed. */
export interface FunnelSweepRequest {
	id: number;
	config: FunnelConfig;
}
