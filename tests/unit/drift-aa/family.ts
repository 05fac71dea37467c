/**
 * The family-wise A/A check of the drift report: for each scenario, `pairs` pairs of files from one generator, and how
 * often any feature (report) or any batch × feature (timeline) is flagged. Both are claims over a family (Bonferroni
 * over features, and over batches × features) at 5% in all.
 */
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed } from '../../../src/lib/data/rng';
import type { Dictionary } from '../../../src/lib/data/table/column-store';
import { driftReport, type DriftRoles } from '../../../src/lib/labs/drift/worker/own-report';
import { pair, SCENARIOS, type Scenario } from './scenarios';

const ROLES: DriftRoles = { batch: null, referenceBatches: 1, label: null, prediction: null, target: null, ddmLevel: 3.5, phLambda: 80 };

export interface FamilyRates {
	name: string;
	pairs: number;
	anyFeature: number;
	anyBatch: number;
}

export async function familyRates(sc: Scenario, seed: number): Promise<FamilyRates> {
	let anyFeature = 0;
	let anyBatch = 0;
	for (let r = 0; r < sc.pairs; r++) {
		const { data, roles } = pair(sc, createRng(mixSeed(seed, r)), new Map<string, Dictionary>(), ROLES);
		const rep = await driftReport(data, roles);
		if (rep.features.some((f) => f.verdict === 'drift' || f.verdict === 'small')) anyFeature++;
		if (rep.timeline.features.some((f) => f.over.some(Boolean))) anyBatch++;
	}
	return { name: sc.name, pairs: sc.pairs, anyFeature, anyBatch };
}

/**
 * 5% plus z standard errors of `runs` pairs. The pooled rate over a file's scenarios: z = 2.33 (one-sided 99%). Each
 * scenario: z = 3.3 — the 24 scenario checks (12 scenarios × 2 rates) are a family too, and 3.3 keeps the chance that
 * any of them fails at a true 5% near 1% (Bonferroni); a systematic excess still shows in the pooled rate.
 */
export const allowed = (runs: number, z = 2.33) => Math.floor(runs * (0.05 + z * Math.sqrt((0.05 * 0.95) / runs)));
const PER_SCENARIO_Z = 3.3;

export function expectFamily(rates: FamilyRates[]): void {
	for (const r of rates) {
		expect(r.anyFeature, `${r.name}: any feature flagged in ${r.anyFeature} of ${r.pairs}`).toBeLessThanOrEqual(allowed(r.pairs, PER_SCENARIO_Z));
		expect(r.anyBatch, `${r.name}: any batch × feature flagged in ${r.anyBatch} of ${r.pairs}`).toBeLessThanOrEqual(allowed(r.pairs, PER_SCENARIO_Z));
	}
	const runs = rates.reduce((s, r) => s + r.pairs, 0);
	const f = rates.reduce((s, r) => s + r.anyFeature, 0);
	const b = rates.reduce((s, r) => s + r.anyBatch, 0);
	expect(f, `all scenarios: any feature ${f} of ${runs}`).toBeLessThanOrEqual(allowed(runs));
	expect(b, `all scenarios: any batch ${b} of ${runs}`).toBeLessThanOrEqual(allowed(runs));
	// Not vacuous: Bonferroni on independent features is nearly exact, so some A/A pairs are flagged.
	expect(f + b).toBeGreaterThan(0);
}

/** The test of part `part` (1-based) of the scenarios, `size` scenarios a part (one file each, so they run in parallel). */
export function describeFamily(part: number, size = 4): void {
	const scenarios = SCENARIOS.slice((part - 1) * size, part * size);
	describe('no drift: family-wise false flags on realistic A/A files (ties, sparse categories, unequal sizes)', () => {
		it(
			scenarios.map((s) => s.name).join('; '),
			async () => {
				const rates: FamilyRates[] = [];
				for (const [k, sc] of scenarios.entries()) rates.push(await familyRates(sc, 9000 + (part - 1) * size + k));
				console.log(rates.map((r) => `${r.name}: any feature ${r.anyFeature}/${r.pairs}, any batch ${r.anyBatch}/${r.pairs}`).join('\n'));
				expectFamily(rates);
			},
			600_000
		);
	});
}
