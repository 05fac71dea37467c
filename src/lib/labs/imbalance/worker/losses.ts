/** The loss each model of the imbalance lab trains on, with the class weights it implies (shown on the page). */
import { classBalancedWeights, focalLoss, weightedBinaryCrossEntropy } from '$lib/ml/losses';
import type { LossFn } from '../../../engine/train';
import type { ImbalanceConfig, ModelConfig } from '../types';

export function lossFor(config: ImbalanceConfig, model: ModelConfig, counts: [number, number]): { loss: LossFn; weights: [number, number] } {
	switch (model.loss) {
		case 'bce':
			return { loss: (y, p) => focalLoss(y, p, { gamma: 0, alpha: null }), weights: [1, 1] };
		case 'weighted': {
			const n = counts[0] + counts[1];
			const w: [number, number] = [n / (2 * counts[0]), n / (2 * counts[1])];
			return { loss: (y, p) => weightedBinaryCrossEntropy(y, p, w), weights: w };
		}
		case 'class-balanced': {
			const w = classBalancedWeights(counts, config.beta) as [number, number];
			return { loss: (y, p) => weightedBinaryCrossEntropy(y, p, w), weights: w };
		}
		case 'focal': {
			const a = config.alpha;
			return { loss: (y, p) => focalLoss(y, p, { gamma: config.gamma, alpha: a }), weights: a === null ? [1, 1] : [1 - a, a] };
		}
	}
}
