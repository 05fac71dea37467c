/**
 * Knowledge distillation in the compression lab's worker (Hinton, Vinyals & Dean 2015, arXiv:1503.02531): a small
 * student MLP (the teacher's depth, a chosen width) trained with Adam on
 *
 *   L = (1 − λ) · T² · BCE(sigmoid(t/T), sigmoid(s/T)) + λ · BCE(y, sigmoid(s))
 *
 * per example, batch mean — t the teacher's logit, s the student's, y the (noisy) label — as tf ops, so TF.js
 * differentiates it. It is $lib/ml/distillation.ts's `binaryDistillationLoss` (tests/unit/compression-distill.test.ts
 * checks the two agree). λ = 1 is ordinary training on the labels: the "student alone" is the same code with λ = 1,
 * the same initial weights and the same batch order, so the two students differ only in their targets.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng } from '$lib/data/rng';
import { Mlp, type DenseWeights } from '../../../engine/mlp';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { permutation } from '../../../engine/train';
import { qualityOf, type ModelState } from './model';
import type { DistillSpec, VariantSpec } from '../types';

/** Student hidden width (the teacher's depth), temperature T > 0, weight λ ∈ [0, 1] of the hard-label term. */
export type DistillSettings = DistillSpec;

export function validateDistill(d: DistillSettings): void {
	if (!Number.isInteger(d.width) || d.width < 1 || d.width > 2048) throw new RangeError(`The student width must be between 1 and 2,048 (got ${d.width}).`);
	if (!(d.temperature > 0 && d.temperature <= 100)) throw new RangeError(`The temperature must be in (0, 100] (got ${d.temperature}).`);
	if (!(d.hardWeight >= 0 && d.hardWeight <= 1)) throw new RangeError(`The hard-label weight λ must be in [0, 1] (got ${d.hardWeight}).`);
	if (d.share !== undefined && !(d.share > 0 && d.share <= 1))
		throw new RangeError(`The students' share of the training rows must be in (0, 1] (got ${d.share}).`);
}

/**
 * Cross-entropy of targets p with sigmoid(z), from the logits z, in the stable form of TensorFlow's
 * sigmoid_cross_entropy_with_logits: max(z, 0) − p·z + ln(1 + e^(−|z|)). (Not tf.logSigmoid: its gradient reads a
 * tensor the tape has freed, in tfjs-core 4.)
 */
function bceWithLogits(p: tf.Tensor, z: tf.Tensor): tf.Tensor {
	return tf.add(tf.sub(tf.relu(z), tf.mul(p, z)), tf.log1p(tf.exp(tf.neg(tf.abs(z)))));
}

/**
 * The distillation loss as tf ops (a scalar, batch mean): `s` and `t` student and teacher logits, `y` labels 0/1.
 * The soft term is the cross-entropy, not the KL (same gradient). No tf.tidy inside (the gradient tape needs the
 * intermediates): call it within a tidy or optimizer.minimize.
 */
export function distillationLossTf(s: tf.Tensor1D, t: tf.Tensor1D, y: tf.Tensor1D, temperature: number, hardWeight: number): tf.Scalar {
	const T = temperature;
	const soft = bceWithLogits(tf.sigmoid(tf.div(t, T)), tf.div(s, T));
	const hard = bceWithLogits(y, s);
	return tf.mean(tf.add(tf.mul(soft, (1 - hardWeight) * T * T), tf.mul(hard, hardWeight))) as tf.Scalar;
}

/** The teacher's logits on the training rows (a tensor the caller disposes). */
export function teacherLogits(teacher: Mlp, s: ModelState): tf.Tensor1D {
	return tf.tidy(() => teacher.logits(s.train.x));
}

/**
 * The training rows the students see: all of them, or (share < 1) a seeded subset of round(share·n) rows, at least
 * one batch — the same subset for both students of a seed.
 */
export function studentRows(n: number, share: number, batchSize: number, seed: number): Int32Array {
	const all = permutation(n, createRng(seed).fork('student').fork('subset'));
	if (share >= 1) return Int32Array.from({ length: n }, (_, i) => i);
	const m = Math.min(n, Math.max(batchSize, Math.round(share * n)));
	return all.slice(0, m).sort();
}

/**
 * Train a student for as many Adam steps as `epochs` epochs of the teacher take (passes over its rows, each in a seeded
 * order, the same for both students), from initial weights drawn from the seed (the same for both students): on the
 * distillation loss with the teacher's logits `soft`, or on labels alone when λ = 1. `onBatch(share)` hears the share
 * of the training done.
 */
export async function trainStudent(
	s: ModelState,
	soft: tf.Tensor1D,
	d: DistillSettings,
	epochs: number,
	ticket: Ticket,
	onBatch?: (share: number) => void
): Promise<DenseWeights[]> {
	validateDistill(d);
	const c = s.config;
	const root = createRng(c.seed).fork('student');
	const student = new Mlp({ inputs: c.features, hidden: Array(c.depth).fill(d.width), activation: 'relu' }, root.fork('init'));
	const order = root.fork('batches');
	const rows = studentRows(s.train.n, d.share ?? 1, c.batchSize, c.seed);
	const m = rows.length;
	const opt = tf.train.adam(c.lr);
	const total = epochs * Math.ceil(s.train.n / c.batchSize);
	let step = 0;
	try {
		while (step < total) {
			const perm = permutation(m, order);
			const pass = tf.tensor1d(
				Int32Array.from(perm, (i) => rows[i]),
				'int32'
			);
			try {
				for (let start = 0; start < m && step < total; start += c.batchSize, step++) {
					const size = Math.min(c.batchSize, m - start);
					const cost = opt.minimize(
						() => {
							const idx = tf.slice(pass, [start], [size]);
							const logits = student.logits(tf.gather(s.train.x, idx) as tf.Tensor2D);
							return distillationLossTf(logits, tf.gather(soft, idx), tf.gather(s.train.y, idx), d.temperature, d.hardWeight);
						},
						false,
						student.variables
					);
					cost?.dispose();
					if (step % 8 === 7 || step === total - 1) {
						onBatch?.((step + 1) / total);
						await checkpoint(ticket);
					}
				}
			} finally {
				pass.dispose();
			}
		}
		return await student.getWeights();
	} finally {
		opt.dispose();
		student.dispose();
	}
}

/** How a student variant trains: labels alone (λ = 1, T irrelevant) or distilled with the spec's T and λ. */
export function studentSettings(spec: VariantSpec): DistillSettings {
	const width = spec.studentWidth ?? 0;
	const rows = spec.studentShare !== undefined && spec.studentShare < 1 ? { share: spec.studentShare } : {};
	if (spec.kind === 'student') return { width, temperature: 1, hardWeight: 1, ...rows };
	if (spec.kind === 'distilled') return { width, temperature: spec.temperature ?? NaN, hardWeight: spec.hardWeight ?? NaN, ...rows };
	throw new Error(`The variant '${spec.id}' is not a student.`);
}

/**
 * A `teach` for planVariants: trains the student of a spec for the teacher's epochs (at least one); the teacher's
 * logits are computed on first use and kept until `dispose()`.
 */
export function studentTrainer(s: ModelState, ticket: Ticket): { teach: (spec: VariantSpec) => Promise<DenseWeights[]>; dispose: () => void } {
	let soft: tf.Tensor1D | null = null;
	return {
		teach: async (spec) => {
			soft ??= teacherLogits(s.model, s);
			return trainStudent(s, soft, studentSettings(spec), Math.max(1, s.epoch), ticket);
		},
		dispose: () => {
			soft?.dispose();
			soft = null;
		}
	};
}

/** Test accuracy and ROC AUC of trained weights. */
export async function studentQuality(s: ModelState, layers: DenseWeights[]): Promise<{ accuracy: number; auc: number }> {
	const m = new Mlp({ inputs: layers[0].fanIn, hidden: layers.slice(0, -1).map((l) => l.fanOut), activation: 'relu' }, layers);
	try {
		return await qualityOf(m, s);
	} finally {
		m.dispose();
	}
}

/** Both students of one teacher: labels alone (λ = 1), then distilled; the teacher's logits computed once. */
export async function trainStudents(
	s: ModelState,
	teacher: Mlp,
	d: DistillSettings,
	epochs: number,
	ticket: Ticket,
	onShare?: (share: number) => void
): Promise<{ student: DenseWeights[]; distilled: DenseWeights[] }> {
	const soft = teacherLogits(teacher, s);
	try {
		const student = await trainStudent(s, soft, { ...d, hardWeight: 1 }, epochs, ticket, (f) => onShare?.(f / 2));
		const distilled = await trainStudent(s, soft, d, epochs, ticket, (f) => onShare?.(0.5 + f / 2));
		return { student, distilled };
	} finally {
		soft.dispose();
	}
}
