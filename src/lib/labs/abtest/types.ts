/** Messages between the A/B test lab and its worker (types only). */
export type MetricMode = 'conversion' | 'revenue';

export interface ExperimentConfig {
	mode: MetricMode;
	/** Control conversion rate. */
	baselineRate: number;
	/** True relative lift of the variant's conversion rate (0: an A/A test). */
	lift: number;
	/** Expected visitors per day, both arms together (each day's count is Poisson). */
	dailyTraffic: number;
	/** Share of visitors assigned to the variant. */
	split: number;
	days: number;
	alpha: number;
	seed: number;
	/** Revenue mode: mean and standard deviation of an order's value (log-normal). */
	orderValue: number;
	orderSd: number;
	/** mSPRT mixing standard deviation, in units of the metric difference. */
	tau: number;
	/** Fixed-horizon plan in visitors per arm (from the power calculator, for the chosen split). */
	plannedControl: number;
	plannedVariant: number;
	/** Bayesian decision threshold on P(variant beats control). */
	bayesThreshold: number;
}

export type Decision = 'continue' | 'wait' | 'significant' | 'not significant' | 'ship variant' | 'keep control' | 'stopped';

export interface ArmDay {
	n: number;
	conversions: number;
	/** Conversion rate, or revenue per visitor. */
	mean: number;
	/** Standard deviation per visitor (ddof 1). */
	sd: number;
	ci: [number, number];
}

export interface ExperimentDay {
	day: number;
	control: ArmDay;
	variant: ArmDay;
	diff: number;
	diffCi: [number, number];
	pValue: number;
	/** Always-valid p-value of the mSPRT. */
	seqPValue: number;
	/** P(variant beats control): exact Beta posteriors for conversions, normal approximation for revenue. */
	pBeat: number;
	decisions: Record<'naive' | 'fixed' | 'sequential' | 'bayes', Decision>;
}

/** One day's new visitors of one arm: how many, how many converted, and the sum and sum of squares of the metric per visitor. */
export interface DayArm {
	n: number;
	conversions: number;
	sum: number;
	sumSq: number;
}

export interface DayCounts {
	/** How the day is called (a date from the user's file, or its number). */
	label: string;
	control: DayArm;
	variant: DayArm;
}

/** How the days are analysed: the lab's settings that are not about simulating. */
export interface AnalysisOptions {
	mode: MetricMode;
	alpha: number;
	tau: number;
	plannedControl: number;
	plannedVariant: number;
	bayesThreshold: number;
}

export interface ExperimentResult {
	days: ExperimentDay[];
	/** The true difference of the metric between arms (null for the user's own data: nobody knows it). */
	trueDiff: number | null;
	/** Day the fixed-horizon plan is reached (or the last day). */
	planDay: number;
	planReached: boolean;
	/**
	 * Whether there was a planned sample at all: false for the user's revenue data and for a plan that puts a rate
	 * outside (0, 1), where the fixed-horizon test simply looks once, on the last day. Absent means planned.
	 */
	planned?: boolean;
}

export interface PeekingConfig {
	experiments: number;
	days: number;
	dailyTraffic: number;
	split: number;
	baselineRate: number;
	alpha: number;
	tau: number;
	bayesThreshold: number;
	seed: number;
}

export interface PeekingResult {
	experiments: number;
	/** Share of A/A experiments declared a winner by each policy. */
	rates: { naive: number; fixed: number; sequential: number; bayes: number };
	/** Share declared a winner by each rule with a single look at the end (the z-test's is the fixed horizon). */
	oneLook: { ztest: number; sequential: number; bayes: number };
	/** Cumulative share rejected by day (peeking every day up to that day). */
	byDay: { naive: number[]; sequential: number[]; bayes: number[] };
	/** 20-bin histograms on [0, 1]: final-day p-values, and the smallest p-value over all peeks. */
	pFinal: number[];
	pMin: number[];
	experimentsPerSecond: number;
}

export interface PowerConfig {
	baselineRate: number;
	/** Absolute minimum detectable effect (variant rate − control rate). */
	mde: number;
	alpha: number;
	/** Visitors in each arm (unequal for an unequal split). */
	nControl: number;
	nVariant: number;
	experimentsPerPoint: number;
	seed: number;
}

export interface PowerPoint {
	diff: number;
	rate: number;
	lo: number;
	hi: number;
}

export interface PowerResult {
	simulated: PowerPoint[];
	analytic: { diff: number[]; power: number[] };
}
