/**
 * Realistic A/A files for the drift report's family-wise test: reference and current drawn from one generator, with
 * the things real exports have — counts and rounded numbers (ties), sparse and rare categories, a zero-inflated amount,
 * missing values, unequal sizes and small batches. Each scenario makes a pair of tables (or one table with a batch
 * column) from a seeded generator.
 */
import type { Rng } from '../../../src/lib/data/rng';
import { ColumnStore, type Dictionary, type StoredTable } from '../../../src/lib/data/table/column-store';
import type { DriftRoles } from '../../../src/lib/labs/drift/worker/own-report';

export type Column = (rng: Rng) => string;

/** A Poisson(λ) draw by inversion (small λ). */
export function poisson(rng: Rng, lambda: number): number {
	let k = 0;
	let p = Math.exp(-lambda);
	let s = p;
	const u = rng.next();
	while (u > s && k < 1000) {
		k++;
		p *= lambda / k;
		s += p;
	}
	return k;
}
const geometric = (rng: Rng, p: number) => Math.floor(Math.log(1 - rng.next()) / Math.log(1 - p));
/** Zipf-like weights over k categories (exponent s). */
function zipf(k: number, s: number): (rng: Rng) => string {
	const w = Array.from({ length: k }, (_, i) => 1 / (i + 1) ** s);
	const total = w.reduce((a, b) => a + b, 0);
	const cum: number[] = [];
	w.reduce((acc, v) => (cum.push((acc + v) / total), acc + v), 0);
	return (rng) => {
		const u = rng.next();
		let i = 0;
		while (i < k - 1 && cum[i] < u) i++;
		return `c${i}`;
	};
}

export const COLUMNS: Record<string, Column> = {
	normal: (rng) => String(rng.normal()),
	poisson3: (rng) => String(poisson(rng, 3)),
	poisson1: (rng) => String(poisson(rng, 1.2)),
	geometric: (rng) => String(geometric(rng, 0.1)),
	rounded: (rng) => (50 + 8 * rng.normal()).toFixed(1),
	age: (rng) => String(18 + rng.int(73)),
	amount: (rng) => (rng.next() < 0.6 ? '0' : Math.exp(3 + rng.normal()).toFixed(2)),
	bigint: (rng) => String(rng.int(2000)),
	zipf: zipf(200, 1.1),
	rare: (rng) => (rng.next() < 2e-4 ? 'rare' : rng.next() < 0.5 ? 'a' : 'b'),
	flag: (rng) => (rng.next() < 0.01 ? 'yes' : 'no'),
	rating: (rng) => String([1, 2, 3, 4, 5][Math.min(4, Math.floor(5 * rng.next() ** 0.5))]),
	missing: (rng) => (rng.next() < 0.2 ? '' : String(rng.gamma(2)))
};

export interface Scenario {
	name: string;
	columns: string[];
	/** Two files (reference, current rows) or one file with `batches` batches of `perBatch` rows, the first `refBatches` the reference. */
	sizes: { reference: number; current: number } | { batches: number; perBatch: number; refBatches: number };
	pairs: number;
}

export function makeTable(dicts: Map<string, Dictionary>, columns: string[], rows: number, rng: Rng, batchOf?: (i: number) => string): StoredTable {
	const s = new ColumnStore(dicts);
	s.header(batchOf ? ['batch', ...columns] : columns);
	const out: string[][] = [];
	for (let i = 0; i < rows; i++) {
		const row = columns.map((c) => COLUMNS[c](rng));
		out.push(batchOf ? [batchOf(i), ...row] : row);
	}
	s.push(out);
	return s.finish();
}

/** One A/A pair: the data and the roles for driftReport. */
export function pair(sc: Scenario, rng: Rng, dicts: Map<string, Dictionary>, base: DriftRoles) {
	if ('reference' in sc.sizes)
		return {
			data: { reference: makeTable(dicts, sc.columns, sc.sizes.reference, rng), current: makeTable(dicts, sc.columns, sc.sizes.current, rng) },
			roles: base
		};
	const { batches, perBatch, refBatches } = sc.sizes;
	const label = (i: number) => `b${String(Math.floor(i / perBatch)).padStart(3, '0')}`;
	return {
		data: { reference: makeTable(dicts, sc.columns, batches * perBatch, rng, label), current: null },
		roles: { ...base, batch: 'batch', referenceBatches: refBatches }
	};
}

const MIXED = ['normal', 'poisson3', 'geometric', 'rounded', 'amount', 'zipf', 'rare', 'flag'];

export const SCENARIOS: Scenario[] = [
	{ name: 'mixed, 1,000 vs 1,000', columns: MIXED, sizes: { reference: 1000, current: 1000 }, pairs: 300 },
	{ name: 'mixed, 5,000 vs 1,000', columns: MIXED, sizes: { reference: 5000, current: 1000 }, pairs: 300 },
	{ name: 'Poisson(1.2), one file, 20 batches of 50', columns: ['poisson1'], sizes: { batches: 21, perBatch: 50, refBatches: 1 }, pairs: 300 },
	{ name: 'geometric counts, 20,000 vs 200', columns: ['geometric'], sizes: { reference: 20000, current: 200 }, pairs: 300 },
	{ name: 'Poisson(3) and ratings, 2,000 vs 300', columns: ['poisson3', 'rating'], sizes: { reference: 2000, current: 300 }, pairs: 300 },
	{ name: 'rounded and ages, 300 vs 3,000', columns: ['rounded', 'age'], sizes: { reference: 300, current: 3000 }, pairs: 300 },
	{ name: 'zero-inflated amount, 10,000 vs 500', columns: ['amount', 'missing'], sizes: { reference: 10000, current: 500 }, pairs: 300 },
	{ name: 'integers 0–1999, 5,000 vs 5,000', columns: ['bigint', 'normal'], sizes: { reference: 5000, current: 5000 }, pairs: 300 },
	{ name: 'Zipf over 200 categories, 3,000 vs 400', columns: ['zipf', 'flag'], sizes: { reference: 3000, current: 400 }, pairs: 300 },
	{ name: 'rare value, 20,000 vs 1,000', columns: ['rare', 'flag'], sizes: { reference: 20000, current: 1000 }, pairs: 300 },
	{ name: 'mixed, one file, 10 batches of 200', columns: MIXED, sizes: { batches: 12, perBatch: 200, refBatches: 2 }, pairs: 300 },
	{
		name: 'counts with missing values, 800 vs 2,500',
		columns: ['missing', 'poisson1', 'age', 'geometric'],
		sizes: { reference: 800, current: 2500 },
		pairs: 300
	}
];
