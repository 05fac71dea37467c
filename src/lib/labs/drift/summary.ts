/**
 * What the drift run shows, in words: the lab's teaching point computed from the result.
 *
 * Every verdict accounts for noise:
 * - input drift: a batch's PSI counts as an alarm only above both the 0.25 rule of thumb and the value that the
 *   largest PSI over all monitored batches × features stays below in 95% of drift-free runs (psiAlarm), because the
 *   headline reports the maximum over many batches and features;
 * - harm: the never-retrained model's accuracy drop (mean over drifting batches vs before the onset) must be at least
 *   2 points and two standard errors;
 * - whether retraining paid: each retraining policy's paired gain over "never retrain" on the drifting batches, with a
 *   95% interval; it paid when the interval's lower end is above 0 and the gain is at least 1 point. A retrained model
 *   stays better (or worse) for many batches in a row, so the gains of neighbouring batches are correlated: the
 *   interval is a t-interval over the means of consecutive blocks of batches (batch means; at most 4 blocks of at
 *   least 6 batches, checked for coverage on AR(1) series in tests/unit/drift-summary.test.ts), not over single
 *   batches, whose standard error would be too small.
 */
import type { DriftBatch, DriftConfig, DriftResult, PolicyName, PsiNoise } from '$lib/labs/drift/types';
import { POLICY_LABELS } from './labels';
import { plural } from '$lib/format';
import { studentTPpf } from '$lib/stats/distributions';

export interface PolicyOutcome {
	name: PolicyName;
	label: string;
	retrainings: number;
	meanAfter: number;
	meanBefore: number;
	/** Mean paired accuracy gain over "never retrain" on the drifting batches, with a 95% interval (null for never). */
	gain: { mean: number; lo: number; hi: number } | null;
}

export interface DriftSummary {
	kind: 'covariate-only' | 'silent-concept' | 'both' | 'none' | 'no-drift-window';
	headline: string;
	maxPsi: number;
	accuracyDrop: number;
	firstAlarm: number | null;
	/** Retraining paid off (some policy's gain is above noise). */
	retrainingPaid: boolean;
	policies: PolicyOutcome[];
}

/** The PSI alarm: above 0.25 and above the family-wise noise level for these sizes. */
export function psiAlarm(psi: number, noise: PsiNoise): boolean {
	return psi > Math.max(0.25, noise.critical);
}

/** The threshold psiAlarm uses. */
export function psiAlarmThreshold(noise: PsiNoise): number {
	return Math.max(0.25, noise.critical);
}

/** Mean and 95% t-interval from the means of consecutive blocks (batch means), for autocorrelated series. */
export function blockMeanInterval(xs: number[]): { mean: number; lo: number; hi: number } {
	const n = xs.length;
	const mean = n ? xs.reduce((a, b) => a + b, 0) / n : NaN;
	const blocks = Math.min(4, Math.floor(n / 6));
	if (blocks < 2) return { mean, lo: -Infinity, hi: Infinity };
	const means: number[] = [];
	for (let k = 0; k < blocks; k++) {
		const part = xs.slice(Math.floor((k * n) / blocks), Math.floor(((k + 1) * n) / blocks));
		means.push(part.reduce((a, b) => a + b, 0) / part.length);
	}
	const m = means.reduce((a, b) => a + b, 0) / blocks;
	const sd = Math.sqrt(means.reduce((a, b) => a + (b - m) ** 2, 0) / (blocks - 1));
	const half = studentTPpf(0.975, blocks - 1) * (sd / Math.sqrt(blocks));
	return { mean, lo: mean - half, hi: mean + half };
}

function meanSe(xs: number[]): { mean: number; se: number } {
	if (!xs.length) return { mean: NaN, se: NaN };
	const m = xs.reduce((a, b) => a + b, 0) / xs.length;
	if (xs.length < 2) return { mean: m, se: 0 };
	const v = xs.reduce((a, b) => a + (b - m) ** 2, 0) / (xs.length - 1);
	return { mean: m, se: Math.sqrt(v / xs.length) };
}

/** The monitored batches before the onset (served after the reference window, not drifting) and those drifting. */
function windows(batches: DriftBatch[], c: DriftConfig): { pre: DriftBatch[]; post: DriftBatch[] } {
	return {
		pre: batches.filter((b) => b.t >= c.referenceBatches && b.intensity === 0 && b.t < c.onset),
		post: batches.filter((b) => b.intensity > 0 && b.t >= c.referenceBatches)
	};
}

/**
 * Each policy's retrainings and mean accuracy before and during the drift over these batches — all of a result's,
 * or the first ones of a run still going (then a mean with no batch yet is NaN, shown as a dash).
 */
export function policyOutcomes(batches: DriftBatch[], retrainings: Record<PolicyName, number>, c: DriftConfig): PolicyOutcome[] {
	const { pre, post } = windows(batches, c);
	return (['never', 'periodic', 'alarm'] as PolicyName[]).map((name) => {
		let gain: PolicyOutcome['gain'] = null;
		if (name !== 'never' && post.length) {
			gain = blockMeanInterval(post.map((b) => b.policies[name].accuracy - b.policies.never.accuracy));
		}
		return {
			name,
			label: name === 'periodic' ? `Retrain every ${plural(c.retrainEvery, 'batch')}` : POLICY_LABELS[name],
			retrainings: retrainings[name],
			meanAfter: meanSe(post.map((b) => b.policies[name].accuracy)).mean,
			meanBefore: meanSe(pre.map((b) => b.policies[name].accuracy)).mean,
			gain
		};
	});
}

export function summarize(r: DriftResult, c: DriftConfig): DriftSummary {
	const { pre, post } = windows(r.batches, c);
	const psiOf = (b: DriftBatch) => Math.max(...b.features.map((f) => f.psi));
	const maxPsi = post.length ? Math.max(...post.map(psiOf)) : 0;
	const threshold = psiAlarmThreshold(r.psiNoise);
	const accPre = meanSe(pre.map((b) => b.policies.never.accuracy));
	const accPost = meanSe(post.map((b) => b.policies.never.accuracy));
	const base = Number.isFinite(accPre.mean) ? accPre.mean : r.referenceAccuracy;
	const accuracyDrop = post.length ? base - accPost.mean : 0;
	const dropSe = Math.sqrt((Number.isFinite(accPre.se) ? accPre.se ** 2 : 0) + (Number.isFinite(accPost.se) ? accPost.se ** 2 : 0));
	const alarmAt = r.batches.findIndex((b) => b.t >= c.onset && (b.alarms.ddm || b.alarms.pageHinkley));
	const firstAlarm = alarmAt < 0 ? null : r.batches[alarmAt].t;
	const policies = policyOutcomes(r.batches, r.retrainings, c);
	const pp = (x: number) => `${(100 * Math.abs(x)).toFixed(1)} pp`;
	const psiHigh = post.some((b) => b.features.some((f) => psiAlarm(f.psi, r.psiNoise)));
	const hurt = accuracyDrop >= 0.02 && accuracyDrop > 2 * dropSe;
	const paid = policies.filter((p) => p.gain && p.gain.lo > 0 && p.gain.mean >= 0.01).sort((a, b) => b.gain!.mean - a.gain!.mean);
	const best = paid[0];
	const why =
		threshold > 0.25 + 1e-9
			? ` — at ${c.batchSize} examples per batch, sampling noise alone takes the largest of ${r.psiNoise.comparisons} batch × feature values to ${threshold.toFixed(2)} one run in 20`
			: '';
	const level = `its alarm level of ${threshold.toFixed(2)}${why}`;
	const retrainNote = best
		? ` Retraining paid all the same: “${best.label}” gained ${pp(best.gain!.mean)} (95% interval ${pp(best.gain!.lo)} to ${pp(best.gain!.hi)}) over never retraining.`
		: (() => {
				const top = policies.filter((p) => p.gain && Number.isFinite(p.gain.lo)).sort((x, y) => y.gain!.mean - x.gain!.mean)[0];
				const signed = (x: number) => `${x >= 0 ? '+' : '−'}${pp(x)}`;
				return ` No retraining policy did better than never retraining beyond noise${top ? ` (best: “${top.label}”, ${signed(top.gain!.mean)}, 95% interval ${signed(top.gain!.lo)} to ${signed(top.gain!.hi)})` : ' (too few drifting batches to tell)'}.`;
			})();
	let kind: DriftSummary['kind'];
	let headline: string;
	if (!post.length) {
		kind = 'no-drift-window';
		headline = 'No batch drifts with these settings (every magnitude is 0, or the onset is after the last batch).';
	} else if (psiHigh && !hurt) {
		kind = 'covariate-only';
		headline = best
			? `Input drift without a broken model: PSI reaches ${maxPsi.toFixed(2)}, above ${level}, while the old model's accuracy changed by only ${pp(accuracyDrop)}.${retrainNote} The alarm did not say that, though: whether to retrain is decided by labelled performance.`
			: `Input drift without harm: PSI reaches ${maxPsi.toFixed(2)}, above ${level}, while the model's accuracy changed by only ${pp(accuracyDrop)}.${retrainNote} Here the input-drift alarm alone was no reason to retrain.`;
	} else if (!psiHigh && hurt) {
		kind = 'silent-concept';
		headline = `Silent drift: accuracy fell by ${pp(accuracyDrop)} while the inputs look unchanged (PSI at most ${maxPsi.toFixed(2)}, below ${level}). Only monitoring that uses labels sees it${firstAlarm === null ? ' — and here no error detector fired' : `: the first error-detector alarm came at batch ${firstAlarm}, ${plural(firstAlarm - c.onset, 'batch')} after the onset (label delay ${c.labelDelay})`}.${best ? retrainNote : ''}`;
	} else if (psiHigh && hurt) {
		kind = 'both';
		headline = `The inputs drift (PSI up to ${maxPsi.toFixed(2)}, above ${level}) and accuracy falls by ${pp(accuracyDrop)}: here input monitoring and error monitoring agree.${retrainNote}`;
	} else {
		kind = 'none';
		headline = `Mild drift: PSI stays below ${level} (largest ${maxPsi.toFixed(2)}), and accuracy moved by ${pp(accuracyDrop)}, within noise or under 2 pp.${best ? retrainNote : ''}`;
	}
	return { kind, headline, maxPsi, accuracyDrop, firstAlarm, retrainingPaid: !!best, policies };
}
