/** Names of the imbalance lab's losses as shown to users. */
import type { LossKind } from '$lib/labs/imbalance/types';
import type { MinorityRaised } from '$lib/labs/imbalance/worker/generate';

export const LOSS_LABELS: Record<LossKind, string> = {
	bce: 'Binary cross-entropy',
	weighted: 'Weighted BCE (inverse frequency)',
	'class-balanced': 'Class-balanced BCE (effective number)',
	focal: 'Focal loss'
};

/** Why the data has more minority examples than the ratio asks for. */
export function minorityNotice(raised: MinorityRaised): string {
	return `At 1:${Math.round(raised.ratio)} a sample of ${raised.n.toLocaleString('en-US')} has only ${raised.requested} minority example${raised.requested === 1 ? '' : 's'}; using ${raised.used} so both the training and the test split contain some. Increase the sample size for a faithful ratio.`;
}
