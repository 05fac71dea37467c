/**
 * What the page says about stratified k-fold cross-validation: when to offer it (a small file, or a class with few
 * test rows), the pooled metrics of the out-of-fold predictions at the page's threshold, what "pooled" means, and how
 * far each model's ROC AUC moves between folds. Sentences are computed from the counts; they claim no more than those.
 */
import { confusionAt, type Confusion } from '$lib/metrics/classification';
import { fmtInt, fmtNum, plural } from '$lib/format';
import type { CrossValidationProgress, CrossValidationResult, ImbalanceSetup } from '$lib/labs/imbalance/types';
import type { ClassNames } from './classes';
import { FEW_TEST_ROWS } from './intervals';

export const FOLDS = 5;
/** Files with fewer rows than this are offered cross-validation. */
export const SMALL_FILE_ROWS = 2000;

/** The share of a cross-validation done, from its progress (0…1). */
export function foldFraction(p: CrossValidationProgress): number {
	return Math.min(1, ((p.fold - 1) * p.epochs + p.epoch) / (p.folds * p.epochs));
}

/** “fold 2 of 5, epoch 14 of 60”. */
export function foldStage(p: CrossValidationProgress): string {
	return `fold ${p.fold} of ${p.folds}, epoch ${p.epoch} of ${p.epochs}`;
}

/** Why the page offers cross-validation for the file trained on (null: a large file with enough test rows of each class). */
export function crossValidationOffer(setup: Pick<ImbalanceSetup, 'counts' | 'own'>, c: ClassNames): string | null {
	if (!setup.own) return null;
	const [t0, t1] = setup.counts.test;
	const all: [number, number] = [setup.counts.train[0] + t0, setup.counts.train[1] + t1];
	const few = t1 < FEW_TEST_ROWS ? 1 : t0 < FEW_TEST_ROWS ? 0 : null;
	if (few === null && setup.own.rows >= SMALL_FILE_ROWS) return null;
	const why =
		few !== null
			? `The test split holds ${plural(few ? t1 : t0, `${few ? c.pos : c.neg} row`)} of ${fmtInt(all[few])}`
			: `With ${plural(setup.own.rows, 'row')}, the test split holds ${fmtInt(t0 + t1)}`;
	return `${why}: another split could give other numbers. Stratified ${FOLDS}-fold cross-validation trains both models ${FOLDS} times and tests every row once.`;
}

/**
 * The hint next to the cross-validation choice before training, from the label's counts (rows missing a feature are
 * not known yet: “about”): recommended when a class would have fewer than FEW_TEST_ROWS rows in a 30% test split,
 * or the file has fewer than SMALL_FILE_ROWS rows.
 */
export function crossValidationHint(rows: number, counts: Array<{ value: string; count: number }>, positive: string): string | null {
	const pos = counts.find((v) => v.value === positive)?.count ?? 0;
	const neg = counts.reduce((s, v) => s + v.count, 0) - pos;
	const [few, name] = pos <= neg ? [pos, `“${positive}”`] : [neg, `other than “${positive}”`];
	const test = Math.round(0.3 * few);
	if (few > 0 && test < FEW_TEST_ROWS) return `Recommended here: a 30% test split would hold about ${plural(test, 'row')} ${name}.`;
	if (rows < SMALL_FILE_ROWS) return `Recommended for a file of ${plural(rows, 'row')} (under ${fmtInt(SMALL_FILE_ROWS)}).`;
	return null;
}

export interface PooledModel {
	confusion: Confusion;
	rocAuc: number;
	ap: number;
}

/** Each model's pooled confusion at `threshold` and its pooled ROC AUC and average precision. */
export function pooledModels(r: CrossValidationResult, threshold: number): PooledModel[] {
	return r.scores.map((s, m) => ({ confusion: confusionAt(r.labels, s, threshold), rocAuc: r.rocAuc[m], ap: r.averagePrecision[m] }));
}

/** The pooled rows of each class [class 0, class 1]. */
export function pooledCounts(r: CrossValidationResult): [number, number] {
	let pos = 0;
	for (const y of r.labels) pos += y;
	return [r.labels.length - pos, pos];
}

/** What the pooled table is: every row tested once, by models that did not train on it; what the intervals leave out. */
export function pooledNote(r: CrossValidationResult, c: ClassNames): string {
	const [n0, n1] = pooledCounts(r);
	return (
		`Pooled over ${r.folds} folds: every row is tested once, by the models trained on the other ${r.folds - 1} folds (${fmtInt(n0 + n1)} rows: ${fmtInt(n1)} ${c.pos}, ${fmtInt(n0)} ${c.neg}; ${plural(r.epochs, 'epoch', 'epochs')} each). ` +
		`The counts in brackets are these pooled predictions; their 95% intervals treat them as one sample and leave out how much the models vary from fold to fold. ` +
		`ROC and PR AUC rank the ${r.folds} folds' scores together.`
	);
}

/** "a–b", or one value when both ends are the same as written. */
function range(lo: string, hi: string): string {
	return lo === hi ? lo : `${lo}–${hi}`;
}

/** How far each model's ROC AUC moves between folds: “ROC AUC fold by fold: A 0.81–0.93, B 0.77–0.95.” */
export function foldSpread(r: CrossValidationResult, tags: string[]): string {
	// Stratified folds test both classes in every fold (folds.ts), so each fold's ROC AUC is defined.
	const parts = tags.map((tag, m) => {
		const auc = r.perFold.map((f) => f.rocAuc[m]);
		return `${tag} ${range(fmtNum(Math.min(...auc), 2), fmtNum(Math.max(...auc), 2))}`;
	});
	const rows = r.perFold.map((f) => f.counts[0] + f.counts[1]);
	return `ROC AUC fold by fold (each fold's ${range(fmtInt(Math.min(...rows)), fmtInt(Math.max(...rows)))} rows): ${parts.join(', ')}.`;
}
