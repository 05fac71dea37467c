/**
 * First guesses for the user's file in the imbalance lab: the label, its positive class, the features, the surface.
 * Defaults fit the data: a number missing in over half the rows is not ticked (a row missing a ticked number is left
 * out, so it would drop most rows; a missing category is a value of its own and drops nothing), and with more than two
 * model inputs the surface is the first two principal components (a plane over two features holds the others at their
 * medians, where the model may predict one class everywhere). Column types other than numbers count as categories.
 */
import type { FileColumn } from '$lib/engine/read-table';
import type { OwnSpec } from '$lib/labs/imbalance/worker/own-data';
import { positiveClass } from '$lib/data/table/positive-class';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const LABEL = ['label', 'target', 'y', 'class', 'outcome', 'fraud', 'churn', 'default', 'isfraud', 'response'];
const IDS = ['id', 'uuid', 'index', 'row', 'rowid', 'key'];
/** A number missing in more than this share of the rows is not ticked at first. */
export const MAX_MISSING_SHARE = 0.5;

/** Columns that can be a label: up to 1,000 values (one value is offered too: training on it then says why it cannot). */
export const labelCandidates = (columns: FileColumn[]) => columns.filter((c) => c.values && (c.distinct ?? 0) >= 1);

/** Columns that can be a feature: numbers, or categories (not text with over 1,000 values). */
export const featureOk = (c: FileColumn) => c.type === 'numeric' || c.distinct !== null;

/** The share of the rows where the column is missing (0 for an empty file). */
export function missingShare(c: Pick<FileColumn, 'present' | 'missing'>): number {
	const rows = c.present + c.missing;
	return rows ? c.missing / rows : 0;
}

/** A number missing in most rows: ticking it leaves those rows out. */
export const mostlyMissing = (c: FileColumn) => c.type === 'numeric' && missingShare(c) > MAX_MISSING_SHARE;

/** What the feature list says about a column's missing values (null when none are missing). */
export function missingNote(c: FileColumn, ticked: boolean): string | null {
	if (!c.missing) return null;
	const share = missingShare(c);
	const pct = share < 0.01 ? '<1%' : `${Math.round(100 * share)}%`;
	if (c.type !== 'numeric') return `${pct} missing: a value of its own`;
	if (!mostlyMissing(c)) return `${pct} missing`;
	return ticked ? `${pct} missing — ticked: the rows missing it are left out` : `${pct} missing — not ticked: rows missing a feature are left out`;
}

/** The model's input columns the features make: a number one, a category one per value (at most 20, missing counted). */
function inputs(columns: FileColumn[], features: string[]): number {
	let d = 0;
	for (const c of columns) {
		if (!features.includes(c.name)) continue;
		d += c.type === 'numeric' ? 1 : Math.min(20, (c.distinct ?? 0) + (c.missing ? 1 : 0));
	}
	return d;
}

/** The surface's axes when it is drawn over two features: the first two numbers chosen (null when fewer). */
export function guessAxes(columns: FileColumn[], features: string[]): [string, string] | null {
	const numeric = columns.filter((c) => features.includes(c.name) && c.type === 'numeric').map((c) => c.name);
	return numeric.length >= 2 ? [numeric[0], numeric[1]] : null;
}

export function guessSpec(columns: FileColumn[]): OwnSpec | null {
	const labels = labelCandidates(columns);
	const label = labels.find((c) => LABEL.includes(norm(c.name))) ?? [...labels].reverse().find((c) => c.distinct === 2) ?? labels[labels.length - 1];
	if (!label) return null;
	const features = columns
		.filter(
			(c) => c.name !== label.name && featureOk(c) && !mostlyMissing(c) && !IDS.includes(norm(c.name)) && (c.type === 'numeric' || (c.distinct ?? 0) <= 50)
		)
		.map((c) => c.name);
	const axes = guessAxes(columns, features);
	return {
		label: label.name,
		positive: positiveClass(label.values!),
		features,
		standardize: true,
		surface: axes && inputs(columns, features) <= 2 ? { kind: 'features', x: axes[0], y: axes[1] } : { kind: 'pca' }
	};
}
