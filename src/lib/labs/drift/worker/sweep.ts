/**
 * The drift lab's detector evaluation (sweep runs). Each run is the lab's setup for one seed: the model trained on
 * the reference window serves two streams of the same length and batch size — a stationary one (no drift at all) and
 * the lab's drifting one — and its 0/1 errors reach DDM and Page–Hinkley as the labels arrive (after the label delay),
 * at the thresholds set. Per detector:
 * - falseAlarm: 1 if it alarmed anywhere on the stationary stream (the chance of at least one false alarm per stream);
 * - delay: batches from the onset until the first alarm raised on labels of a drifted batch — Infinity when it never
 *   alarms before the stream ends (censored: the budget is the batches after the onset);
 * - detected: 1 if it did alarm after the onset.
 * The model and both error streams do not depend on the thresholds: runs of one seed share them (cached per worker).
 */
import { createRng } from '$lib/data/rng';
import { drawBatch, validateSpec } from '$lib/labs/drift/worker/stream';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { makeDetector } from './policies';
import { concat, fit, predict, validateDrift } from './simulate';
import type { AlarmDetector, DriftConfig, DriftSweepRequest } from '../types';

interface Streams {
	/** Per batch, the deployed model's 0/1 errors on the stationary and on the drifting stream. */
	stationary: Uint8Array[];
	drifting: Uint8Array[];
	referenceErrorRate: number;
}

const cache = new Map<string, Streams>();

/** Everything the error streams depend on (not the thresholds, the detector choice or the retraining policies). */
function streamKey(c: DriftConfig): string {
	return JSON.stringify([c.seed, c.covariate, c.prior, c.concept, c.schedule, c.onset, c.span, c.noise, c.batches, c.batchSize, c.referenceBatches]);
}

function draw(c: DriftConfig): { x: Float32Array[]; y: Uint8Array[] } {
	const rng = createRng(c.seed);
	const x: Float32Array[] = [];
	const y: Uint8Array[] = [];
	for (let t = 0; t < c.batches; t++) {
		const b = drawBatch(c, t, c.batchSize, rng.fork(`batch${t}`));
		x.push(b.x);
		y.push(b.y);
	}
	return { x, y };
}

async function errorStreams(c: DriftConfig, ticket: Ticket): Promise<Streams> {
	const key = streamKey(c);
	const known = cache.get(key);
	if (known) return known;
	const still: DriftConfig = { ...c, covariate: 0, prior: 0, concept: 0 };
	validateSpec(still);
	const drifting = draw(c);
	const stationary = draw(still);
	const R = c.referenceBatches;
	// The lab's deployed model: trained on the drifting stream's reference window (the same seed as the lab's run).
	const model = await fit(concat(drifting.x.slice(0, R)) as Float32Array, concat(drifting.y.slice(0, R)) as Uint8Array, c.seed ^ 0x1234, ticket);
	try {
		const errors = async (s: { x: Float32Array[]; y: Uint8Array[] }) => {
			const out: Uint8Array[] = [];
			for (let t = 0; t < c.batches; t++) {
				const p = await predict(model, s.x[t]);
				out.push(Uint8Array.from(s.y[t], (yi, i) => ((p[i] >= 0.5 ? 1 : 0) === yi ? 0 : 1)));
			}
			return out;
		};
		const d = await errors(drifting);
		const st = await errors(stationary);
		let wrong = 0;
		let n = 0;
		for (let t = 0; t < R; t++) {
			for (const e of d[t]) wrong += e;
			n += d[t].length;
		}
		const streams: Streams = { stationary: st, drifting: d, referenceErrorRate: wrong / n };
		if (cache.size >= 16) cache.delete(cache.keys().next().value!);
		cache.set(key, streams);
		return streams;
	} finally {
		model.dispose();
	}
}

/** Batches (by the batch when raised) at which a detector alarms on a stream, fed after the reference window. */
export function alarmBatches(
	kind: AlarmDetector,
	c: DriftConfig,
	errors: Uint8Array[],
	referenceErrorRate: number
): Array<{ raised: number; labelled: number }> {
	const detector = makeDetector(kind, referenceErrorRate, c);
	const out: Array<{ raised: number; labelled: number }> = [];
	for (let t = 0; t < c.batches; t++) {
		const labelled = t - c.labelDelay;
		if (labelled < c.referenceBatches) continue;
		let alarmed = false;
		for (const e of errors[labelled]) if (detector.update(e) === 'drift') alarmed = true;
		if (alarmed) out.push({ raised: t, labelled });
	}
	return out;
}

export type DetectorMetrics = { falseAlarm: number; delay: number; detected: number };

export const SWEEP_DETECTORS: AlarmDetector[] = ['ddm', 'page-hinkley'];

export async function runDriftSweep(requests: DriftSweepRequest[], ticket: Ticket, onRun: (id: number, arms: DetectorMetrics[]) => void): Promise<void> {
	for (const r of requests) {
		const c = r.config;
		validateDrift(c);
		const s = await errorStreams(c, ticket);
		onRun(
			r.id,
			SWEEP_DETECTORS.map((kind) => {
				const falseAlarm = alarmBatches(kind, c, s.stationary, s.referenceErrorRate).length > 0 ? 1 : 0;
				const hit = alarmBatches(kind, c, s.drifting, s.referenceErrorRate).find((a) => a.labelled >= c.onset);
				return { falseAlarm, delay: hit ? hit.raised - c.onset : Infinity, detected: hit ? 1 : 0 };
			})
		);
		await checkpoint(ticket);
	}
}
