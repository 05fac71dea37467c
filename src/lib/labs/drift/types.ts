/** Messages between the data drift lab and its worker (types only). */
import type { DriftSpec } from '$lib/labs/drift/worker/stream';

export type AlarmDetector = 'ddm' | 'page-hinkley';
export type PolicyName = 'never' | 'periodic' | 'alarm';

export interface DriftConfig extends DriftSpec {
	seed: number;
	batches: number;
	batchSize: number;
	/** Batches in the reference window (the initial model's training data). */
	referenceBatches: number;
	/** Labels of batch t arrive after batch t + labelDelay. */
	labelDelay: number;
	/** The periodic policy retrains every this many batches. */
	retrainEvery: number;
	/** The alarm policy's detector. */
	detector: AlarmDetector;
	/** Retraining uses the most recent this many labelled batches. */
	window: number;
	/** DDM's drift level k and Page–Hinkley's λ in units of σ (the detectors' thresholds). */
	ddmLevel: number;
	phLambda: number;
}

export interface FeatureStats {
	psi: number;
	ks: number;
	ksP: number;
	js: number;
	wasserstein: number;
}

export interface PolicyBatch {
	/** null when the batch has a single class (AUC undefined). */
	accuracy: number;
	auc: number | null;
	/** The policy retrained after this batch (its new model serves from the next batch). */
	retrained: boolean;
}

export interface DriftBatch {
	t: number;
	intensity: number;
	/** True boundary angle (degrees) and observed share of positives. */
	thetaDeg: number;
	positiveRate: number;
	features: FeatureStats[];
	policies: Record<PolicyName, PolicyBatch>;
	/** Detector events on the never-retrained model's error stream, at the batch when they were raised. */
	alarms: { pageHinkley: boolean; ddm: boolean; ddmWarning: boolean };
}

/** PSI bins (cut at the reference's deciles) and the family-wise level of the PSI alarm. */
export const PSI_BINS = 10;
export const PSI_FAMILY_ALPHA = 0.05;

/** PSI under no drift for this run's batch and reference sizes (src/lib/stats/psi-null.ts). */
export interface PsiNoise {
	/** Mean PSI of a drift-free batch. */
	mean: number;
	/** 95% of drift-free batches stay below this. */
	q95: number;
	/** The largest of all monitored batch × feature PSIs stays below this in 95% of drift-free runs (Bonferroni). */
	critical: number;
	/** Monitored batches × features. */
	comparisons: number;
}

export interface DriftResult {
	batches: DriftBatch[];
	/** Reference window features (row-major, 2 per row) and every batch's features and labels, for histograms. */
	reference: Float32Array;
	x: Float32Array[];
	y: Uint8Array[];
	retrainings: Record<PolicyName, number>;
	/** The initial model's accuracy on the reference window (1 − the error rate that scales Page–Hinkley's δ and λ). */
	referenceAccuracy: number;
	psiNoise: PsiNoise;
	/**
	 * Measured here: the stream's time in ms (data, models, retraining, detectors), without PSI's no-drift level —
	 * simulated once per pair of sizes and then kept, so it is no measure of this device's speed. The sweep's time
	 * estimate uses it (a sweep run is one stream).
	 */
	streamMs?: number;
}

/**
 * What a running simulation has computed so far: its first `batches.length` batches exactly as the result will hold
 * them, and the retrainings among them. Numbers only — every verdict waits for the result (it needs all batches and
 * PSI's no-drift level, simulated last).
 */
export interface DriftPartial {
	batches: DriftBatch[];
	retrainings: Record<PolicyName, number>;
	referenceAccuracy: number;
}

export interface DriftProgress {
	/** Batches simulated; at `total` only PSI's no-drift level is left to compute. */
	done: number;
	total: number;
	partial: DriftPartial;
}

/** One run of the detector evaluation (a sweep run): the lab's settings with the swept value and the replicate's seed. */
export interface DriftSweepRequest {
	id: number;
	config: DriftConfig;
}

/** PSI at or above this is a "moderate shift" (Siddiqi 2006): a change beyond noise is called drift only from here on. */
export const PSI_MODERATE = 0.1;

/**
 * The drift report's messages about the user's data (own-report.ts): data for the page to put in words
 * (src/lib/labs/drift/own-words.ts).
 */

/** The test behind a compared feature's verdict, at the level PSI_FAMILY_ALPHA / `family` (Bonferroni over the features compared). */
export type DriftTest =
	/** Numbers: PSI above the value no drift exceeds at that level (for numbers with heavy ties, simulated from the pooled values). */
	| { kind: 'psi'; critical: number; family: number; tied: boolean }
	/** Categories: Pearson's χ² test, its p-value conditional on the totals by Monte Carlo over `replicates` tables (null: asymptotic). */
	| { kind: 'chi2'; family: number; replicates: number | null };

/** Why a feature got its verdict, or why it was not compared. */
export type FeatureRule =
	/** Beyond noise by the test and PSI ≥ PSI_MODERATE (`n`, `m`: reference and current values compared). */
	| { kind: 'drift'; test: DriftTest; psi: number; n: number; m: number }
	/** Beyond noise by the test, PSI below PSI_MODERATE. */
	| { kind: 'small'; test: DriftTest; psi: number; n: number; m: number }
	/** Not beyond noise by the test (whatever PSI is). */
	| { kind: 'within-noise'; test: DriftTest; psi: number; n: number; m: number }
	/** Categories with one value only, in both samples. */
	| { kind: 'one-value' }
	/** The current sample (all current rows, or the batch chosen) has no value of the feature. */
	| { kind: 'no-current-values' }
	/** Numbers: fewer than `min` values in the reference. */
	| { kind: 'too-few-reference'; min: number }
	/** Categories: no value in the reference. */
	| { kind: 'no-reference-values' }
	/** Dates or times: not a feature (they move with time by construction). */
	| { kind: 'dates' }
	/** Text with more distinct values than a column keeps as categories (an identifier?). */
	| { kind: 'identifier' }
	/** Unticked on the page; the shares missing in the reference and the current sample (over half: the default reason). */
	| { kind: 'unticked'; missingRef: number; missingCur: number };

/** How a compared feature is read, when it is not plain numbers or text categories. */
export type FeatureNote =
	/** Numbers with heavy ties: bins at their `distinct` values (neighbouring rare ones grouped into `groups` when fewer). */
	| { kind: 'tied-numbers'; distinct: number; groups: number }
	/** Numbers with few distinct values: compared as categories. */
	| { kind: 'few-numbers'; distinct: number };

/** What the report says about the data as a whole (a split by period is said from the report's `period`). */
export type ReportNote =
	/** Rows without a value in the batch column, left out (`current`: of the current file, when there are two). */
	| { kind: 'rows-without-batch'; rows: number; column: string; current: boolean }
	/** Columns in one file only (two files): not compared. */
	| { kind: 'only-in-reference'; columns: string[] }
	| { kind: 'only-in-current'; columns: string[] };
