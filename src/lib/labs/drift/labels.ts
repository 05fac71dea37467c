/** Names of the drift lab's retraining policies as shown to users. */
import type { PolicyName } from '$lib/labs/drift/types';

export const POLICY_LABELS: Record<PolicyName, string> = {
	never: 'Never retrain',
	periodic: 'Retrain every N batches',
	alarm: 'Retrain on detector alarm'
};
