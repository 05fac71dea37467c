/**
 * The error stream of the user's data when a label and a prediction are named: accuracy and AUC per current batch,
 * and DDM and Page–Hinkley (the lab's settings) run over the errors in row order, after learning on the reference.
 */
import { DDM, DDM_RECOMMENDED, PageHinkley, pageHinkleyForErrorRate } from '$lib/stats/detectors';
import { rocAuc } from '$lib/metrics/classification';
import type { StoredColumn, StoredTable } from '$lib/data/table/column-store';
import { ImportError } from '$lib/data/table/text-stream';
import { positiveClass } from '$lib/data/table/roles';
import { codesOf, colOf, usedCodes, type Group } from './own-groups';
import type { DriftRoles, OwnDriftReport } from './own-report';

export function errorStream(
	refTable: StoredTable,
	reference: Group,
	curTable: StoredTable,
	batches: Group[],
	roles: DriftRoles
): NonNullable<OwnDriftReport['errors']> {
	const labelName = roles.label!;
	const predName = roles.prediction!;
	const pick = (t: StoredTable, n: string) => {
		const c = colOf(t, n);
		if (!c) throw new ImportError(`There is no column “${n}”.`, undefined, n);
		return c;
	};
	const refLabel = pick(refTable, labelName);
	const curLabel = pick(curTable, labelName);
	const refPred = pick(refTable, predName);
	const curPred = pick(curTable, predName);
	const dict = refLabel.dictionary;
	if (!codesOf(refLabel) || !codesOf(curLabel))
		throw new ImportError(`The label “${labelName}” has more than 1,000 values; a label has two.`, undefined, labelName);
	// The label's values actually present.
	const values = [...usedCodes(refLabel, curLabel)].map((c) => dict.values[c]);
	if (values.length !== 2)
		throw new ImportError(
			values.length < 2
				? `The label “${labelName}” has only one value (${values.map((v) => `“${v}”`).join('')}): accuracy and AUC need two classes.`
				: `The label “${labelName}” has ${values.length} values (${values
						.slice(0, 5)
						.map((v) => `“${v}”`)
						.join(', ')}${values.length > 5 ? ', …' : ''}); a binary label has two.`,
			undefined,
			labelName
		);
	const positive = positiveClass(values);
	const posCode = dict.codes.get(positive)!;
	// Scores: numbers in [0, 1] with more than two values; otherwise hard predictions with the label's values.
	const predNumbers = refPred.numbers && curPred.numbers;
	let scores = false;
	if (predNumbers) {
		let lo = Infinity;
		let hi = -Infinity;
		for (const x of [refPred.numbers!, curPred.numbers!])
			for (const v of x)
				if (!Number.isNaN(v)) {
					if (v < lo) lo = v;
					if (v > hi) hi = v;
				}
		const few = codesOf(refPred) && refPred.dictionary.values.length <= 2;
		if (!few) {
			if (lo < 0 || hi > 1)
				throw new ImportError(
					`The prediction “${predName}” has values from ${lo} to ${hi}: a score must lie in [0, 1] (a probability of “${positive}”).`,
					undefined,
					predName
				);
			scores = true;
		}
	}
	const predDict = refPred.dictionary;
	if (!scores) {
		if (!codesOf(refPred) || !codesOf(curPred))
			throw new ImportError(`The prediction “${predName}” is neither a score in [0, 1] nor one of the label's values.`, undefined, predName);
		const present = usedCodes(refPred, curPred);
		const bad = predDict.values.find((v, c) => !values.includes(v) && present.has(c));
		if (bad !== undefined)
			throw new ImportError(
				`The prediction “${predName}” has the value “${bad}”, which is not a value of the label (${values.map((v) => `“${v}”`).join(', ')}) nor a score in [0, 1].`,
				undefined,
				predName
			);
	}
	let skipped = 0;
	/** Per row: label (0/1), prediction score (0/1 for hard predictions); null when either is missing. */
	const rowOf = (lab: StoredColumn, pred: StoredColumn, i: number): [number, number] | null => {
		const l = codesOf(lab)![i];
		if (l < 0) return null;
		let s: number;
		if (scores) {
			s = pred.numbers![i];
			if (Number.isNaN(s)) return null;
		} else {
			const c = codesOf(pred)![i];
			if (c < 0) return null;
			s = predDict.values[c] === positive ? 1 : 0;
		}
		return [l === posCode ? 1 : 0, s];
	};
	let refN = 0;
	let refRight = 0;
	const visit = (g: Group, lab: StoredColumn, pred: StoredColumn, f: (y: number, s: number) => void) => {
		const each = (i: number) => {
			const r = rowOf(lab, pred, i);
			if (!r) skipped++;
			else f(r[0], r[1]);
		};
		if (g.rows) for (const i of g.rows) each(i);
		else for (let i = 0; i < g.table.rows; i++) each(i);
	};
	const refErrors: number[] = [];
	visit(reference, refLabel, refPred, (y, s) => {
		refN++;
		const e = (s >= 0.5 ? 1 : 0) === y ? 0 : 1;
		refRight += 1 - e;
		refErrors.push(e);
	});
	if (!refN) throw new ImportError(`No reference row has both “${labelName}” and “${predName}”.`);
	const referenceAccuracy = refRight / refN;
	const ddm = new DDM({ ...DDM_RECOMMENDED, driftLevel: roles.ddmLevel });
	const ph = new PageHinkley(pageHinkleyForErrorRate(1 - referenceAccuracy, roles.phLambda));
	// The detectors learn the error rate on the reference rows first: a stream that is worse than the reference from
	// its first row on would otherwise be their baseline, and never alarm. Alarms within the reference are counted.
	let referenceAlarms = 0;
	for (const e of refErrors) if (ddm.update(e) === 'drift' || ph.update(e) === 'drift') referenceAlarms++;
	const ddmAt: number[] = [];
	const phAt: number[] = [];
	const perBatch = batches.map((g, b) => {
		const ys: number[] = [];
		const ss: number[] = [];
		let right = 0;
		let ddmHit = false;
		let phHit = false;
		visit(g, curLabel, curPred, (y, s) => {
			const e = (s >= 0.5 ? 1 : 0) === y ? 0 : 1;
			right += 1 - e;
			ys.push(y);
			ss.push(s);
			if (ddm.update(e) === 'drift') ddmHit = true;
			if (ph.update(e) === 'drift') phHit = true;
		});
		if (ddmHit) ddmAt.push(b);
		if (phHit) phAt.push(b);
		const pos = ys.reduce((a, v) => a + v, 0);
		return {
			rows: ys.length,
			accuracy: ys.length ? right / ys.length : NaN,
			auc: scores && pos > 0 && pos < ys.length ? rocAuc(ys, ss) : null
		};
	});
	return { positive, scores, referenceAccuracy, referenceAlarms, perBatch, ddm: ddmAt, pageHinkley: phAt, skipped };
}
