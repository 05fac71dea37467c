/** Which column of the user's file is the batch, the label and the prediction, guessed from the names (the page lets the user change them). */
import type { FileSummary } from '$workers/drift/own-data';

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
const BATCH = ['batch', 'day', 'date', 'week', 'month', 'period', 'ds', 'dt', 'window', 'hour', 'time', 't'];
const LABEL = ['label', 'target', 'y', 'class', 'outcome', 'actual', 'truth', 'ytrue'];
const PREDICTION = ['score', 'prediction', 'pred', 'prob', 'probability', 'proba', 'yhat', 'ypred', 'p'];

function find(columns: FileSummary['columns'], names: string[], ok: (c: FileSummary['columns'][number]) => boolean = () => true): string | null {
	for (const n of names) {
		const c = columns.find((x) => norm(x.name) === n && ok(x));
		if (c) return c.name;
	}
	return null;
}

export interface GuessedRoles {
	batch: string | null;
	referenceBatches: number;
	label: string | null;
	prediction: string | null;
}

export function guessRoles(reference: FileSummary, current: FileSummary | null): GuessedRoles {
	const source = current ?? reference;
	const batchCol = find(source.columns, BATCH, (c) => c.distinct !== null && c.distinct >= 2);
	const distinct = source.columns.find((c) => c.name === batchCol)?.distinct ?? 0;
	// One file: the first fifth of its batches is the reference (at least one, and one left to compare).
	const referenceBatches = Math.max(1, Math.min(distinct - 1, Math.round(distinct / 5)));
	const label = find(reference.columns, LABEL, (c) => c.distinct !== null && c.distinct <= 2);
	const prediction = find(reference.columns, PREDICTION);
	return { batch: batchCol, referenceBatches, label: label && prediction ? label : null, prediction: label && prediction ? prediction : null };
}
