/**
 * Pearson's chi-square test of an r × c table.
 *
 * Definition (the contract: src/lib/CORE.md):
 * - chiSquareTest: Pearson's statistic on an r × c table, no continuity correction
 *   (scipy.stats.chi2_contingency(correction=False)).
 */
import { chiSquareSf } from './distributions';
import { assertFiniteNumber } from './validate';

export interface ChiSquareResult {
	statistic: number;
	df: number;
	pValue: number;
}

export function chiSquareTest(table: number[][]): ChiSquareResult {
	if (!Array.isArray(table) || table.length < 2) throw new RangeError('The table needs at least 2 rows.');
	const cols = table[0]?.length ?? 0;
	if (cols < 2) throw new RangeError('The table needs at least 2 columns.');
	table.forEach((row, i) => {
		if (!Array.isArray(row) || row.length !== cols) throw new RangeError(`Row ${i} has ${row?.length ?? 0} cells; every row needs ${cols}.`);
		row.forEach((v, j) => {
			assertFiniteNumber(`table[${i}][${j}]`, v);
			if (v < 0) throw new RangeError(`table[${i}][${j}] is a negative count (${v}).`);
		});
	});
	const rowSums = table.map((r) => r.reduce((a, b) => a + b, 0));
	const colSums = Array.from({ length: cols }, (_, j) => table.reduce((a, r) => a + r[j], 0));
	const total = rowSums.reduce((a, b) => a + b, 0);
	rowSums.forEach((s, i) => {
		if (s === 0) throw new RangeError(`Row ${i} is all zeros: its expected counts would be 0.`);
	});
	colSums.forEach((s, j) => {
		if (s === 0) throw new RangeError(`Column ${j} is all zeros: its expected counts would be 0.`);
	});
	let statistic = 0;
	for (let i = 0; i < table.length; i++) {
		for (let j = 0; j < cols; j++) {
			const e = (rowSums[i] * colSums[j]) / total;
			statistic += (table[i][j] - e) ** 2 / e;
		}
	}
	const df = (table.length - 1) * (cols - 1);
	return { statistic, df, pValue: chiSquareSf(statistic, df) };
}
