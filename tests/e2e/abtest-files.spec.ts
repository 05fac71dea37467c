import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Real-looking files in the A/B lab (made by the seeded generator in tests/unit/abtest-files.test.ts): dated per-user
 * rows out of order, timestamps, a `;` file with decimal commas and day.month.year dates, US dates in per-day counts;
 * and the lab's sentences: one probability format, a space at every join, a fixed-horizon sentence that never
 * contradicts itself.
 */
const DIR = new URL('../fixtures/own-data/', import.meta.url).pathname;

/** Two sentences run together: a stop with the next sentence's capital, bracket or quote right after it. */
const RUN_TOGETHER = /[.;:!?][A-Z(“]/;
/** A probability as the lab writes it: one decimal, or beyond 99.9% / below 0.1%. */
const BEAT = /P\(variant better\) (= \d{1,2}\.\d%|> 99\.9%|< 0\.1%)\./;

async function upload(page: Page, name: string) {
	await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'text/csv', buffer: await readFile(join(DIR, name)) });
}

async function text(page: Page, id: string): Promise<string> {
	return (await page.getByTestId(id).innerText()).replace(/\s+/g, ' ');
}

test('own data: per-user rows with timestamps out of order are counted on their calendar days, in order of date', async ({ page }) => {
	await page.goto('/abtest?days=7&sims=1000');
	await expect(page.getByTestId('exp-status')).toBeVisible({ timeout: 30_000 });
	await upload(page, 'abtest-users-timestamps.csv');
	const summary = page.getByTestId('import-summary');
	await expect(summary).toContainText('one row per user (converted or not), 6 days.');
	await expect(summary).toContainText('control = “control”, variant = “treatment”');
	await expect(summary).toContainText('Days from “timestamp”: timestamps (year-month-day)');
	await expect(summary).toContainText('each row counted on its calendar day; 6 days from 2026-03-02 to 2026-03-07, in order of date.');
	// The columns: filled cells and distinct values, each under its own name.
	const columns = page.getByTestId('import-columns');
	await expect(columns.locator('thead')).toContainText('Filled cells');
	await expect(columns.locator('thead')).toContainText('Distinct values');
	const arm = columns.locator('tbody tr', { has: page.locator('th', { hasText: /^arm$/ }) });
	const rows = Number((await summary.innerText()).match(/Read ([\d,]+) rows/)![1].replace(/,/g, ''));
	await expect(arm.locator('td')).toHaveText(['categorical', rows.toLocaleString('en-US'), '0', '2']);
	await expect(
		columns
			.locator('tbody tr', { has: page.locator('th', { hasText: /^timestamp$/ }) })
			.locator('td')
			.first()
	).toHaveText('date');
	await expect(page.getByTestId('own-exp-status')).toContainText('Day 6 of 6');
	const status = await text(page, 'own-exp-status');
	expect(status).toMatch(BEAT);
	expect(status).not.toMatch(RUN_TOGETHER);
	expect(status).not.toContain('Unknown to the analyst');
	// The same probability, with the same digits, in the chart's summary and the report.
	const beat = status.match(BEAT)![1];
	await expect(page.getByTestId('own-chart-beat-summary')).toContainText(`P(variant beats control) ${beat};`);
	await expect(page.getByTestId('own-exp-report')).toContainText(`P(variant beats control) ${beat} (Beta(1, 1) priors)`);
	const plan = await text(page, 'own-plan-verdict');
	expect(plan).toMatch(
		/^Fixed horizon: planned sample (reached on day \d+; its test looks then|not reached within the 6 days, so its test on the last day \(day 6\) is underpowered)\.$/
	);
	expect(await text(page, 'import-summary')).not.toMatch(RUN_TOGETHER);
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('own data: a semicolon file with decimal commas and day.month.year dates reads its revenues as numbers', async ({ page }) => {
	await page.goto('/abtest?days=7&sims=1000');
	await expect(page.getByTestId('exp-status')).toBeVisible({ timeout: 30_000 });
	await upload(page, 'abtest-revenue-decimal-comma.csv');
	const summary = page.getByTestId('import-summary');
	await expect(summary).toContainText(
		'(semicolon-separated, numbers written with decimal commas: “17,99” read as 17.99) as one row per user (revenue), 6 days.'
	);
	await expect(summary).toContainText('Days from “date”: dates (day/month/year); 6 days from 2026-02-26 to 2026-03-03, in order of date.');
	await expect(page.getByTestId('import-error')).toHaveCount(0);
	await expect(page.getByTestId('own-exp-status')).toContainText('Day 6 of 6');
	expect(await text(page, 'own-exp-status')).toMatch(BEAT);
	await expect(page.getByTestId('own-exp-report')).toContainText("Welch's t-test on revenue per visitor");
	await expect(page.getByTestId('own-plan-verdict')).toHaveText('Fixed horizon: no planned sample, so its test looks once, on the last day (day 6).');
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('own data: per-day counts with US dates, rows shuffled, come in order of date; a non-date is named with its row', async ({ page }) => {
	await page.goto('/abtest?days=7&sims=1000');
	await expect(page.getByTestId('exp-status')).toBeVisible({ timeout: 30_000 });
	await upload(page, 'abtest-days-us-dates.csv');
	const summary = page.getByTestId('import-summary');
	await expect(summary).toContainText('Read 14 rows (comma-separated) as per-day counts: 14 days.');
	await expect(summary).toContainText('dates (month/day/year); 14 days from 2025-12-25 to 2026-01-07, in order of date.');
	await expect(page.getByTestId('own-exp-status')).toContainText('Day 14 of 14');

	await page.getByTestId('import-input').setInputFiles({
		name: 'later.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from('date,arm,converted\n2026-01-01,A,1\n2026-01-02,B,0\nsoon,A,1\n')
	});
	const error = page.getByTestId('import-error');
	await expect(error).toContainText('Row 4, column “date”: “soon” is not a date');
	await expect(error).toContainText('such as 1, 2, 3. The data read before is still shown.');
	expect(await text(page, 'import-error')).not.toMatch(RUN_TOGETHER);
	await expect(summary).toContainText('per-day counts: 14 days');
});

test('the simulated experiment: one probability format, a space before "Unknown to the analyst", a plan that is reached or not', async ({ page }) => {
	await page.goto('/abtest?lift=0.3&traffic=4000&days=14&seed=1&sims=1000');
	await expect(page.getByTestId('exp-status')).toContainText('Day 14 of 14', { timeout: 30_000 });
	const status = await text(page, 'exp-status');
	expect(status).toContain('P(variant better) > 99.9%. Unknown to the analyst, the true difference is');
	expect(status).not.toMatch(RUN_TOGETHER);
	await expect(page.getByTestId('chart-beat-summary')).toContainText('P(variant beats control) > 99.9%;');
	await expect(page.getByTestId('exp-report')).toContainText('P(variant beats control) > 99.9% (Beta(1, 1) priors)');
	await expect(page.getByTestId('plan-verdict')).toHaveText(/^Fixed horizon: planned sample reached on day \d+; its test looks then\.$/);

	await page.goto('/abtest?days=5&sims=1000');
	await expect(page.getByTestId('exp-status')).toContainText('Day 5 of 5', { timeout: 30_000 });
	await expect(page.getByTestId('plan-verdict')).toHaveText(
		'Fixed horizon: planned sample not reached within the 5 days, so its test on the last day (day 5) is underpowered.'
	);
	expect(await text(page, 'exp-status')).toMatch(BEAT);
});
