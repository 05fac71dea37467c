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
}

export type VariantKind = 'baseline' | 'float16' | 'quantized' | 'unstructured' | 'structured';

export interface Latency {
	/** Milliseconds per prediction. */
	median: number;
	p95: number;
	runs: number;
	/** Predictions timed together in each run (for timer resolution). */
	reps: number;
}

export interface VariantResult {
	id: string;
	label: string;
	kind: VariantKind;
	bits: number;
	symmetric?: boolean;
	perChannel?: boolean;
	sparsity?: number;
	fineTuned?: boolean;
	accuracy: number;
	auc: number;
	/** Bytes in the variant's own storage format, and which format that is. */
	packedBytes: number;
	format: string;
	/** Exact bytes of the TF.js export (model.json + weights.bin). */
	exportBytes: number;
	exportNote: string;
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
}

export interface CompressProgress {
	done: number;
	total: number;
	stage: string;
}

export interface ExportedModel {
	modelJson: string;
	weights: ArrayBuffer;
}
