/**
 * How long a compression sweep takes here: the work of its runs, and this device's speed measured on the lab's own
 * model (pure; ./sweep.ts uses the work, the page the speed; tests/unit/compression-progress.test.ts checks them).
 *
 * What a sweep run does (worker/sweep.ts): each seed's model is trained once, `epochs` × `ntrain` samples on the
 * fused engine where the backend has it (shared by the seed's runs); then every run fine-tunes two pruned models op
 * by op — the full model with its masks re-applied after every step, and the structurally pruned (smaller) one —
 * `ftepochs` × `ntrain` samples each, and evaluates four models on the test split.
 *
 * The cost model. Work is counted in units of one training sample through one parameter op by op, where a sample
 * through a model of P parameters costs P + P₀: P₀ stands for what each step costs beyond the arithmetic (a
 * TF.js kernel launch per op, spread over a batch of 64), in parameter-equivalents; measured on WebAssembly (Node,
 * 16-w-w-1 models, w = 16…1,024): op by op ≈ c·(P + 8,000), the fused engine ≈ c′·P (no launches per step).
 * - per run: ftepochs·ntrain·(MASK_COST·(P + P₀) + (P_s + P₀)) + 4 evaluations of the test split (≈ 0.43·ntrain rows, a
 *   forward pass ≈ a third of a training sample, the whole split in one call: no P₀), P_s the pruned model's size;
 * - per seed (shared): κ·epochs·ntrain·P, with κ converting the fused engine's sample·parameter into the unit.
 * The speed is measured on the lab's model (P_lab parameters): op by op at r_ops samples/s it does
 * speed = r_ops·(P_lab + P₀) units a second, and training on the sweep's path at r_train samples/s gives
 * κ = speed / (r_train·P_lab). So at the lab's own settings a one-run sweep is predicted to take exactly the lab's
 * measured training time plus its measured fine-tuning time; other sizes are scaled by P + P₀ (op by op) and P (fused).
 * r_ops comes from the lab's own fine-tuning once it has run (the sweep's very work, warmed up; measured in Node on
 * WebAssembly, one worker, the estimate was then 0.91–1.16× the real time over 6 sweeps of sparsity, fine-tuning
 * epochs, width, epochs and depth 3), or from the lab's training when it trains op by op. Until then there is no
 * estimate while the lab's fine-tuning is still to come: the only other op-by-op rate is the short timing before
 * training (worker/model.ts estimateTrainMs), taken in a fresh worker, cold — on WebAssembly 2× (256 wide) to 4–6×
 * (64 wide) below the rate a few seconds later — and the training throughput does not stand in for it (κ is ≈ 0.2 on
 * WebAssembly, 0.4–1 on the CPU backend). Where no fine-tuning is coming (it is off, or training waits for a click) that timing is used,
 * scaled by how much faster the lab's training then ran than the same timing of its path: an estimate that errs long
 * (2.1× at the defaults in a fresh worker; 1.0–1.1× once the worker is warm).
 * r_train comes from the lab's training progress when it trains on the sweep's path, else from that timing.
 * Not modelled: data generation and start-up per worker, and a seed's runs split across two workers (its model then
 * trains twice).
 */
import type { LabSweep, SweepParams } from '$lib/sweep/lab-sweep';
import { layerWidths, parameterCount, structuredWidths, studentWidths } from './known';

/** What a sweep run's cost depends on (the lab's settings with the swept value). */
export interface SweepCostParams {
	width: number;
	depth: number;
	features: number;
	ntrain: number;
	epochs: number;
	ftepochs: number;
	sparsity: number;
}

/** P₀: op-by-op cost per sample beyond the arithmetic, in parameter-equivalents. */
export const OP_OVERHEAD_PARAMS = 8000;
/** Fine-tuning with masks (a multiply per kernel after every step, a magnitude sort per epoch) against plain steps. */
export const MASK_COST = 1.1;
/** Test rows per training row (the lab's 70/30 split). */
const TEST_PER_TRAIN = 0.3 / 0.7;
/** κ until a training rate is measured: the fused engine's sample·parameter against the unit (WebAssembly, 256 wide). */
export const DEFAULT_KAPPA = 0.2;

const sizes = (p: SweepCostParams) => {
	const widths = layerWidths(p);
	return { P: parameterCount(widths), Ps: parameterCount(structuredWidths(widths, p.sparsity)) };
};

/** One run's own work: two fine-tunings and four evaluations (units: op-by-op sample·(parameters + P₀)). */
export function runWork(p: SweepCostParams): number {
	const { P, Ps } = sizes(p);
	const tune = p.ftepochs * p.ntrain * (MASK_COST * (P + OP_OVERHEAD_PARAMS) + (Ps + OP_OVERHEAD_PARAMS));
	const evaluate = (TEST_PER_TRAIN * p.ntrain * (2 * P + 2 * Ps)) / 3;
	return tune + evaluate;
}

/**
 * A distillation run's own work (worker/sweep.ts with `distill`): two students of width `sw` trained op by op for
 * `epochs` × `ntrain` samples each, and two evaluations of the test split (the teacher's logits: one forward pass).
 */
export function studentWork(p: SweepCostParams & { sw: number }): number {
	const Pst = parameterCount(studentWidths(layerWidths(p), p.sw));
	return 2 * p.epochs * p.ntrain * (Pst + OP_OVERHEAD_PARAMS) + (p.ntrain * sizes(p).P) / 3 + (TEST_PER_TRAIN * p.ntrain * 2 * Pst) / 3;
}

/** A seed's training, shared by its runs (units: fused sample·parameters; times κ to count in runWork's unit). */
export function trainWork(p: SweepCostParams): number {
	return p.epochs * p.ntrain * sizes(p).P;
}

export type TrainPath = 'fused' | 'ops';

/** What the lab has measured on its model so far (each null until it has). */
export interface LabRates {
	parameters: number;
	/** Both paths timed briefly before training (fused 0: the backend has no fused kernel). */
	estimate: Record<TrainPath, number> | null;
	/** The lab's training: samples a second and the path it trains on. */
	training: { rate: number; path: TrainPath } | null;
	/** Samples a second of the lab's unstructured fine-tuning (op by op with masks). */
	fineTuneRate: number | null;
	/** The lab's own fine-tuning of this model is still to run (then its rate is waited for, not guessed). */
	fineTuneComing: boolean;
}

/** The speed in runWork's unit a second, and κ; null until an op-by-op rate is known. */
export function sweepSpeed(m: LabRates): { speed: number; kappa: number } | null {
	if (!m.fineTuneRate && m.fineTuneComing && m.training?.path !== 'ops') return null;
	// The sweep trains on the fused engine wherever the backend has one (worker/model.ts fixPath).
	const sweepPath: TrainPath = m.estimate ? (m.estimate.fused > 0 ? 'fused' : 'ops') : (m.training?.path ?? 'fused');
	// How much faster the lab trained than its cold timing of the same path said (at least 1).
	const warm = m.training && m.estimate?.[m.training.path] ? Math.max(1, m.training.rate / m.estimate[m.training.path]) : 1;
	const ops = m.fineTuneRate ? m.fineTuneRate * MASK_COST : m.training?.path === 'ops' ? m.training.rate : (m.estimate?.ops ?? 0) * warm;
	const train = m.training?.path === sweepPath ? m.training.rate : (m.estimate?.[sweepPath] ?? 0);
	if (!(ops > 0) || !(m.parameters > 0)) return null;
	const speed = ops * (m.parameters + OP_OVERHEAD_PARAMS);
	return { speed, kappa: train > 0 ? speed / (train * m.parameters) : DEFAULT_KAPPA };
}

/**
 * A lab sweep whose shared training cost uses κ measured on this device (sweepSpeed); `kappa` is read each time a
 * sweep is planned, so a plan made in a reactive context follows the measurement.
 */
export function measuredSweep<P extends SweepParams & SweepCostParams, Req>(sweep: LabSweep<P, Req>, kappa: () => number): LabSweep<P, Req> {
	return { ...sweep, shared: { key: sweep.shared!.key, cost: (p) => kappa() * trainWork(p) } };
}
