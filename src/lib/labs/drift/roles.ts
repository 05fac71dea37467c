/**
 * The drift lab's first guesses for the user's files (the page lets the user change them): the batch or time column,
 * the label and the prediction (found by $lib/data/table/roles.ts), a date column's default grouping and the
 * reference's default size; and the features compared at first — every column but the roles, except those over half
 * missing (in either file: the reason is said), and dates and identifiers, which cannot be compared.
 */
import { featureDefaults, guessTimeColumn, guessTruthAndPrediction, notComparable, roleProfile, type ColumnFacts } from '$lib/data/table/roles';
import type { FileSummary } from '$lib/labs/drift/worker/own-data';
import { defaultPeriod, periodsInSpan, type Period } from '$lib/labs/drift/worker/own-periods';

export interface GuessedRoles {
	batch: string | null;
	/** The grouping of a date column (null for batch values). */
	period: Period | null;
	referenceBatches: number;
	label: string | null;
	prediction: string | null;
}

/** One file: the first fifth of its batches is the reference (at least one, and one left to compare). */
export const defaultReference = (batches: number): number => Math.max(1, Math.min(batches - 1, Math.round(batches / 5)));

export function guessRoles(reference: FileSummary, current: FileSummary | null): GuessedRoles {
	// The batch: in the current file when there is one. Label and prediction: in the reference.
	const col = guessTimeColumn((current ?? reference).columns);
	const period = col?.date ? defaultPeriod(col.date.min, col.date.max) : null;
	const batches = col?.date && period ? periodsInSpan(col.date.min, col.date.max, period) : (col?.distinct ?? 0);
	const { label, prediction } = guessTruthAndPrediction(reference.columns);
	return { batch: col?.name ?? null, period, referenceBatches: defaultReference(batches), label: label?.name ?? null, prediction: prediction?.name ?? null };
}

/** A column offered as a feature: compared by default or not, and why not. */
export interface FeatureChoice {
	name: string;
	/** Ticked unless the column is over half missing. */
	on: boolean;
	/** Why it is unticked by default, e.g. "62% missing" (null when ticked). */
	reason: string | null;
	/** A column that cannot be compared at all (dates, identifiers): the reason, shown beside a disabled box. */
	cannot: string | null;
}

const CANNOT = { date: 'dates: not compared (they move with time)', identifier: 'text with over 1,000 values: not compared' } as const;

/** The reference file's columns other than the roles, with their default (over half missing in either file: not compared). */
export function featureChoices(reference: FileSummary, current: FileSummary | null, roles: Array<string | null>): FeatureChoice[] {
	const both = (c: ColumnFacts) => [c, current?.columns.find((x) => x.name === c.name)].filter((x): x is ColumnFacts => !!x);
	// Dates in either file first, then an identifier in either.
	const cannot = (c: ColumnFacts) => {
		const kinds = both(c).map(notComparable);
		return kinds.includes('date') ? CANNOT.date : kinds.includes('identifier') ? CANNOT.identifier : null;
	};
	const shares = (c: ColumnFacts) => {
		const [ref, cur = 0] = both(c).map((x) => roleProfile(x).missingShare);
		return { ref, cur };
	};
	const defaults = featureDefaults(
		reference.columns.filter((c) => !roles.includes(c.name)),
		{ usable: (c) => !cannot(c), share: (c) => Math.max(shares(c).ref, shares(c).cur) }
	);
	return defaults.map(({ column: c, on, reason }) => {
		const { ref, cur } = shares(c);
		const where = current && ref !== cur ? ` in the ${ref >= cur ? 'reference' : 'current'} file` : '';
		return { name: c.name, on, reason: reason && `${reason}${where}`, cannot: cannot(c) };
	});
}
