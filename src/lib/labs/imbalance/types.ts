import type { ContourBand } from '$lib/charts/contours';
/** Messages between the class-imbalance lab page and its worker (types only: safe to import from pages). */
import type { Resampling } from '$lib/data/split';
import type { MinorityRaised } from '$lib/labs/imbalance/worker/generate';
import type { OwnSpec } from './worker/own-data';

export type LossKind = 'bce' | 'weighted' | 'class-balanced' | 'focal';

export interface ModelConfig {
	loss: LossKind;
	resampling: Resampling;
}

export interface ImbalanceConfig {
	n: number;
	ratio: number;
	overlap: number;
	seed: number;
	/** Focal loss focusing parameter γ. */
	gamma: number;
	/** Focal loss α for the positive (minority) class; null: no α weighting. */
	alpha: number | null;
	/** Class-balanced β. */
	beta: number;
	lr: number;
	batchSize: number;
	hidden: number[];
	/** The model under study, then the comparison model, trained side by side on the same split. */
	models: [ModelConfig, ModelConfig];
	/** The user's imported file instead of the synthetic data (n, ratio and overlap then unused); absent: synthetic. */
	own?: OwnSpec | null;
}

export interface GridSpec {
	x0: number;
	x1: number;
	y0: number;
	y1: number;
	nx: number;
	ny: number;
}

export interface ImbalanceSetup {
	/** The requested ratio left too few minority examples: how many, and how many were used instead. */
	minorityRaised: MinorityRaised | null;
	counts: { train: [number, number]; test: [number, number]; trained: [number, number][] };
	/** Class weights [w0, w1] each model's loss uses (1, 1 when unweighted). */
	classWeights: [number, number][];
	/** Points to draw: every minority point and a seeded subsample of the majority (row-major x, y). */
	points: { x: Float32Array; y: Uint8Array; shown: number; total: number; allMinority: boolean };
	testLabels: Uint8Array;
	grid: GridSpec;
	parameters: number;
	/** What the decision surface's axes are (x1, x2 for the synthetic data). */
	axes: [string, string];
	/**
	 * The user's data: rows used, the model's input columns, rows left out, how the surface is drawn, and the label's
	 * values for class 1 (the positive class) and class 0 (null when several values make up class 0).
	 */
	own: {
		rows: number;
		inputs: string[];
		dropped: { label: number; feature: number };
		/** The decision surface's plane: two features (the other inputs at their medians) or the first two principal components. */
		surface: 'features' | 'pca';
		surfaceNote: string | null;
		positive: string;
		negative: string | null;
	} | null;
}

export interface ModelSnapshot {
	trainLoss: number;
	testLoss: number;
	testScores: Float32Array;
	/** Probabilities on the grid, row-major (ny rows of nx). */
	grid: Float32Array;
	/** Filled contours of `grid` at SURFACE_LEVELS, in grid coordinates (computed here, off the main thread). */
	bands: ContourBand[];
	rocAuc: number;
	averagePrecision: number;
	roc: { x: number[]; y: number[] };
	pr: { x: number[]; y: number[] };
}

export interface ImbalanceProgress {
	epoch: number;
	models: ModelSnapshot[];
	history: Array<{ epoch: number; train: number[]; test: number[] }>;
	samplesPerSecond: number;
}

export interface TrainOutcome {
	status: 'done' | 'cancelled';
	epoch: number;
}

/** One run of a sweep: the lab's config with the swept setting and the replicate's seed, trained `epochs` epochs. */
export interface SweepRunRequest {
	id: number;
	config: ImbalanceConfig;
	epochs: number;
	/** The decision threshold the metrics are taken at. */
	threshold: number;
}

/** One model's test metrics at the end of a sweep run (precision NaN when it predicts no minority). */
export type SweepArmMetrics = {
	ap: number;
	rocAuc: number;
	recall: number;
	precision: number;
	f1: number;
	accuracy: number;
};

/** Stratified k-fold cross-validation of both models on the lab's data (`config.own`: the user's file). */
export interface CrossValidationRequest {
	config: ImbalanceConfig;
	/** Epochs each fold's models train (the lab's epochs). */
	epochs: number;
	folds: number;
}

export interface CrossValidationProgress {
	/** The fold training now, 1 … folds. */
	fold: number;
	folds: number;
	/** Epochs of this fold done. */
	epoch: number;
	epochs: number;
}

/**
 * Out-of-fold predictions: every row of the data scored once, by the models trained on the other folds. The page
 * takes the confusion counts at its threshold from `labels` and `scores`.
 */
export interface CrossValidationResult {
	folds: number;
	epochs: number;
	/** Every row used, in the data's order (1 = the positive class). */
	labels: Uint8Array;
	/** Each row's fold (0 … folds − 1). */
	fold: Uint8Array;
	/** Per model: each row's score from the models that did not train on it. */
	scores: Float32Array[];
	/** Per model: ROC AUC and average precision of the pooled scores (five models' scores ranked together). */
	rocAuc: number[];
	averagePrecision: number[];
	/** Per fold: its test rows [class 0, class 1] and each model's ROC AUC on them. */
	perFold: Array<{ counts: [number, number]; rocAuc: number[] }>;
}
