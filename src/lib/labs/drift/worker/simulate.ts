/**
 * The drift lab's simulation: a model trained on a reference window serves a drifting stream batch by batch;
 * for each batch we measure its accuracy and AUC under three retraining policies, the drift statistics of each
 * feature against the reference window, and the alarms of streaming detectors on the error stream.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRng, mixSeed } from '$lib/data/rng';
import { drawBatch, intensity, validateSpec } from '$lib/labs/drift/worker/stream';
import { rocAuc } from '$lib/metrics/classification';
import { jensenShannonDivergence, ksSorted, psiDetailSorted, wassersteinSorted } from '$lib/stats/drift';
import { drawsFor, mcCritical, psiFamilyCritical, psiNullCached, psiNullDrawsCached, psiNullQuantile } from '$lib/stats/psi-null';
import { focalLoss } from '$lib/ml/losses';
import { Mlp } from '../../../engine/mlp';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { fitModel } from '../../../engine/fused/fit';
import { feedErrors, makeDetector, type Deployed } from './policies';
import {
	PSI_BINS,
	PSI_FAMILY_ALPHA,
	type DriftBatch,
	type DriftConfig,
	type DriftPartial,
	type DriftResult,
	type FeatureStats,
	type PolicyName,
	type PsiNoise
} from '../types';

const HIDDEN = [8];
const EPOCHS = 25;
const BATCH = 128;
const LR = 0.03;

export function validateDrift(c: DriftConfig): void {
	validateSpec(c);
	if (!Number.isInteger(c.batches) || c.batches < c.referenceBatches + 2 || c.batches > 400) {
		throw new RangeError(`The stream needs between ${c.referenceBatches + 2} and 400 batches (got ${c.batches}).`);
	}
	if (!Number.isInteger(c.batchSize) || c.batchSize < 20 || c.batchSize > 5000)
		throw new RangeError(`The batch size must be between 20 and 5,000 (got ${c.batchSize}).`);
	if (!Number.isInteger(c.referenceBatches) || c.referenceBatches < 1) throw new RangeError('The reference window needs at least one batch.');
	if (!Number.isInteger(c.labelDelay) || c.labelDelay < 0) throw new RangeError(`The label delay must be a whole number of batches ≥ 0 (got ${c.labelDelay}).`);
	if (!Number.isInteger(c.retrainEvery) || c.retrainEvery < 1) throw new RangeError(`Retrain every N batches needs N ≥ 1 (got ${c.retrainEvery}).`);
	if (!Number.isInteger(c.window) || c.window < 1) throw new RangeError(`The retraining window needs at least one batch (got ${c.window}).`);
}

export function concat(parts: Float32Array[] | Uint8Array[]): Float32Array | Uint8Array {
	const n = parts.reduce((s, p) => s + p.length, 0);
	const out = parts[0] instanceof Float32Array ? new Float32Array(n) : new Uint8Array(n);
	let o = 0;
	for (const p of parts) {
		out.set(p, o);
		o += p.length;
	}
	return out;
}

const bce = (y: tf.Tensor, p: tf.Tensor) => focalLoss(y, p, { gamma: 0, alpha: null });

export async function fit(x: Float32Array, y: Uint8Array, seed: number, ticket: Ticket): Promise<Mlp> {
	const rng = createRng(seed);
	const model = new Mlp({ inputs: 2, hidden: HIDDEN, activation: 'tanh' }, rng.fork('init'));
	try {
		const loss = { kind: 'clipped' as const, weights: [1, 1] as [number, number], gamma: 0 };
		await fitModel(model, { x, y }, { loss, lossFn: bce, lr: LR, epochs: EPOCHS, batchSize: BATCH, rngOf: (e) => rng.fork(`epoch${e}`), ticket });
		return model;
	} catch (err) {
		model.dispose();
		throw err;
	}
}

export async function predict(model: Mlp, x: Float32Array): Promise<Float32Array> {
	const t = tf.tensor2d(x, [x.length / 2, 2]);
	try {
		return await model.predictArray(t);
	} finally {
		t.dispose();
	}
}

function column(x: Float32Array, j: number): Float64Array {
	const out = new Float64Array(x.length / 2);
	for (let i = 0; i < out.length; i++) out[i] = x[2 * i + j];
	return out;
}

/**
 * A batch's feature against the reference window, both sorted ascending: the reference is sorted once per run, not
 * once per statistic and batch (psiDetail, ksTwoSample and wasserstein1 each sort copies of both; same numbers).
 */
function featureStats(ref: Float64Array, cur: Float64Array): FeatureStats {
	const p = psiDetailSorted(ref, cur, PSI_BINS);
	const ks = ksSorted(ref, cur);
	return {
		psi: p.psi,
		ks: ks.statistic,
		ksP: ks.pValue,
		js: jensenShannonDivergence(p.expectedCounts, p.actualCounts),
		wasserstein: wassersteinSorted(ref, cur)
	};
}

/**
 * How large PSI gets with no drift for these sizes: its mean, the 95% quantile for one batch, and the value the
 * largest of all monitored batch × feature PSIs exceeds with probability 5% (Bonferroni over the comparisons) — the
 * Monte Carlo test's critical value on about 5 / level draws (psi-null.ts: the moment-matched χ² is off that far out),
 * the moment-matched one only where the level is beyond the draws' reach.
 */
export function psiNoise(c: DriftConfig, features: number): PsiNoise {
	// Simulated once per pair of sizes and kept: it does not depend on the data, the drift or the seed.
	const [n, m] = [c.referenceBatches * c.batchSize, c.batchSize];
	const nul = psiNullCached(n, m, PSI_BINS);
	const comparisons = Math.max(1, c.batches - c.referenceBatches) * features;
	const level = PSI_FAMILY_ALPHA / comparisons;
	const critical = mcCritical(psiNullDrawsCached(n, m, PSI_BINS, drawsFor(level)), level) ?? psiFamilyCritical(nul, PSI_FAMILY_ALPHA, comparisons);
	return { mean: nul.mean, q95: psiNullQuantile(nul, 0.95), critical, comparisons };
}

const retrainingsOf = (policies: Deployed[]): Record<PolicyName, number> => ({ never: 0, periodic: policies[1].retrainings, alarm: policies[2].retrainings });

/**
 * Run the stream. `onProgress(done, soFar)` after each batch: `soFar()` returns what is computed up to then (the first
 * `done` batches as the result will hold them, and the retrainings among them); it costs a copy of the batch list,
 * so call it only for the reports sent. After the last batch PSI's no-drift level is simulated (psiNoise: once per
 * pair of sizes, then kept), and only then the result is complete.
 */
export async function simulateDrift(c: DriftConfig, ticket: Ticket, onProgress?: (done: number, soFar: () => DriftPartial) => void): Promise<DriftResult> {
	validateDrift(c);
	const rng = createRng(c.seed);
	const xs: Float32Array[] = [];
	const ys: Uint8Array[] = [];
	for (let t = 0; t < c.batches; t++) {
		const b = drawBatch(c, t, c.batchSize, rng.fork(`batch${t}`));
		xs.push(b.x);
		ys.push(b.y);
	}
	const R = c.referenceBatches;
	const reference = concat(xs.slice(0, R)) as Float32Array;
	const refY = concat(ys.slice(0, R)) as Uint8Array;
	// Each feature's values in ascending order, once (featureStats needs them sorted; the order of rows plays no part).
	const refCols = [column(reference, 0).sort(), column(reference, 1).sort()];
	const initial = await fit(reference, refY, c.seed ^ 0x1234, ticket);
	const initialWeights = await initial.getWeights();
	// The deployed model's error rate on its reference data sets the scale of Page–Hinkley's δ and λ.
	const refPred = await predict(initial, reference);
	let refErrors = 0;
	for (let i = 0; i < refY.length; i++) refErrors += (refPred[i] >= 0.5 ? 1 : 0) === refY[i] ? 0 : 1;
	const referenceErrorRate = refErrors / refY.length;
	const policies: Deployed[] = (['never', 'periodic', 'alarm'] as PolicyName[]).map((name) => ({
		name,
		model: name === 'never' ? initial : new Mlp({ inputs: 2, hidden: HIDDEN, activation: 'tanh' }, initialWeights),
		since: R,
		detector: name === 'alarm' ? makeDetector(c.detector, referenceErrorRate, c) : null,
		retrainings: 0,
		fed: []
	}));
	// Detectors watching the never-retrained model, for the alarm timeline.
	const watch = { ph: makeDetector('page-hinkley', referenceErrorRate, c), ddm: makeDetector('ddm', referenceErrorRate, c) };
	const predictions: Record<PolicyName, Array<Float32Array | null>> = { never: [], periodic: [], alarm: [] };
	const servedBy: Record<PolicyName, number[]> = { never: [], periodic: [], alarm: [] };
	const out: DriftBatch[] = [];
	try {
		for (let t = 0; t < c.batches; t++) {
			const y = ys[t];
			const cols = [column(xs[t], 0).sort(), column(xs[t], 1).sort()];
			let pos = 0;
			for (const v of y) pos += v;
			const batch: DriftBatch = {
				t,
				intensity: intensity(c, t),
				thetaDeg: 90 * c.concept * intensity(c, t),
				positiveRate: pos / y.length,
				features: cols.map((col, j) => featureStats(refCols[j], col)),
				policies: {} as DriftBatch['policies'],
				alarms: { pageHinkley: false, ddm: false, ddmWarning: false }
			};
			for (const d of policies) {
				const p = await predict(d.model, xs[t]);
				predictions[d.name][t] = p;
				servedBy[d.name][t] = d.since;
				let correct = 0;
				for (let i = 0; i < y.length; i++) correct += (p[i] >= 0.5 ? 1 : 0) === y[i] ? 1 : 0;
				batch.policies[d.name] = { accuracy: correct / y.length, auc: pos > 0 && pos < y.length ? rocAuc(y, p) : null, retrained: false };
			}
			// Labels of batch t − delay arrive now.
			const labelled = t - c.labelDelay;
			if (labelled >= R) {
				const errorsOf = (name: PolicyName) => {
					const p = predictions[name][labelled]!;
					return Uint8Array.from(ys[labelled], (yi, i) => ((p[i] >= 0.5 ? 1 : 0) === yi ? 0 : 1));
				};
				const e = errorsOf('never');
				for (const v of e) {
					if (watch.ph.update(v) === 'drift') batch.alarms.pageHinkley = true;
					const s = watch.ddm.update(v);
					if (s === 'drift') batch.alarms.ddm = true;
					else if (s === 'warning') batch.alarms.ddmWarning = true;
				}
				const alarmPolicy = policies[2];
				// Only errors of batches the current model predicted count against it.
				const changeAt = servedBy.alarm[labelled] === alarmPolicy.since ? feedErrors(alarmPolicy, labelled, errorsOf('alarm')) : null;
				const due: Record<PolicyName, boolean> = { never: false, periodic: (t + 1 - R) % c.retrainEvery === 0, alarm: changeAt !== null };
				for (const d of policies) {
					if (!due[d.name] || t + 1 >= c.batches) continue;
					// Retrain on the most recent labelled batches; after an alarm, only on those since the estimated change.
					let from = Math.max(0, labelled + 1 - c.window);
					if (d.name === 'alarm' && changeAt !== null) from = Math.max(from, Math.min(changeAt, labelled));
					const model = await fit(
						concat(xs.slice(from, labelled + 1)) as Float32Array,
						concat(ys.slice(from, labelled + 1)) as Uint8Array,
						mixSeed(c.seed, t * 3 + ['never', 'periodic', 'alarm'].indexOf(d.name)),
						ticket
					);
					d.model.dispose();
					d.model = model;
					d.since = t + 1;
					d.retrainings++;
					d.detector?.reset();
					batch.policies[d.name].retrained = true;
				}
			}
			out.push(batch);
			onProgress?.(t + 1, () => ({ batches: out.slice(), retrainings: retrainingsOf(policies), referenceAccuracy: 1 - referenceErrorRate }));
			await checkpoint(ticket);
		}
		return {
			batches: out,
			reference,
			x: xs,
			y: ys,
			retrainings: retrainingsOf(policies),
			referenceAccuracy: 1 - referenceErrorRate,
			psiNoise: psiNoise(c, refCols.length)
		};
	} finally {
		for (const d of policies) d.model.dispose();
	}
}
