/** Messages between the offline vs online lab and its worker (types only). */
export type ModelId = 'current' | 'click-naive' | 'click-debiased' | 'revenue' | 'revenue-miscal';

export interface OfflineOnlineConfig {
	seed: number;
	users: number;
	items: number;
	clickbaitShare: number;
	positionBias: number;
	novelty: number;
	/** Logged sessions of the current model used for training (70%) and offline evaluation (30%). */
	logSessions: number;
	/** Slots shown per session, and candidates ranked per session. */
	slots: number;
	pool: number;
	days: number;
	usersPerDay: number;
	alpha: number;
}

export interface OfflineMetrics {
	/** AUC of the ranking score against logged clicks. */
	clickAuc: number;
	/** AUC of the model's own probability on its own target (null for popularity): unchanged by miscalibration. */
	ownAuc: number | null;
	/** Calibration of the model's own probability on its own target (clicks or purchases); null for popularity. */
	logLoss: number | null;
	ece: number | null;
	target: 'click' | 'purchase' | 'click-rate';
	/** Share of the top 3 (by the model) of each logged session's shown items that were clicked. */
	precisionAt3: number;
	/** Reliability bins of its own probability (10 equal-count bins): mean predicted vs observed rate. */
	calibration: Array<{ predicted: number; observed: number; count: number }>;
}

export interface Lift {
	/** Per-session means of each arm. */
	control: number;
	treatment: number;
	/** Relative lift (treatment / control − 1) and its delta-method interval; p from Welch's test on sessions. */
	lift: number;
	ci: [number, number];
	pValue: number;
}

export interface OnlineResult {
	ctr: Lift;
	conversion: Lift;
	revenue: Lift;
	/** The same lifts on the sessions from day `fromDay` (1-based) on, once the novelty boost has faded. */
	steady: { fromDay: number; ctr: Lift; conversion: Lift; revenue: Lift } | null;
	/** Cumulative relative lifts by day, with intervals. */
	daily: Array<{ day: number; ctr: number; ctrLo: number; ctrHi: number; revenue: number; revenueLo: number; revenueHi: number }>;
	sessions: number;
}

export interface ModelResult {
	id: ModelId;
	offline: OfflineMetrics;
	/** Null for the current model (it is the control). */
	online: OnlineResult | null;
}

/** Correlation of a popularity feature's error (vs the true click propensity) with the item's mean logged slot. */
export interface PopularityBias {
	raw: number;
	ipw: number;
	/** Items with enough clicks to judge (≥ 10). */
	items: number;
}

export interface OfflineOnlineResult {
	models: ModelResult[];
	popularityBias: PopularityBias;
	logged: { impressions: number; clicks: number; purchases: number; clicksBySlot: number[]; impressionsBySlot: number[] };
	backend: string;
}

/** A model while the run goes on: its offline metrics, and its online result once its A/B test is done (absent until then). */
export type PartialModelResult = Omit<ModelResult, 'online'> & { online?: OnlineResult | null };

/**
 * What is known before the run is done: the logs, every model's offline metrics (all computed right after training)
 * and the online results of the A/B tests finished so far. The page shows these numbers, labelled as partial, and
 * draws no conclusion from them.
 */
export interface OfflineOnlinePartial extends Omit<OfflineOnlineResult, 'models'> {
	models: PartialModelResult[];
}

/** The step in progress: logging sessions, training the candidates, or the online A/B test of one model. */
export type OfflineOnlineStage = { kind: 'logging' } | { kind: 'training' } | { kind: 'ab-test'; model: ModelId } | { kind: 'done' };

export interface OfflineOnlineProgress {
	stage: OfflineOnlineStage;
	/** Steps done (fractional) of `total`. */
	done: number;
	total: number;
	/** Share of the work done, weighted by each step's cost (stageWeights). */
	fraction: number;
	/** From the end of training on, in every report: the results so far. */
	partial?: OfflineOnlinePartial;
}

/** One sweep run: the lab's settings with the swept value and the replicate's seed. */
export interface OfflineOnlineSweepRequest {
	id: number;
	config: OfflineOnlineConfig;
}
