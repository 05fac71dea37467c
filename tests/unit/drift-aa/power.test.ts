/**
 * The drift report's verdicts still detect real drift on the kinds of data the A/A scenarios make (power where the
 * report claims detection): counts that shift, a rare value that becomes common, a zero-inflated amount whose zeros
 * thin out — each over 40 pairs, flagged in nearly all.
 */
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed } from '../../../src/lib/data/rng';
import { ColumnStore, type Dictionary } from '../../../src/lib/data/table/column-store';
import { driftReport, type DriftRoles } from '../../../src/lib/labs/drift/worker/own-report';
import { poisson } from './scenarios';

const ROLES: DriftRoles = { batch: null, referenceBatches: 1, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 };

function table(dicts: Map<string, Dictionary>, rows: number, make: () => string[]) {
	const s = new ColumnStore(dicts);
	s.header(['count', 'kind', 'amount']);
	s.push(Array.from({ length: rows }, make));
	return s.finish();
}

describe('drift on realistic columns is found', () => {
	it('Poisson(3) → Poisson(3.6), “rare” 0.02% → 5%, zeros 60% → 45%: flagged in ≥ 90% of 40 pairs (2,000 vs 1,000 rows); batch by batch, a large shift', async () => {
		const found = { count: 0, kind: 0, amount: 0 };
		const batches = { count: 0, kind: 0, amount: 0 };
		const pairs = 40;
		for (let r = 0; r < pairs; r++) {
			const rng = createRng(mixSeed(77, r));
			const row = (lambda: number, rare: number, a: number, zeros: number) => () => [
				String(poisson(rng, lambda)),
				rng.next() < rare ? 'rare' : rng.next() < a ? 'a' : 'b',
				rng.next() < zeros ? '0' : Math.exp(3 + rng.normal()).toFixed(2)
			];
			const dicts = new Map<string, Dictionary>();
			const rep = await driftReport({ reference: table(dicts, 2000, row(3, 2e-4, 0.5, 0.6)), current: table(dicts, 1000, row(3.6, 0.05, 0.5, 0.45)) }, ROLES);
			for (const name of ['count', 'kind', 'amount'] as const) {
				const f = rep.features.find((x) => x.name === name)!;
				if (f.verdict === 'drift' || f.verdict === 'small') found[name]++;
				if (rep.timeline.features.find((x) => x.name === name)!.over.some(Boolean)) batches[name]++;
			}
		}
		for (const name of ['count', 'kind', 'amount'] as const) expect(found[name], name).toBeGreaterThanOrEqual(0.9 * pairs);
		// A shift this size shows batch by batch in a few pairs only (batches of 50, Bonferroni over 60 comparisons) …
		expect(batches.count + batches.amount).toBeGreaterThan(0);
		// The rare value's rise is found batch by batch too: no category is pooled away (2.5 expected in a batch of 50).
		expect(batches.kind, 'kind batches').toBeGreaterThanOrEqual(0.9 * pairs);
		// … and a large one (Poisson(3) → Poisson(5)) in nearly every pair.
		let large = 0;
		for (let r = 0; r < 20; r++) {
			const rng = createRng(mixSeed(78, r));
			const row = (lambda: number) => () => [String(poisson(rng, lambda)), 'a', '0'];
			const dicts = new Map<string, Dictionary>();
			const rep = await driftReport({ reference: table(dicts, 2000, row(3)), current: table(dicts, 1000, row(5)) }, ROLES);
			if (rep.timeline.features.find((x) => x.name === 'count')!.over.some(Boolean)) large++;
		}
		expect(large).toBeGreaterThanOrEqual(18);
	}, 120_000);
});
