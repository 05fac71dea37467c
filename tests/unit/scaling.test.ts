import { describe, expect, it } from 'vitest';
import { fitScaler, SCALER_KINDS } from '../../src/lib/features/scaling';
import { expectAllClose, loadFixtures } from './helpers';

const fx = loadFixtures().scaling;

describe('scalers fitted on training rows vs numpy', () => {
	for (const kind of SCALER_KINDS) {
		it(`${kind}: transform of unseen rows matches (incl. a constant and a zero-IQR column)`, () => {
			const scaler = fitScaler(kind, fx.train);
			const out = scaler.transform(fx.test);
			out.forEach((row, i) => expectAllClose(row, fx.expected[kind][i], 1e-9, 1e-12, `${kind} row ${i}`));
			for (const row of out) for (const v of row) expect(Number.isFinite(v)).toBe(true);
		});
	}
	it('maps a constant training column to 0, never NaN', () => {
		for (const kind of ['minmax', 'standard', 'robust'] as const) {
			const s = fitScaler(kind, [
				[5, 1],
				[5, 2],
				[5, 3]
			]);
			expect(
				s
					.transform([
						[5, 2],
						[9, 2]
					])
					.map((r) => r[0])
			).toEqual([0, 0]);
		}
	});
	it('explains bad input', () => {
		expect(() => fitScaler('log', [[-1, 2]])).toThrow(/above −1/);
		expect(() => fitScaler('standard', [])).toThrow(/empty/);
		expect(() => fitScaler('standard', [[1, 2], [3]])).toThrow(/columns/);
		expect(() => fitScaler('minmax', [[1, NaN]])).toThrow(/finite/);
		expect(() => fitScaler('minmax', [[1, 2]]).transform([[1]])).toThrow(/columns/);
		// eslint-disable-next-line @typescript-eslint/no-explicit-any
		expect(() => fitScaler('zscore' as any, [[1]])).toThrow(/Unknown scaler/);
	});
});
