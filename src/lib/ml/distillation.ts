/**
 * Knowledge distillation loss (Hinton, Vinyals & Dean, "Distilling the knowledge in a neural network", 2015), pure
 * TypeScript on logits, with its gradient with respect to the student's logits.
 *
 * Softmax with temperature: q_i = exp(z_i/T) / Σ_j exp(z_j/T) (max-subtracted, log-sum-exp: never overflows).
 * The paper (§2): "The first objective function is the cross entropy with the soft targets and this cross entropy is
 * computed using the same high temperature in the softmax of the distilled model as was used for generating the soft
 * targets from the cumbersome model. The second objective function is the cross entropy with the correct labels.
 * This is computed using exactly the same logits in softmax of the distilled model but at a temperature of 1. …
 * Since the magnitudes of the gradients produced by the soft targets scale as 1/T² it is important to multiply them
 * by T² when using both hard and soft targets." It weighs the two by "a weighted average" and found "a considerably
 * lower weight on the second objective function" best. Here, per example,
 *
 *   L = (1 − λ) · T² · H(softmax(t/T), softmax(s/T)) + λ · H(onehot(y), softmax(s)),   λ ∈ [0, 1] the hard-label weight
 *
 * with H(p, q) = −Σ p_i ln q_i the cross-entropy (λ = 0: soft targets only; λ = 1: ordinary training on labels).
 * Averaged over the batch. Soft cross-entropy, not KL: they differ by the teacher's entropy, a constant in the
 * student, so the gradient is the same (`klDivergence: true` reports T²·KL instead, as torch's KLDivLoss recipes do).
 * Gradient w.r.t. student logits s (per example, before the batch mean):
 *   ∂/∂s [T²·H(softmax(t/T), softmax(s/T))] = T·(softmax(s/T) − softmax(t/T))
 *   ∂/∂s H(onehot(y), softmax(s)) = softmax(s) − onehot(y)
 * Binary outputs: one logit per example, sigmoid(z/T) in place of the softmax (the two-class softmax of logits
 * (z, 0)); soft term T²·BCE(sigmoid(t/T), sigmoid(s/T)), gradient T·(sigmoid(s/T) − sigmoid(t/T)); hard term
 * BCE(y, sigmoid(s)), gradient sigmoid(s) − y; ln sigmoid(z) = −softplus(−z) computed stably.
 * Peer implementation: the distillation loss of Keras's "Knowledge Distillation" example (keras.io, 2020) and
 * torch's KLDivLoss recipe (T² · KL(teacher_T ‖ student_T)); numpy reference in tests/fixtures/capacity_refs.py.
 */
import { assertFiniteNumber, assertInRange, assertNumericArray, assertPositive } from '../stats/validate';

export interface DistillationOptions {
	/** Temperature T > 0 of the soft targets. */
	temperature: number;
	/** Weight λ ∈ [0, 1] of the hard-label cross-entropy; the soft term gets 1 − λ. */
	hardWeight: number;
	/** Report T²·KL(teacher ‖ student) instead of T²·cross-entropy for the soft term (same gradient). */
	klDivergence?: boolean;
}

export interface DistillationLoss {
	/** (1 − λ)·soft + λ·hard, batch mean. */
	loss: number;
	/** T²·H(teacher_T, student_T) (or T²·KL), batch mean, unweighted. */
	soft: number;
	/** H(labels, student at T = 1), batch mean, unweighted. */
	hard: number;
	/** ∂loss/∂(student logits), same layout as the logits. */
	grad: Float64Array;
}

/** log-softmax of z/T for one row. */
function logSoftmaxRow(z: ArrayLike<number>, offset: number, k: number, t: number, out: Float64Array): void {
	let mx = -Infinity;
	for (let i = 0; i < k; i++) mx = Math.max(mx, z[offset + i] / t);
	let s = 0;
	for (let i = 0; i < k; i++) s += Math.exp(z[offset + i] / t - mx);
	const lse = mx + Math.log(s);
	for (let i = 0; i < k; i++) out[i] = z[offset + i] / t - lse;
}

/** softmax(z/T) of each row of a row-major batch × classes array. */
export function softmaxWithTemperature(logits: ArrayLike<number>, classes: number, temperature: number): Float64Array {
	assertNumericArray('The logits', logits);
	checkShape(logits.length, classes);
	assertPositive('The temperature T', temperature);
	const out = new Float64Array(logits.length);
	const row = new Float64Array(classes);
	for (let r = 0; r < logits.length / classes; r++) {
		logSoftmaxRow(logits, r * classes, classes, temperature, row);
		for (let i = 0; i < classes; i++) out[r * classes + i] = Math.exp(row[i]);
	}
	return out;
}

function checkShape(length: number, classes: number): void {
	if (!Number.isInteger(classes) || classes < 2) throw new RangeError(`A softmax needs at least 2 classes (got ${classes}).`);
	if (length % classes !== 0) throw new RangeError(`The logits (${length} values) are not a whole number of rows of ${classes} classes.`);
}

function checkOptions(o: DistillationOptions): void {
	assertPositive('The temperature T', o.temperature);
	assertInRange('The hard-label weight λ', o.hardWeight, 0, 1);
}

/** Multi-class distillation loss; logits row-major (batch × classes), labels are class indices. */
export function distillationLoss(
	studentLogits: ArrayLike<number>,
	teacherLogits: ArrayLike<number>,
	labels: ArrayLike<number>,
	classes: number,
	options: DistillationOptions
): DistillationLoss {
	assertNumericArray('The student logits', studentLogits);
	assertNumericArray('The teacher logits', teacherLogits);
	checkShape(studentLogits.length, classes);
	if (teacherLogits.length !== studentLogits.length)
		throw new RangeError(`Teacher and student logits must have the same shape (got ${teacherLogits.length} and ${studentLogits.length} values).`);
	checkOptions(options);
	const batch = studentLogits.length / classes;
	if (labels.length !== batch) throw new RangeError(`One label per example is needed (${batch} examples, got ${labels.length} labels).`);
	const T = options.temperature;
	const lam = options.hardWeight;
	const ls = new Float64Array(classes);
	const lt = new Float64Array(classes);
	const l1 = new Float64Array(classes);
	const grad = new Float64Array(studentLogits.length);
	let soft = 0;
	let hard = 0;
	for (let r = 0; r < batch; r++) {
		const y = labels[r];
		if (!Number.isInteger(y) || y < 0 || y >= classes) throw new RangeError(`labels[${r}] must be a class index 0…${classes - 1} (got ${y}).`);
		const o = r * classes;
		logSoftmaxRow(studentLogits, o, classes, T, ls);
		logSoftmaxRow(teacherLogits, o, classes, T, lt);
		logSoftmaxRow(studentLogits, o, classes, 1, l1);
		let h = 0;
		for (let i = 0; i < classes; i++) {
			const pt = Math.exp(lt[i]);
			if (pt > 0) h -= pt * (options.klDivergence ? ls[i] - lt[i] : ls[i]);
			grad[o + i] = ((1 - lam) * T * (Math.exp(ls[i]) - pt) + lam * (Math.exp(l1[i]) - (i === y ? 1 : 0))) / batch;
		}
		soft += T * T * h;
		hard -= l1[y];
	}
	soft /= batch;
	hard /= batch;
	return { loss: (1 - lam) * soft + lam * hard, soft, hard, grad };
}

/** ln sigmoid(z) = −softplus(−z), stable for large |z|. */
function logSigmoid(z: number): number {
	return z >= 0 ? -Math.log1p(Math.exp(-z)) : z - Math.log1p(Math.exp(z));
}

function sigmoid(z: number): number {
	return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Binary distillation loss: one logit per example, labels 0/1. */
export function binaryDistillationLoss(
	studentLogits: ArrayLike<number>,
	teacherLogits: ArrayLike<number>,
	labels: ArrayLike<number>,
	options: DistillationOptions
): DistillationLoss {
	assertNumericArray('The student logits', studentLogits);
	assertNumericArray('The teacher logits', teacherLogits);
	if (teacherLogits.length !== studentLogits.length)
		throw new RangeError(`Teacher and student logits must have the same length (got ${teacherLogits.length} and ${studentLogits.length}).`);
	if (labels.length !== studentLogits.length)
		throw new RangeError(`One label per logit is needed (got ${labels.length} labels for ${studentLogits.length} logits).`);
	checkOptions(options);
	const T = options.temperature;
	const lam = options.hardWeight;
	const batch = studentLogits.length;
	const grad = new Float64Array(batch);
	let soft = 0;
	let hard = 0;
	for (let r = 0; r < batch; r++) {
		const y = labels[r];
		assertFiniteNumber(`labels[${r}]`, y);
		if (y !== 0 && y !== 1) throw new RangeError(`labels[${r}] must be 0 or 1 (got ${y}).`);
		const s = studentLogits[r];
		const t = teacherLogits[r];
		const pt = sigmoid(t / T);
		let h = -(pt * logSigmoid(s / T) + (1 - pt) * logSigmoid(-s / T));
		if (options.klDivergence) h += pt * logSigmoid(t / T) + (1 - pt) * logSigmoid(-t / T);
		soft += T * T * h;
		hard -= y === 1 ? logSigmoid(s) : logSigmoid(-s);
		grad[r] = ((1 - lam) * T * (sigmoid(s / T) - pt) + lam * (sigmoid(s) - y)) / batch;
	}
	soft /= batch;
	hard /= batch;
	return { loss: (1 - lam) * soft + lam * hard, soft, hard, grad };
}
