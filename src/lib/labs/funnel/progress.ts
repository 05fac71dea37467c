/**
 * The share of a funnel run done, from its progress report: the stages weighted by their typical share of a default
 * run's time (measured in Node and in the browser worker; only the progress bar and its time-left estimate use them).
 */
import { FUNNEL_STAGES, type FunnelProgress, type FunnelStage } from './types';

const WEIGHT: Record<FunnelStage, number> = { world: 0.06, train: 0.34, index: 0.2, curve: 0.16, ranker: 0.06, funnel: 0.14, 'long-tail': 0.04 };

export function runFraction(p: FunnelProgress, light = false): number {
	const skip = (s: FunnelStage) => light && s === 'curve';
	let total = 0;
	let done = 0;
	for (const [i, s] of FUNNEL_STAGES.entries()) {
		if (skip(s)) continue;
		total += WEIGHT[s];
		if (i < p.stageIndex) done += WEIGHT[s];
		else if (i === p.stageIndex) done += WEIGHT[s] * (p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0);
	}
	return total > 0 ? done / total : 0;
}
