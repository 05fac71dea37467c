/** How the capacity lab's page names its choices and stages. */
import type { CapacityStage } from './types';
import type { TargetChoice } from './params';

export const TARGET_LABELS: Record<TargetChoice, string> = {
	teacher: 'Teacher (all features)',
	aligned: 'Aligned (first 5 features)'
};

export const STAGE_LABELS: Record<CapacityStage, string> = {
	curve: 'Fitting every capacity, seed by seed',
	inspect: 'Many training sets at the inspected capacity',
	decomposition: 'Bias and variance along the curve',
	sample: 'The sample-wise curve'
};
