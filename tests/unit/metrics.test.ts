import { describe, expect, it } from 'vitest';
import { averagePrecision, brierScore, confusionAt, expectedCalibrationError, logLoss, prCurve, rocAuc, rocCurve } from '../../src/lib/metrics/classification';
import { expectAllClose, expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().metrics;

describe('classification metrics vs numpy/scipy references (sklearn definitions)', () => {
	it('ROC AUC with ties counting one half, and the ROC curve', () => {
		let n = 0;
		for (const c of fx) {
			if (c.expected.rocAuc === undefined) continue;
			expectClose(rocAuc(c.labels, c.scores), c.expected.rocAuc, 1e-9, 1e-15, `n=${c.labels.length}`);
			const curve = rocCurve(c.labels, c.scores);
			expectAllClose(curve.fpr, c.expected.roc.fpr, 1e-12, 1e-15, 'fpr');
			expectAllClose(curve.tpr, c.expected.roc.tpr, 1e-12, 1e-15, 'tpr');
			n++;
		}
		expect(n).toBeGreaterThanOrEqual(6);
	});
	it('average precision (step, no interpolation) and the PR curve', () => {
		for (const c of fx) {
			if (c.expected.ap === undefined) continue;
			expectClose(averagePrecision(c.labels, c.scores), c.expected.ap, 1e-9, 1e-15, `n=${c.labels.length}`);
			const curve = prCurve(c.labels, c.scores);
			expectAllClose(curve.precision, c.expected.pr.precision, 1e-12, 1e-15, 'precision');
			expectAllClose(curve.recall, c.expected.pr.recall, 1e-12, 1e-15, 'recall');
		}
	});
	it('confusion counts and ratios at a threshold (score ≥ threshold is positive; 0 for 0/0)', () => {
		for (const c of fx) {
			const r = confusionAt(c.labels, c.scores, c.threshold);
			const e = c.expected.confusion;
			expect([r.tp, r.fp, r.tn, r.fn]).toEqual([e.tp, e.fp, e.tn, e.fn]);
			for (const k of ['precision', 'recall', 'f1', 'accuracy'] as const) expectClose(r[k], e[k], 1e-12, 1e-15, k);
		}
	});
	it('log loss, Brier score and ECE at 5/10/15 bins', () => {
		for (const c of fx) {
			if (c.expected.logLoss === undefined) continue;
			expectClose(logLoss(c.labels, c.scores), c.expected.logLoss, 1e-9, 1e-15, 'logLoss');
			expectClose(brierScore(c.labels, c.scores), c.expected.brier, 1e-9, 1e-15, 'brier');
			for (const [bins, v] of Object.entries(c.expected.ece)) {
				expectClose(expectedCalibrationError(c.labels, c.scores, Number(bins)), v as number, 1e-9, 1e-15, `ece${bins}`);
			}
		}
	});
	it('gives clear errors instead of NaN', () => {
		expect(() => rocAuc([0, 0], [0.1, 0.2])).toThrow(/both classes/);
		expect(() => averagePrecision([0, 0], [0.1, 0.2])).toThrow(/positive/);
		expect(() => rocAuc([0, 1], [0.1])).toThrow(/same length/);
		expect(() => rocAuc([0, 2], [0.1, 0.3])).toThrow(/0 or 1/);
		expect(() => logLoss([0, 1], [0.1, 1.3])).toThrow(/probability/);
		expect(() => logLoss([], [])).toThrow(/empty/);
		expect(() => confusionAt([0, 1], [0.1, 0.4], NaN)).toThrow(/threshold/);
	});
});
