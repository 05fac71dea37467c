/**
 * The drift lab's facts for its lessons (lessons/types.ts): the numbers of a complete simulated run, read with the
 * functions the page words them with (summarize's verdict and headline numbers, psiAlarm's noise-aware PSI alarm).
 */
import type { Facts } from '$lib/lessons/types';
import { psiAlarm, psiAlarmThreshold, summarize } from './summary';
import type { DriftConfig, DriftResult } from './types';

export function driftFacts(r: DriftResult, c: DriftConfig): Facts {
	const s = summarize(r, c);
	const monitored = r.batches.filter((b) => b.t >= c.referenceBatches);
	const psis = monitored.flatMap((b) => b.features.map((f) => f.psi));
	const gain = (name: 'periodic' | 'alarm') => s.policies.find((p) => p.name === name)?.gain ?? null;
	const periodic = gain('periodic');
	const alarm = gain('alarm');
	const finite = (x: number | undefined) => (x !== undefined && Number.isFinite(x) ? x : 0);
	return {
		seed: c.seed,
		onset: c.onset,
		labelDelay: c.labelDelay,
		batchSize: c.batchSize,
		batches: r.batches.length,
		kind: s.kind,
		maxPsi: s.maxPsi,
		accuracyDrop: s.accuracyDrop,
		firstAlarm: s.firstAlarm ?? -1,
		alarmDelay: s.firstAlarm === null ? -1 : s.firstAlarm - c.onset,
		retrainingPaid: s.retrainingPaid,
		psiThreshold: psiAlarmThreshold(r.psiNoise),
		psiComparisons: r.psiNoise.comparisons,
		psiNoiseMean: r.psiNoise.mean,
		/** Over every monitored batch × feature (drifting or not): the largest PSI, how many exceed 0.25, how many raise the lab's alarm. */
		monitoredMaxPsi: psis.length ? Math.max(...psis) : 0,
		monitoredOver025: psis.filter((x) => x > 0.25).length,
		monitoredPsiAlarms: psis.filter((x) => psiAlarm(x, r.psiNoise)).length,
		/** Monitored batches where an error detector (DDM or Page–Hinkley) fired. */
		detectorAlarms: monitored.filter((b) => b.alarms.ddm || b.alarms.pageHinkley).length,
		periodicGain: finite(periodic?.mean),
		periodicGainLo: finite(periodic?.lo),
		periodicGainHi: finite(periodic?.hi),
		alarmGain: finite(alarm?.mean),
		alarmGainLo: finite(alarm?.lo),
		alarmGainHi: finite(alarm?.hi),
		periodicRetrainings: r.retrainings.periodic,
		alarmRetrainings: r.retrainings.alarm
	};
}
