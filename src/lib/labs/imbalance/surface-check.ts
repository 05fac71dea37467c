/**
 * Whether a decision surface shows one class only: every cell of the computed grid on the same side of the threshold
 * (positive iff p ≥ threshold, as the confusion matrix counts). With many inputs, a plane over two features holds
 * the others at their training medians, and that point can sit deep inside one class: the model then predicts the
 * same class everywhere on the plane while the points of the other class are drawn on it. The page says so in a
 * sentence, and what to try.
 */
import type { ClassNames } from './classes';

/** The class every grid cell is predicted as at `threshold` (1: p ≥ threshold), or null when the grid has both. */
export function uniformClass(grid: ArrayLike<number>, threshold: number): 0 | 1 | null {
	if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`The threshold must be in [0, 1] (got ${threshold}).`);
	if (grid.length === 0) throw new RangeError('The decision surface has no grid cells.');
	let above = 0;
	for (let i = 0; i < grid.length; i++) {
		const p = grid[i];
		if (Number.isNaN(p)) throw new RangeError(`Grid cell ${i} is not a number.`);
		if (p >= threshold) above++;
	}
	return above === grid.length ? 1 : above === 0 ? 0 : null;
}

export interface SurfaceKind {
	/** 'features': two inputs with the others at their medians; 'pca': the first two principal components; 'synthetic': the lab's two inputs. */
	kind: 'features' | 'pca' | 'synthetic';
	/** The model's inputs. */
	inputs: number;
}

/** The sentence under a surface that shows one class only (null when it shows both). */
export function uniformSentence(tag: string, cls: 0 | 1 | null, threshold: number, c: ClassNames, s: SurfaceKind): string | null {
	if (cls === null) return null;
	const name = cls ? c.pos : c.neg;
	const side = cls ? 'at or above' : 'below';
	const head = `Model ${tag} predicts ${name} everywhere on this plane (every grid cell ${side} the threshold ${threshold})`;
	if (s.kind === 'features' && s.inputs > 2)
		return `${head}: the other ${s.inputs - 2} inputs, held at their training medians, decide — try the principal components.`;
	if (s.kind === 'pca' && s.inputs > 2)
		return `${head}: on the plane of the first two principal components the other directions are held at the training mean; the points are drawn at their projection and may sit off it.`;
	return `${head}: at this threshold it predicts ${cls ? c.neg : c.pos} nowhere on the grid drawn over the data.`;
}
