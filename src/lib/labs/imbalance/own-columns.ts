/**
 * First guesses for the user's file in the imbalance lab: the label, its positive class, the features, the surface —
 * the columns' roles found by $lib/data/table/roles.ts — and how the feature list describes each column.
 * Defaults fit the data: a number missing in over half the rows is not ticked (a row missing a ticked number is left
 * out, so it would drop most rows; a missing category is a value of its own and drops nothing), neither is a column
 * named like an identifier nor a category with over MANY_CATEGORIES values; and with more than two model inputs the
 * surface is the first two principal components (a plane over two features holds the others at their medians, where
 * the model may predict one class everywhere). Column types other than numbers count as categories.
 */
import type { FileColumn } from '$lib/engine/read-table';
import type { OwnSpec } from '$lib/labs/imbalance/worker/own-data';
import { fmtInt } from '$lib/format';
import { NAMES, featureDefaults, featureUsable, guessLabel, namedLike, overHalfMissing, percentText, positiveClass, roleProfile } from '$lib/data/table/roles';

export { missingShare } from '$lib/data/table/roles';

/** A category with more values than this is not ticked at first (each value is a model input). */
export const MANY_CATEGORIES = 50;

/** A number missing in most rows: ticking it leaves those rows out. */
export function mostlyMissing(c: FileColumn): boolean {
	const p = roleProfile(c);
	return p.numeric && overHalfMissing(p.missingShare);
}

/** What the feature list says about a column's missing values (null when none are missing). */
export function missingNote(c: FileColumn, ticked: boolean): string | null {
	if (!c.missing) return null;
	const p = roleProfile(c);
	const pct = percentText(p.missingShare);
	if (!p.numeric) return `${pct} missing: a value of its own`;
	if (!mostlyMissing(c)) return `${pct} missing`;
	return ticked ? `${pct} missing — ticked: the rows missing it are left out` : `${pct} missing — not ticked: rows missing a feature are left out`;
}

/** How the feature list describes a column: "number", "category, 12 distinct values", "dates as categories, …". */
export function kindText(c: FileColumn): string {
	const p = roleProfile(c);
	if (p.numeric) return 'number';
	if (p.dated) return p.distinct === null ? 'dates, too many to be categories' : `dates as categories, ${fmtInt(p.distinct)} distinct values`;
	return p.distinct === null ? 'text, too many distinct values' : `category, ${fmtInt(p.distinct)} distinct values`;
}

/** Why a column cannot be a feature (the title of its disabled box); '' when it can. */
export function unusableText(c: FileColumn): string {
	if (featureUsable(c)) return '';
	return roleProfile(c).dated
		? 'Dates with more than 1,000 distinct values: this lab uses numbers and categories'
		: 'Text with more than 1,000 distinct values (an identifier?)';
}

/** The numeric features among `features`, in the file's order. */
export function numericFeatures(columns: FileColumn[], features: string[]): string[] {
	return columns.filter((c) => features.includes(c.name) && roleProfile(c).numeric).map((c) => c.name);
}

/** The model's input columns the features make: a number one, a category one per value (at most 20, missing counted). */
function inputs(columns: FileColumn[], features: string[]): number {
	let d = 0;
	for (const c of columns) {
		if (!features.includes(c.name)) continue;
		d += roleProfile(c).numeric ? 1 : Math.min(20, (c.distinct ?? 0) + (c.missing ? 1 : 0));
	}
	return d;
}

/** The surface's axes when it is drawn over two features: the first two numbers chosen (null when fewer). */
export function guessAxes(columns: FileColumn[], features: string[]): [string, string] | null {
	const numeric = numericFeatures(columns, features);
	return numeric.length >= 2 ? [numeric[0], numeric[1]] : null;
}

export function guessSpec(columns: FileColumn[]): OwnSpec | null {
	const label = guessLabel(columns);
	if (!label) return null;
	const features = featureDefaults(
		columns.filter((c) => c.name !== label.name),
		{
			usable: featureUsable,
			// A missing category is a value of its own: only a number's missing rows count.
			share: (c) => (roleProfile(c).numeric ? roleProfile(c).missingShare : 0),
			ticked: (c) => !namedLike(c.name, NAMES.identifier) && (roleProfile(c).numeric || (c.distinct ?? 0) <= MANY_CATEGORIES)
		}
	)
		.filter((f) => f.on)
		.map((f) => f.column.name);
	const axes = guessAxes(columns, features);
	return {
		label: label.name,
		positive: positiveClass(label.values!),
		features,
		standardize: true,
		surface: axes && inputs(columns, features) <= 2 ? { kind: 'features', x: axes[0], y: axes[1] } : { kind: 'pca' }
	};
}
