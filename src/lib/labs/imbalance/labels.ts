/** Names of the imbalance lab's losses as shown to users. */
import type { LossKind } from '$workers/imbalance.types';

export const LOSS_LABELS: Record<LossKind, string> = {
	bce: 'Binary cross-entropy',
	weighted: 'Weighted BCE (inverse frequency)',
	'class-balanced': 'Class-balanced BCE (effective number)',
	focal: 'Focal loss'
};
