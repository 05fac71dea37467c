/** Messages between the compression lab and its worker (types only). */
export interface CompressionConfig {
	seed: number;
	/** Hidden layer width and count (ReLU). */
	width: number;
	depth: number;
	features: number;
	nTrain: number;
	lr: number;
	batchSize: number;
	/** Share of training and test labels flipped at random (default 0.05). */
	flip?: number;
}

export interface CompressionSetup {
	parameters: number;
	layers: number[];
	trainSize: number;
	testSize: number;
}

export interface CompressionProgress {
	epoch: number;
	/** Share (0…1) of the next epoch already trained, while training. */
	partial?: number;
	history: Array<{ epoch: number; trainLoss: number; testAccuracy: number }>;
	samplesPerSecond: number;
	/** How the model trains here: the fused engine or TF.js op by op (the faster, measured on this model). */
	path?: 'fused' | 'ops';
}

export interface CompressSpec {
	/** Sparsity for both pruning methods (share of weights, or of hidden neurons, removed). */
	sparsity: number;
	/** Fine-tune pruned models (gradual polynomial-decay schedule for unstructured pruning). */
	fineTune: boolean;
	fineTuneEpochs: number;
	/** Rows in the large-batch latency test. */
	largeBatch: number;
	/** Timed runs per variant (after warm-up). */
	runs: number;
	/** Train two students of this width (the teacher's depth) — on labels alone and distilled — as two more variants. */
	distill?: DistillSpec;
}

/** Knowledge distillation (Hinton, Vinyals & Dean 2015): the student's width, the temperature T, the hard-label weight λ. */
export interface DistillSpec {
	width: number;
	temperature: number;
	hardWeight: number;
	/** Share of the training rows the students see (a seeded subset, the same for both; default all), for as many steps as the teacher. */
	share?: number;
}

export type VariantKind = 'baseline' | 'float16' | 'quantized' | 'unstructured' | 'structured' | 'student' | 'distilled';

export interface Latency {
	/** Milliseconds per prediction. */
	median: number;
	p95: number;
	runs: number;
	/** Predictions timed together in each run (for timer resolution). */
	reps: number;
}

/** Which variant: the page names it from these fields (labs/compression/labels.ts). */
export interface VariantSpec {
	id: string;
	kind: VariantKind;
	bits: number;
	symmetric?: boolean;
	perChannel?: boolean;
	sparsity?: number;
	fineTuned?: boolean;
	/** Students: the hidden width and the share of the training rows they see (absent: all); distilled: also T and λ. */
	studentWidth?: number;
	studentShare?: number;
	temperature?: number;
	hardWeight?: number;
}

/** How a variant's weights are stored (biases stay float32). */
export type Storage =
	| { kind: 'float32' }
	| { kind: 'float16' }
	| { kind: 'packed'; bits: number; perChannel: boolean }
	/** Pruned: CSR for the kernels where it is smaller than dense (`sparseKernels` of `kernels`). */
	| { kind: 'csr'; sparseKernels: number; kernels: number }
	/** Structured pruning: dense float32, smaller matrices. */
	| { kind: 'float32-smaller' }
	/** A student: dense float32, a smaller model trained from scratch. */
	| { kind: 'float32-student' };

/** How the TF.js layers export stores the kernels. */
export type ExportEncoding = { kind: 'float32' } | { kind: 'float16' } | { kind: 'affine'; bits: number; perChannel: boolean };

export interface VariantResult extends VariantSpec {
	accuracy: number;
	auc: number;
	/** Bytes in the variant's own storage format, and which format that is. */
	packedBytes: number;
	storage: Storage;
	/** Exact bytes of the TF.js export (model.json + weights.bin), and how it stores the kernels. */
	exportBytes: number;
	exportEncoding: ExportEncoding;
	/** Weights that are not zero / all weights (kernels and biases). */
	nonzero: number;
	total: number;
	/** Mean squared change of the kernels from the float32 model (0 for the baseline). */
	mse: number;
	latency1: Latency;
	latencyN: Latency;
	layers: number[];
}

export interface CompressResult {
	backend: string;
	variants: VariantResult[];
	/** Histogram of the largest kernel's weights: shared edges, counts per variant id. */
	histogram: { layer: number; edges: number[]; counts: Record<string, number[]> };
	largeBatch: number;
	/**
	 * Training samples a second of the unstructured fine-tuning (TF.js op by op, masks after every step, the full
	 * model): the sweep's time estimate uses it (absent when fine-tuning is off).
	 */
	fineTuneRate?: number;
}

/** A variant as far as it is measured: accuracy, AUC and sizes first, then each latency once it is timed. */
export type PartialVariant = Omit<VariantResult, 'latency1' | 'latencyN'> & Partial<Pick<VariantResult, 'latency1' | 'latencyN'>>;

export interface CompressProgress {
	/** Variants finished (accuracy, sizes and both latencies). */
	done: number;
	total: number;
	/** The variant being built and measured (null when done). */
	variant: VariantSpec | null;
	/**
	 * Every variant measured so far, in the order they are built: the finished ones, then the one in progress once
	 * its accuracy is known (its latencies as they are timed). Each report carries them all, so a report the page
	 * skips (one per animation frame) loses nothing.
	 */
	partial?: PartialVariant[];
	/** As in CompressResult, once the unstructured fine-tuning has run. */
	fineTuneRate?: number;
}

export interface ExportedModel {
	modelJson: string;
	weights: ArrayBuffer;
}

/**
 * One sweep run: the lab's model for one seed trained `epochs` epochs, then either pruned to `sparsity` four ways, or
 * (`distill` set) two students trained beside it: distilled (arm A) and on labels alone (arm B).
 */
export interface CompressionSweepRequest {
	id: number;
	config: CompressionConfig;
	epochs: number;
	sparsity: number;
	fineTuneEpochs: number;
	distill?: DistillSpec;
}
