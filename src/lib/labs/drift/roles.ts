/**
 * Which column of the user's file is the batch or time column, the label and the prediction, guessed from the names
 * (the page lets the user change them); a date column's default grouping and the reference's default size; and
 * which columns are compared by default (not one over half missing).
 */
import type { FileColumn, FileSummary } from '$lib/labs/drift/worker/own-data';
import { defaultPeriod, periodsInSpan, type Period } from '$lib/labs/drift/worker/own-periods';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
/** Names of batch or time columns, in order of preference. */
const BATCH = ['batch', 'date', 'day', 'ds', 'dt', 'timestamp', 'datetime', 'time', 'ts', 'week', 'month', 'period', 'window', 'hour', 't'];
const LABEL = ['label', 'target', 'y', 'class', 'outcome', 'actual', 'truth', 'ytrue'];
const PREDICTION = ['score', 'prediction', 'pred', 'prob', 'probability', 'proba', 'yhat', 'ypred', 'p'];
/** A column with more than this share missing is not compared by default. */
export const MOSTLY_MISSING = 0.5;

function find(columns: FileColumn[], names: string[], ok: (c: FileColumn) => boolean = () => true): string | null {
	for (const n of names) {
		const c = columns.find((x) => norm(x.name) === n && ok(x));
		if (c) return c.name;
	}
	return null;
}

/** A column that can split the rows: dates (grouped by period), or batch values (2 to 1,000 distinct). */
export const canSplit = (c: FileColumn): boolean => c.type === 'date' || (c.distinct !== null && c.distinct >= 2);

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
	const source = current ?? reference;
	// A column named like a batch or a time (a batch column first), otherwise any column of dates.
	const batch = find(source.columns, BATCH, canSplit) ?? source.columns.find((c) => c.type === 'date')?.name ?? null;
	const col = source.columns.find((c) => c.name === batch);
	const period = col?.date ? defaultPeriod(col.date.min, col.date.max) : null;
	const batches = col?.date && period ? periodsInSpan(col.date.min, col.date.max, period) : (col?.distinct ?? 0);
	const label = find(reference.columns, LABEL, (c) => c.distinct !== null && c.distinct <= 2);
	const prediction = find(reference.columns, PREDICTION);
	return {
		batch,
		period,
		referenceBatches: defaultReference(batches),
		label: label && prediction ? label : null,
		prediction: label && prediction ? prediction : null
	};
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

const pct = (x: number) => `${Math.round(100 * x)}%`;

/** The reference file's columns other than the roles, with their default (over half missing: not compared). */
export function featureChoices(reference: FileSummary, current: FileSummary | null, roles: Array<string | null>): FeatureChoice[] {
	const share = (s: FileSummary | null, name: string) => {
		const c = s?.columns.find((x) => x.name === name);
		return c ? c.missing / Math.max(1, c.present + c.missing) : 0;
	};
	return reference.columns
		.filter((c) => !roles.includes(c.name))
		.map((c) => {
			const other = current?.columns.find((x) => x.name === c.name);
			const cannot =
				c.type === 'date' || other?.type === 'date'
					? 'dates: not compared (they move with time)'
					: (c.type === 'categorical' && c.distinct === null) || (other && other.type === 'categorical' && other.distinct === null)
						? 'text with over 1,000 values: not compared'
						: null;
			const ref = share(reference, c.name);
			const cur = share(current, c.name);
			const most = Math.max(ref, cur);
			const where = current && ref !== cur ? ` in the ${ref >= cur ? 'reference' : 'current'} file` : '';
			const on = !cannot && most <= MOSTLY_MISSING;
			return { name: c.name, on, reason: !cannot && !on ? `${pct(most)} missing${where}` : null, cannot };
		});
}
