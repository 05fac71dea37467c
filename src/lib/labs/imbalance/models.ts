/** The two models of the imbalance lab as the page names them: a tag (A, B) and what each trains on. */
import { LOSS_LABELS } from './labels';
import type { ImbalanceParams } from './params';

export interface ModelName {
	tag: 'A' | 'B';
	/** The loss and re-sampling, e.g. "Focal loss + oversample". */
	name: string;
	/** "A: Focal loss + oversample". */
	full: string;
}

export function modelNames(p: Pick<ImbalanceParams, 'loss' | 'resample' | 'compare' | 'cresample'>): [ModelName, ModelName] {
	const make = (tag: 'A' | 'B', loss: ImbalanceParams['loss'], resample: ImbalanceParams['resample']): ModelName => {
		const name = `${LOSS_LABELS[loss]}${resample !== 'none' ? ` + ${resample}` : ''}`;
		return { tag, name, full: `${tag}: ${name}` };
	};
	return [make('A', p.loss, p.resample), make('B', p.compare, p.cresample)];
}
