/** Names and descriptions of the offline vs online lab's models and pipeline steps, as shown to users. */
import type { ModelId, OfflineOnlineStage } from '$lib/labs/offline-online/types';

export const MODEL_INFO: Record<ModelId, { label: string; description: string }> = {
	current: { label: 'Current (popularity)', description: 'Production: ranks items by their logged click-through rate. It generated the training logs.' },
	'click-naive': {
		label: 'Click model',
		description:
			'Logistic regression on user–item features and popularity, trained on logged clicks as if every slot were seen equally; it ranks by predicted clicks, clickbait included.'
	},
	'click-debiased': {
		label: 'Click model, position-debiased',
		description:
			'The same, with the slot as a feature during training (the top slot assumed when serving) and popularity computed by inverse-propensity weighting (clicks ÷ expected examinations): position bias is reduced, not removed.'
	},
	revenue: { label: 'Revenue model', description: 'Predicts purchases and ranks by expected revenue: P(purchase) × item value.' },
	'revenue-miscal': {
		label: 'Revenue model, miscalibrated',
		description:
			'The same model with over-confident probabilities (logits × 3): the same purchase AUC (the order of its probabilities is unchanged), but wrong expected values, so probability × value ranks differently.'
	}
};

export function stageLabel(s: OfflineOnlineStage): string {
	switch (s.kind) {
		case 'logging':
			return 'logging sessions of the current model';
		case 'training':
			return 'training the candidate models (TF.js)';
		case 'ab-test':
			return `online A/B test: ${MODEL_INFO[s.model].label}`;
		case 'done':
			return 'done';
	}
}
