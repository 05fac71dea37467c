import { test, expect, backendOf } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { seeded } from './seeded';

const progress = (page: Page) => page.getByTestId('progress-text');
async function trained(page: Page, epochs: number) {
	await expect(progress(page)).toContainText(`epoch ${epochs} / ${epochs}`, { timeout: 80_000 });
	await expect(page.getByTestId('play')).toBeVisible();
}
async function upload(page: Page, name: string, buffer: Buffer) {
	await page.getByTestId('imbalance-import-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}
const metrics = (page: Page) => page.getByTestId('comparison').locator('table').innerText();
/** The table's numbers: every row's cells but its name (a file names its classes, the synthetic data “minority”). */
const numbers = (table: string) =>
	table
		.split('\n')
		.filter((r) => r.includes('\t'))
		.slice(1)
		.map((r) => r.split('\t').slice(1).join('\t'))
		.join('\n');

/** Customers: age and income drive churn, the city a little; an id column; seeded, so the file is the same each run. */
function customers(rows: number, oneClass = false): Buffer {
	const u = seeded(99);
	const lines = ['id,age,income,city,churn'];
	for (let i = 0; i < rows; i++) {
		const age = 20 + 50 * u();
		const income = 20 + 80 * u();
		const city = ['paris', 'lyon', 'nice'][Math.floor(3 * u())];
		const p = 1 / (1 + Math.exp(-(0.1 * (age - 60) + 0.06 * (income - 70) + (city === 'nice' ? 1 : 0))));
		lines.push(`u${i},${age.toFixed(1)},${income.toFixed(2)},${city},${!oneClass && u() < p ? 'yes' : 'no'}`);
	}
	return Buffer.from(lines.join('\n') + '\n');
}

test('imbalance, own data: the lab’s synthetic data, exported and imported, trains to the same numbers; nothing leaves the page', async ({ page }) => {
	await page.goto('/imbalance?n=1200&epochs=8&seed=4');
	await trained(page, 8);
	await backendOf(page, 'imbalance-import');
	const synthetic = await metrics(page);
	const [download] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('download-data').click()])) as [Download, void];
	const csv = (await readFile((await download.path())!)).toString('utf8');
	expect(csv.split('\n')[0]).toBe('x1,x2,label');
	expect(csv.trim().split('\n').length).toBe(1201);

	const requests: string[] = [];
	page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
	await upload(page, 'data.csv.gz', gzipSync(csv));
	await expect(page.getByTestId('imbalance-file')).toContainText('data.csv.gz: 1,200 rows, 3 columns');
	// Guessed: the label and its positive class, both numbers as features and as the surface's axes.
	await expect(page.getByTestId('imbalance-label')).toHaveValue('label');
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('1');
	await expect(page.getByTestId('imbalance-axis-x')).toHaveValue('x1');
	// The synthetic data is not standardised: switch it off to train on the very same inputs.
	await page.getByTestId('imbalance-standardize').uncheck();
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('imbalance-own-active')).toContainText('label “label” = “1” is the positive class');
	await expect(page.getByTestId('counts')).toContainText('Your file: 1,200 rows');
	await trained(page, 8);
	const own = await metrics(page);
	expect(numbers(own)).toBe(numbers(synthetic));
	expect(numbers(own).split('\n').length).toBeGreaterThanOrEqual(6);
	expect(own).toContain('Recall of “1” (the minority)');
	await expect(page.getByTestId('chart-surface-0')).toContainText('x1');
	await expect(page.getByTestId('imbalance-privacy')).toContainText('nothing is uploaded');
	expect(requests).toEqual([]);
	// Back to the synthetic data: the same numbers again.
	await page.getByTestId('imbalance-synthetic').click();
	await expect(page.getByTestId('counts')).not.toContainText('Your file');
	await trained(page, 8);
	expect(await metrics(page)).toBe(synthetic);
});

test('imbalance, own data: a table with a category and an identifier — choices, surface over two features or components', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=5');
	await trained(page, 5);
	await upload(page, 'customers.csv', customers(3000));
	await expect(page.getByTestId('imbalance-label')).toHaveValue('churn');
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('yes');
	// The identifier is text with 3,000 values: it cannot be a feature.
	const features = page.getByTestId('imbalance-features');
	await expect(features.getByRole('checkbox', { name: /^id/ })).toBeDisabled();
	await expect(features.getByRole('checkbox', { name: /^city/ })).toBeChecked();
	// More than two inputs: the surface starts on the principal components; the two features are one choice away.
	await expect(page.getByTestId('imbalance-surface')).toHaveValue('pca');
	await page.getByTestId('imbalance-surface').selectOption('features');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('counts')).toContainText('Your file: 3,000 rows, 5 model inputs');
	await trained(page, 5);
	await expect(page.getByTestId('chart-surface-0')).toContainText('age');
	await expect(page.getByTestId('chart-surface-0')).toContainText('The other 3 inputs are held at their training medians');
	const auc = Number(await page.getByTestId('metric-0-roc').innerText());
	expect(auc).toBeGreaterThan(0.7);
	await page.getByTestId('imbalance-surface').selectOption('pca');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('chart-surface-0')).toContainText(/PC1 \(\d+% of the variance\)/);
	await trained(page, 5);
});

test('imbalance, own data: bad files and impossible choices get messages; the lab keeps working; forget clears it', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=4');
	await trained(page, 4);
	const synthetic = await metrics(page);
	await upload(page, 'customers.csv', customers(400));
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.csv: 400 rows');
	for (const [name, buffer, message] of [
		['empty.csv', Buffer.alloc(0), /The file is empty/],
		['ragged.csv', Buffer.from('a,b,label\n1,2,yes\n3,4\n'), /Row 3 has 2 fields; the header has 3/],
		['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file/]
	] as const) {
		await upload(page, name, buffer);
		await expect(page.getByTestId('imbalance-import-error')).toContainText(message);
		await expect(page.getByTestId('imbalance-import-error')).toContainText('The file read before is still loaded');
		await expect(page.getByTestId('imbalance-file')).toContainText('customers.csv');
	}
	// A label with one class: said before anything is trained; the lab still shows the synthetic run.
	await upload(page, 'one-class.csv', customers(400, true));
	await expect(page.getByTestId('imbalance-file')).toContainText('one-class.csv');
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('imbalance-own-error')).toContainText('the label has one class');
	await expect(page.getByTestId('counts')).not.toContainText('Your file');
	expect(await metrics(page)).toBe(synthetic);
	// No feature: the button says why it is off.
	const checked = page.getByTestId('imbalance-features').getByRole('checkbox', { checked: true });
	while ((await checked.count()) > 0) await checked.first().uncheck();
	await expect(page.getByTestId('imbalance-form-problem')).toContainText('Choose at least one feature');
	await expect(page.getByTestId('imbalance-use')).toBeDisabled();
	await page.getByTestId('imbalance-forget').click();
	await expect(page.getByTestId('imbalance-file')).toHaveCount(0);
	await expect(page.getByTestId('lab-error')).toHaveCount(0);
});

test('own data kept in this browser (IndexedDB) on request: reopened after a reload, gone once forgotten', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=3');
	await trained(page, 3);
	// Not kept unless asked.
	await upload(page, 'customers.csv', customers(500));
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.csv: 500 rows');
	await page.reload();
	await trained(page, 3);
	await expect(page.getByTestId('imbalance-file')).toHaveCount(0);
	await expect(page.getByTestId('imbalance-import-reopen')).toHaveCount(0);
	// Ticked after the file was loaded: that file is kept.
	await upload(page, 'customers.csv', customers(500));
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.csv');
	await page.getByTestId('imbalance-import-keep').check();
	await expect(page.getByTestId('imbalance-import-reopen')).toContainText('Reopen customers.csv');
	await page.reload();
	await trained(page, 3);
	await expect(page.getByTestId('imbalance-import-keep')).toBeChecked();
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.getByTestId('imbalance-import-reopen').click();
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.csv: 500 rows');
	expect(requests).toEqual([]);
	await page.getByTestId('imbalance-forget').click();
	await expect(page.getByTestId('imbalance-import-reopen')).toHaveCount(0);
	await page.reload();
	await trained(page, 3);
	await expect(page.getByTestId('imbalance-import-reopen')).toHaveCount(0);
	await expect(page.getByTestId('imbalance-import-keep')).not.toBeChecked();
});

/** Two numbers and a label where “yes” is about 80% of the rows (the positive class guessed is the majority). */
function mostlyYes(rows: number): Buffer {
	const u = seeded(7);
	const lines = ['x1,x2,label'];
	for (let i = 0; i < rows; i++) {
		const x1 = 4 * u() - 2;
		const x2 = 4 * u() - 2;
		const p = 1 / (1 + Math.exp(-(1.6 + 1.2 * x1 - 0.8 * x2)));
		lines.push(`${x1.toFixed(3)},${x2.toFixed(3)},${u() < p ? 'yes' : 'no'}`);
	}
	return Buffer.from(lines.join('\n') + '\n');
}

test('imbalance, own data: a positive class that is the majority is named so, warned about, and swapped with one key press', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=4');
	await trained(page, 4);
	await upload(page, 'mostly-yes.csv', mostlyYes(1500));
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('yes');
	const warning = page.getByTestId('imbalance-positive-majority');
	await expect(warning).toContainText(/“yes” is \d+% of the rows with a label: the majority\./);
	await expect(warning).toContainText('Make “no” the positive class?');
	// Trained as chosen: the baseline column predicts “yes” for everyone and says so; its accuracy is the share of “yes”.
	await page.getByTestId('imbalance-use').click();
	await trained(page, 4);
	const comparison = page.getByTestId('comparison');
	await expect(page.getByTestId('baseline-name')).toHaveText('Always “yes” (the majority)');
	expect(Number((await page.getByTestId('metric-base-accuracy').innerText()).replace('%', ''))).toBeGreaterThan(70);
	await expect(page.getByTestId('metric-base-recall')).toHaveText('100.0%');
	await expect(comparison).toContainText('Recall of “yes” (the majority)');
	await expect(comparison).not.toContainText(/minority/i);
	await expect(page.getByTestId('counts')).toContainText(/Train [\d,]+\s+“no” \/ [\d,]+\s+“yes”/);
	// The swap, from the keyboard: focus returns to the positive-class choice, the warning goes.
	await page.getByTestId('imbalance-positive-swap').focus();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('no');
	await expect(page.getByTestId('imbalance-positive')).toBeFocused();
	await expect(warning).toHaveCount(0);
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('imbalance-own-active')).toContainText('label “label” = “no” is the positive class');
	await trained(page, 4);
	await expect(page.getByTestId('baseline-name')).toHaveText('Always “yes” (the majority)');
	await expect(page.getByTestId('metric-base-recall')).toHaveText('0.0%');
	await expect(comparison).toContainText('Recall of “no” (the minority)');
	expect(Number((await page.getByTestId('metric-base-accuracy').innerText()).replace('%', ''))).toBeGreaterThan(70);
});
