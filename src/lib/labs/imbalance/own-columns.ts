/** First guesses for the user's file in the imbalance lab: the label, its positive class, the features, the surface. */
import type { FileColumn } from '$workers/lib/read-table';
import type { OwnSpec } from '$workers/imbalance/own-data';
import { positiveClass } from '$lib/data/table/positive-class';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const LABEL = ['label', 'target', 'y', 'class', 'outcome', 'fraud', 'churn', 'default', 'isfraud', 'response'];
const IDS = ['id', 'uuid', 'index', 'row', 'rowid', 'key'];
/** Columns that can be a label: up to 1,000 values (one value is offered too: training on it then says why it cannot). */
export const labelCandidates = (columns: FileColumn[]) => columns.filter((c) => c.values && (c.distinct ?? 0) >= 1);

/** Columns that can be a feature: numbers, or categories (not text with over 1,000 values). */
export const featureOk = (c: FileColumn) => c.type === 'numeric' || c.distinct !== null;

export function guessSpec(columns: FileColumn[]): OwnSpec | null {
	const labels = labelCandidates(columns);
	const label = labels.find((c) => LABEL.includes(norm(c.name))) ?? [...labels].reverse().find((c) => c.distinct === 2) ?? labels[labels.length - 1];
	if (!label) return null;
	const features = columns
		.filter((c) => c.name !== label.name && featureOk(c) && !IDS.includes(norm(c.name)) && (c.type === 'numeric' || (c.distinct ?? 0) <= 50))
		.map((c) => c.name);
	const numeric = columns.filter((c) => features.includes(c.name) && c.type === 'numeric').map((c) => c.name);
	return {
		label: label.name,
		positive: positiveClass(label.values!),
		features,
		standardize: true,
		surface: numeric.length >= 2 ? { kind: 'features', x: numeric[0], y: numeric[1] } : { kind: 'pca' }
	};
}
