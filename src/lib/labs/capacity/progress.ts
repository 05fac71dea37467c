/**
 * The share of a capacity run done, from its progress report: the stages weighted by their share of a default run's
 * time (measured in Node: inspect 0.1 s, curve 0.84 s, decomposition 1.3 s, sample 0.8 s; only the progress bar and
 * its time-left estimate use them).
 */
import { CAPACITY_STAGES, type CapacityProgress, type CapacityStage } from './types';

const WEIGHT: Record<CapacityStage, number> = { curve: 0.28, inspect: 0.04, decomposition: 0.42, sample: 0.26 };

export function runFraction(p: CapacityProgress): number {
	let done = 0;
	for (const [i, s] of CAPACITY_STAGES.entries()) {
		if (i < p.stageIndex) done += WEIGHT[s];
		else if (i === p.stageIndex) done += WEIGHT[s] * (p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0);
	}
	return done;
}
