/**
 * The small files the imbalance lab's own-data tests read, made here from the seeded generator (never copied from a
 * real dataset) and committed under tests/fixtures/own-data/ (imbalance-small-files.test.ts checks they are what
 * these functions make; `UPDATE_FIXTURES=1 npx vitest run tests/unit/imbalance-small-files.test.ts` rewrites them).
 */
import { createRng } from '../../src/lib/data/rng';

/**
 * Like a small diagnostic table (sklearn's breast cancer has 569 rows and 30 correlated measurements): 200 rows,
 * 30 numeric features f01…f30 in different units that all grow with one latent size, and `diagnosis` = “malignant”
 * for 20 rows (larger sizes), “benign” for the rest. A stratified 70/30 split tests 6 malignant rows.
 */
export function smallThirty(): string {
	const rng = createRng(20261);
	const names = Array.from({ length: 30 }, (_, j) => `f${String(j + 1).padStart(2, '0')}`);
	const load = names.map(() => 0.6 + 0.35 * rng.next());
	const unit = names.map((_, j) => 10 ** ((j % 4) - 1));
	const lines = [[...names, 'diagnosis'].join(',')];
	for (let i = 0; i < 200; i++) {
		const malignant = i % 10 === 3;
		const size = rng.normal() + (malignant ? 2.2 : 0);
		const row = names.map((_, j) => ((5 + load[j] * size + 0.7 * rng.normal()) * unit[j]).toFixed(4));
		lines.push([...row, malignant ? 'malignant' : 'benign'].join(','));
	}
	return lines.join('\n') + '\n';
}

/**
 * 400 customers: age (2% missing), income, lab_score (99% missing), referral_score (62% missing), plan (a category,
 * 70% missing: a value of its own) and churn yes/no (about 1 in 6 yes, driven by age and income).
 */
export function mostlyMissing(): string {
	const rng = createRng(20262);
	const lines = ['age,income,lab_score,referral_score,plan,churn'];
	for (let i = 0; i < 400; i++) {
		const age = 20 + 50 * rng.next();
		const income = rng.normal(50, 15);
		const p = 1 / (1 + Math.exp(-(0.09 * (age - 60) + 0.06 * (income - 55))));
		const churn = rng.next() < p;
		const lab = i % 100 === 7 ? (rng.normal() + 3).toFixed(2) : '';
		const referral = i % 50 < 31 ? '' : rng.next().toFixed(3);
		const plan = i % 10 < 7 ? '' : ['basic', 'plus', 'pro'][rng.int(3)];
		lines.push([i % 50 === 9 ? '' : age.toFixed(1), income.toFixed(2), lab, referral, plan, churn ? 'yes' : 'no'].join(','));
	}
	return lines.join('\n') + '\n';
}

export const FILES: Record<string, () => string> = {
	'imbalance-small-30.csv': smallThirty,
	'imbalance-missing.csv': mostlyMissing
};
