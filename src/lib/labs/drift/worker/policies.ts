/**
 * A deployed model under a retraining policy. Errors are fed to the policy's detector only for batches its
 * current model predicted, once their labels arrive (after the label delay), so a fresh model is not blamed for
 * its predecessor's mistakes.
 */
import { DDM, DDM_RECOMMENDED, PageHinkley, pageHinkleyForErrorRate, type StreamDetector } from '$lib/stats/detectors';
import type { AlarmDetector, PolicyName } from '../types';
import type { Mlp } from '../../../engine/mlp';

/**
 * `errorRate`: the deployed model's error rate on its reference data, the scale Page–Hinkley's δ and λ follow;
 * `thresholds`: DDM's drift level k and Page–Hinkley's λ in units of σ (the lab's settings).
 */
export function makeDetector(kind: AlarmDetector, errorRate: number, thresholds: { ddmLevel: number; phLambda: number }): StreamDetector {
	if (kind === 'ddm') return new DDM({ ...DDM_RECOMMENDED, driftLevel: thresholds.ddmLevel });
	return new PageHinkley(pageHinkleyForErrorRate(errorRate, thresholds.phLambda));
}

export interface Deployed {
	name: PolicyName;
	model: Mlp;
	/** Batch index from which the current model serves. */
	since: number;
	detector: StreamDetector | null;
	retrainings: number;
	/** Batches whose errors the detector has seen since its last reset, in order. */
	fed: number[];
}

/**
 * Feed one labelled batch's errors. On a drift alarm, returns the batch where the detector estimates the change
 * began (the policy retrains from there); otherwise null. The detector restarts after an alarm.
 */
export function feedErrors(d: Deployed, batch: number, errors: Uint8Array): number | null {
	if (!d.detector) return null;
	d.fed.push(batch);
	for (let i = 0; i < errors.length; i++) {
		if (d.detector.update(errors[i]) === 'drift') {
			// changeStart counts observations since the previous reset (1-based); errors arrive batch by batch.
			const obs = d.detector.changeStart - 1;
			const perBatch = errors.length;
			const k = Math.min(d.fed.length - 1, Math.floor(obs / perBatch));
			const start = d.fed[Math.max(0, k)];
			d.fed = [];
			return start;
		}
	}
	return null;
}
