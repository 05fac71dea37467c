import { test, expect, backendOf, expectParam } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/**
 * Real files as they come, in the imbalance lab: a small file with 30 correlated features (20 “malignant” of 200 rows:
 * 6 in the test split) and a file with numbers mostly missing — both committed under tests/fixtures/own-data/, made by
 * the seeded generators in tests/unit/imbalance-files.ts.
 */
const progress = (page: Page) => page.getByTestId('progress-text');
async function trained(page: Page, epochs: number) {
	await expect(progress(page)).toContainText(`epoch ${epochs} / ${epochs}`, { timeout: 80_000 });
	await expect(page.getByTestId('play')).toBeVisible();
}
const fixture = (name: string) => readFileSync(new URL(`../fixtures/own-data/${name}`, import.meta.url));
async function upload(page: Page, name: string) {
	await page.getByTestId('imbalance-import-input').setInputFiles({ name, mimeType: 'text/csv', buffer: fixture(name) });
}
/** “12.3% (4/6; 30–90%)”: a rate, its counts out of `n`, and its interval. */
const withCounts = (n: number) => new RegExp(`^\\d+\\.\\d% \\(\\d+/${n}; \\d+(\\.\\d)?–\\d+(\\.\\d)?%\\)$`);
const kfoldTable = (page: Page) => page.getByTestId('kfold-comparison').locator('table').innerText();

test('imbalance, small file with 30 features: components by default, counts and intervals, a warning, and 5-fold cross-validation pooled', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=20&seed=42');
	await trained(page, 20);
	await backendOf(page, 'imbalance-small');
	await upload(page, 'imbalance-small-30.csv');
	await expect(page.getByTestId('imbalance-file')).toContainText('imbalance-small-30.csv: 200 rows, 31 columns');
	await expect(page.getByTestId('imbalance-label')).toHaveValue('diagnosis');
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('malignant');
	// 30 inputs: the surface defaults to the principal components; cross-validation is recommended, not switched on.
	await expect(page.getByTestId('imbalance-surface')).toHaveValue('pca');
	await expect(page.getByTestId('imbalance-kfold-hint')).toContainText('about 6 rows “malignant”');
	await expect(page.getByTestId('imbalance-kfold')).not.toBeChecked();
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('counts')).toContainText('Your file: 200 rows, 30 model inputs');
	await trained(page, 20);
	await expect(page.getByTestId('chart-surface-0')).toContainText(/PC1 \(\d+% of the variance\)/);

	// One split: every rate with its counts and 95% interval, a warning about 6 test rows, and the offer.
	await expect(page.getByTestId('metric-0-recall')).toHaveText(withCounts(6));
	await expect(page.getByTestId('metric-1-recall')).toHaveText(withCounts(6));
	await expect(page.getByTestId('metric-0-accuracy')).toHaveText(withCounts(60));
	await expect(page.getByTestId('comparison')).not.toContainText(/NaN|undefined/);
	await expect(page.getByTestId('few-rows')).toContainText('Only 6 “malignant” rows in the test split (fewer than 30)');
	await expect(page.getByTestId('kfold-offer')).toContainText('The test split holds 6 “malignant” rows of 20');
	const split = await page.getByTestId('comparison').locator('table').innerText();

	// Cross-validation, from the keyboard: every row tested once, pooled counts out of 20 and 200.
	await page.getByTestId('kfold-start').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('kfold')).toBeVisible();
	const note = page.getByTestId('kfold-note');
	await expect(note).toContainText('Pooled over 5 folds: every row is tested once', { timeout: 80_000 });
	await expect(note).toContainText('200 rows: 20 “malignant”, 180 “benign”; 20 epochs each');
	await expect(page.getByTestId('kfold-status')).toHaveCount(0);
	await expect(page.getByTestId('kfold-metric-0-recall')).toHaveText(withCounts(20));
	// Precision: out of the rows flagged, or words when a model flags none.
	await expect(page.getByTestId('kfold-metric-1-precision')).toHaveText(/^(\d+\.\d% \(\d+\/\d+; [\d.]+–[\d.]+%\)|no positive predictions)$/);
	await expect(page.getByTestId('kfold-metric-0-accuracy')).toHaveText(withCounts(200));
	await expect(page.getByTestId('kfold-few-rows')).toContainText('Only 20 “malignant” rows in all, even with every row tested once');
	await expect(page.getByTestId('kfold-spread')).toContainText(/ROC AUC fold by fold \(each fold's 40 rows\): A [\d.]+(–[\d.]+)?, B [\d.]+(–[\d.]+)?\./);
	await expect(page.getByTestId('kfold-offer')).toHaveCount(0);
	// The one-split table is as it was.
	expect(await page.getByTestId('comparison').locator('table').innerText()).toBe(split);

	// The threshold re-scores the pooled predictions at once, without training again.
	const pooled = await kfoldTable(page);
	const recalled = async () => Number((await page.getByTestId('kfold-metric-0-recall').innerText()).match(/\((\d+)\/20;/)![1]);
	const found = await recalled();
	const slider = page.getByTestId('threshold');
	await slider.focus();
	await slider.press('Home');
	await expectParam(page, 'threshold', '0.01');
	await expect.poll(() => kfoldTable(page)).not.toBe(pooled);
	await expect(page.getByTestId('kfold-status')).toHaveCount(0);
	// A lower threshold flags at least the rows flagged before: recall cannot fall (its value depends on the backend).
	await expect(page.getByTestId('kfold-metric-0-recall')).toHaveText(withCounts(20));
	expect(await recalled()).toBeGreaterThanOrEqual(found);

	// A new seed deals new folds: the cross-validation runs again by itself.
	const before = await kfoldTable(page);
	await page.getByTestId('seed').fill('43');
	await expectParam(page, 'seed', '43');
	await expect.poll(() => kfoldTable(page), { timeout: 80_000 }).not.toBe(before);
	await expect(page.getByTestId('kfold-stale')).toHaveCount(0, { timeout: 80_000 });
	await trained(page, 20);

	// On a phone the table scrolls inside its panel; the page does not.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.waitForTimeout(300);
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll).toBeLessThanOrEqual(client);
	await page.setViewportSize({ width: 1280, height: 900 });

	await page.getByTestId('kfold-close').click();
	await expect(page.getByTestId('kfold')).toHaveCount(0);
	await expect(page.getByTestId('kfold-offer')).toBeVisible();
});

test('imbalance, small file with 30 features: a plane over two of them is one class, said in words with what to try', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=20&seed=42');
	await trained(page, 20);
	await upload(page, 'imbalance-small-30.csv');
	await expect(page.getByTestId('imbalance-surface')).toHaveValue('pca');
	// The axis choice stays available, ready with the first two numbers.
	await page.getByTestId('imbalance-surface').selectOption('features');
	await expect(page.getByTestId('imbalance-axis-x')).toHaveValue('f01');
	await expect(page.getByTestId('imbalance-axis-y')).toHaveValue('f02');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('counts')).toContainText('Your file: 200 rows');
	await trained(page, 20);
	await expect(page.getByTestId('chart-surface-0')).toContainText('The other 28 inputs are held at their training medians');
	await expect(page.getByTestId('surface-uniform-0')).toHaveText(
		'Model A predicts “benign” everywhere on this plane (every grid cell below the threshold 0.5): the other 28 inputs, held at their training medians, decide — try the principal components.'
	);
	// The principal components show both classes.
	await page.getByTestId('imbalance-surface').selectOption('pca');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('chart-surface-0')).toContainText(/PC1 \(\d+% of the variance\)/);
	await trained(page, 20);
	await expect(page.getByTestId('surface-uniform-0')).toHaveCount(0);
});

test('imbalance, own data: numbers missing in most rows are not ticked, and the reason is said beside them', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=4');
	await trained(page, 4);
	await upload(page, 'imbalance-missing.csv');
	await expect(page.getByTestId('imbalance-label')).toHaveValue('churn');
	const features = page.getByTestId('imbalance-features');
	await expect(features.getByRole('checkbox', { name: /^lab_score/ })).not.toBeChecked();
	await expect(page.getByTestId('imbalance-missing-lab_score')).toHaveText('99% missing — not ticked: rows missing a feature are left out');
	await expect(features.getByRole('checkbox', { name: /^referral_score/ })).not.toBeChecked();
	await expect(page.getByTestId('imbalance-missing-referral_score')).toHaveText('62% missing — not ticked: rows missing a feature are left out');
	// A category's missing value is a value of its own: ticked.
	await expect(features.getByRole('checkbox', { name: /^plan/ })).toBeChecked();
	await expect(page.getByTestId('imbalance-missing-plan')).toHaveText('70% missing: a value of its own');
	await expect(features.getByRole('checkbox', { name: /^age/ })).toBeChecked();
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('counts')).toContainText(/Your file: 392 rows\s\(8 left out: a missing label or number\)/);
	await trained(page, 4);
	// Ticked on purpose: said again, and the rows go.
	await features.getByRole('checkbox', { name: /^referral_score/ }).check();
	await expect(page.getByTestId('imbalance-missing-referral_score')).toHaveText('62% missing — ticked: the rows missing it are left out');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('counts')).toContainText(/Your file: 152 rows\s\(248 left out/);
	await trained(page, 4);
});
