/** What the drift run shows, in words: the lab's teaching point computed from the result. */
import type { DriftConfig, DriftResult, PolicyName } from '$workers/drift.types';
import { POLICY_LABELS } from '$workers/drift.types';

export interface DriftSummary {
	kind: 'covariate-only' | 'silent-concept' | 'both' | 'none' | 'no-drift-window';
	headline: string;
	maxPsi: number;
	accuracyDrop: number;
	firstAlarm: number | null;
	policies: Array<{ name: PolicyName; label: string; retrainings: number; meanAfter: number; meanBefore: number }>;
}

function plural(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : word.endsWith('ch') ? 'es' : 's'}`;
}

function mean(xs: number[]): number {
	return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN;
}

export function summarize(r: DriftResult, c: DriftConfig, noiseFloor: number): DriftSummary {
	const pre = r.batches.filter((b) => b.t >= c.referenceBatches && b.intensity === 0 && b.t < c.onset);
	const post = r.batches.filter((b) => b.intensity > 0);
	const psiOf = (b: DriftResult['batches'][number]) => Math.max(...b.features.map((f) => f.psi));
	const maxPsi = post.length ? Math.max(...post.map(psiOf)) : 0;
	const accPre = mean(pre.map((b) => b.policies.never.accuracy));
	const accPost = mean(post.map((b) => b.policies.never.accuracy));
	const base = Number.isFinite(accPre) ? accPre : r.referenceAccuracy;
	const accuracyDrop = post.length ? base - accPost : 0;
	const alarmAt = r.batches.findIndex((b) => b.t >= c.onset && (b.alarms.ddm || b.alarms.pageHinkley));
	const firstAlarm = alarmAt < 0 ? null : r.batches[alarmAt].t;
	const policies = (['never', 'periodic', 'alarm'] as PolicyName[]).map((name) => ({
		name,
		label: name === 'periodic' ? `Retrain every ${c.retrainEvery} batches` : POLICY_LABELS[name],
		retrainings: r.retrainings[name],
		meanAfter: mean(post.map((b) => b.policies[name].accuracy)),
		meanBefore: mean(pre.map((b) => b.policies[name].accuracy))
	}));
	const pp = (x: number) => `${(100 * Math.abs(x)).toFixed(1)} pp`;
	const psiHigh = maxPsi >= 0.25;
	const hurt = accuracyDrop >= 0.05;
	let kind: DriftSummary['kind'];
	let headline: string;
	if (!post.length) {
		kind = 'no-drift-window';
		headline = 'No batch drifts with these settings (every magnitude is 0, or the onset is after the last batch).';
	} else if (psiHigh && !hurt) {
		kind = 'covariate-only';
		headline = `Input drift without harm: the input statistics alarm (PSI up to ${maxPsi.toFixed(2)}, above the 0.25 rule of thumb) while the model's accuracy changed by only ${pp(accuracyDrop)}. An input-drift alarm alone is not a reason to retrain.`;
	} else if (!psiHigh && hurt) {
		kind = 'silent-concept';
		headline = `Silent drift: accuracy fell by ${pp(accuracyDrop)} while the inputs look unchanged (PSI at most ${maxPsi.toFixed(2)}; sampling noise alone gives about ${noiseFloor.toFixed(2)}). Only monitoring that uses labels sees it${firstAlarm === null ? ' — and here no error detector fired' : `: the first error-detector alarm came at batch ${firstAlarm}, ${plural(firstAlarm - c.onset, 'batch')} after the onset (label delay ${c.labelDelay})`}.`;
	} else if (psiHigh && hurt) {
		kind = 'both';
		headline = `The inputs drift (PSI up to ${maxPsi.toFixed(2)}) and accuracy falls by ${pp(accuracyDrop)}: here input monitoring and error monitoring agree.`;
	} else {
		kind = 'none';
		headline = `Mild drift: PSI stays below 0.25 (at most ${maxPsi.toFixed(2)}) and accuracy moved by ${pp(accuracyDrop)}.`;
	}
	return { kind, headline, maxPsi, accuracyDrop, firstAlarm, policies };
}
