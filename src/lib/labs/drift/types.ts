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
}

export interface DriftProgress {
	done: number;
	total: number;
}

/** One run of the detector evaluation (a sweep run): the lab's settings with the swept value and the replicate's seed. */
export interface DriftSweepRequest {
	id: number;
	config: DriftConfig;
}
