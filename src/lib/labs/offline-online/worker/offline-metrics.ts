/** Offline metrics of a candidate on held-out logs: AUC, log loss, calibration, precision at 3. */
import type { Impression } from '$lib/labs/offline-online/worker/population';
import { calibrationBinsQuantile, expectedCalibrationError, logLoss, rocAuc } from '$lib/metrics/classification';
import type { ModelId, OfflineMetrics } from '../types';
import type { Scorer } from './models';

/** `rows`: the test sessions' impressions, one session after another (test.flat(), passed when already made). */
export function offlineMetrics(id: ModelId, m: Scorer, test: Impression[][], rows: Impression[] = test.flat()): OfflineMetrics {
	const clicks = Uint8Array.from(rows, (r) => r.click);
	const scores = Float64Array.from(rows, (r) => m.score(r.user, r.item));
	const target = id.startsWith('revenue') ? 'purchase' : id === 'current' ? 'click-rate' : 'click';
	let precision = 0;
	let at = 0;
	for (const s of test) {
		// The session's impressions by the model's score (each computed once, in `scores`), best first.
		const from = at;
		const top = s
			.map((r, j) => ({ r, score: scores[from + j] }))
			.sort((a, b) => b.score - a.score)
			.slice(0, 3);
		precision += top.reduce((t, x) => t + x.r.click, 0) / top.length;
		at += s.length;
	}
	const probs = rows.map((r) => m.prob(r.user, r.item, r.slot));
	let ll: number | null = null;
	let ece: number | null = null;
	let ownAuc: number | null = null;
	let calibration: OfflineMetrics['calibration'] = [];
	if (probs[0] !== null) {
		const p = Float64Array.from(probs as number[]);
		const y = target === 'purchase' ? Uint8Array.from(rows, (r) => r.conversion) : clicks;
		ll = logLoss(y, p);
		ece = expectedCalibrationError(y, p, 10);
		ownAuc = y.some((v) => v === 1) && y.some((v) => v === 0) ? rocAuc(y, p) : null;
		// Equal-count bins: every point has ~10% of the examples, also for probabilities crowded near 0.
		calibration = calibrationBinsQuantile(y, p, 10).map((b) => ({ predicted: b.meanProb, observed: b.fractionPositive, count: b.count }));
	}
	return { clickAuc: rocAuc(clicks, scores), ownAuc, logLoss: ll, ece, target, precisionAt3: precision / test.length, calibration };
}
