import { test, expect } from './fixtures';
import type { Download, Locator, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { seeded } from './seeded';

/**
 * The drift report on dated files (made by the seeded generator in tests/unit/drift-fixtures.ts): daily rows out of
 * order over 14 months split by month, flight-like timestamps split by day, a `;` export with decimal commas and
 * day.month.year dates, and US dates whose day/month order the file does not show (switched on the page).
 */
const DIR = new URL('../fixtures/own-data/', import.meta.url).pathname;

async function upload(page: Page, name: string, buffer?: Buffer) {
	await page.getByTestId('drift-import-reference-input').setInputFiles({ name, mimeType: 'text/csv', buffer: buffer ?? (await readFile(join(DIR, name))) });
}
async function timelineCsv(page: Page): Promise<Array<Record<string, string>>> {
	const chart = page.getByTestId('own-timeline');
	const [download] = (await Promise.all([page.waitForEvent('download'), chart.getByRole('button', { name: /as CSV$/ }).click()])) as [Download, void];
	const [head, ...rows] = (await readFile((await download.path())!)).toString('utf8').trim().split('\n');
	const cols = head.split(',');
	return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v.replace(/^"|"$/g, '')])));
}
const row = (page: Page, name: string): Locator =>
	page
		.getByTestId('own-report')
		.locator('tbody tr')
		.filter({ has: page.locator('th', { hasText: new RegExp(`^\\s*${name}\\b`) }) });

test.beforeEach(async ({ page }) => {
	await page.goto('/drift?batches=20&size=100&ref=4');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
});

test('drift, dated file: daily rows out of order, split by month — the shifted months flagged, missing dates said, a mostly missing column left out', async ({
	page
}) => {
	await upload(page, 'drift-daily.csv');
	await expect(page.getByTestId('own-file-reference')).toContainText('drift-daily.csv: 1,706 rows, 5 columns');
	await expect(page.getByTestId('own-file-format')).toContainText('“date”: dates (year-month-day), 2023-01-01 to 2024-02-29.');
	await expect(page.getByTestId('own-batch')).toHaveValue('date');
	await expect(page.getByTestId('own-period')).toHaveValue('month');
	await expect(page.getByTestId('own-period').locator('option[value="month"]')).toHaveText('month: 14 periods, 112–124 rows each');
	await page.getByTestId('own-period').selectOption('month');
	await expect(page.getByTestId('own-ref-batches')).toHaveValue('3');
	// Over half missing: unticked, with the reason beside it.
	const sparse = page.getByTestId('own-features').getByRole('checkbox', { name: /sparse/ });
	await expect(sparse).not.toBeChecked();
	await expect(page.getByTestId('own-features')).toContainText('sparse — 60% missing');
	await expect(page.getByTestId('own-headline')).toContainText('1 feature of 3 drifted: x', { timeout: 30_000 });
	await expect(row(page, 'sparse')).toHaveAttribute('data-verdict', 'skipped');
	await expect(row(page, 'sparse')).toContainText('of its values are missing');
	await expect(page.getByTestId('own-note').first()).toContainText('Rows split by month of “date” (dates read as year-month-day), in time order');
	await expect(page.getByTestId('own-note').filter({ hasText: '6 rows without a date in “date” left out.' })).toHaveCount(1);
	await expect(page.locator('p.muted', { hasText: 'The first 3 months, 2023-01 to 2023-03 (360 rows) against the 11 later months (1,340 rows).' })).toHaveCount(
		1
	);
	// By month, in time order; x is beyond noise in the three shifted months and nowhere else.
	const months = ['2023-04', '2023-05', '2023-06', '2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02'];
	const timeline = await timelineCsv(page);
	expect(timeline.map((r) => r.batch)).toEqual(months);
	expect(timeline.map((r) => r.x_beyond_noise)).toEqual(months.map((m) => (m >= '2023-12' ? '1' : '0')));
	expect(timeline.map((r) => r.z_beyond_noise)).toEqual(months.map(() => '0'));
	// One month as the target, named as itself.
	await page.getByTestId('own-target').selectOption({ label: '2024-01' });
	await expect(page.getByTestId('own-hist')).toContainText('reference vs 2024-01');
	// Ticked, the mostly missing column is compared.
	await sparse.check();
	await expect(row(page, 'sparse')).not.toHaveAttribute('data-verdict', 'skipped');
});

test('drift, timestamps (as flights): split by day by default, later delays flagged; too coarse a grouping is said, a finer one works', async ({ page }) => {
	await upload(page, 'drift-timestamps.csv');
	await expect(page.getByTestId('own-file-format')).toContainText(
		'“date”: timestamps (year-month-day), read as written (no time zone applied), 2001-01-01 00:02 to 2001-01-21 23:45.'
	);
	await expect(page.getByTestId('own-batch')).toHaveValue('date');
	await expect(page.getByTestId('own-period')).toHaveValue('day');
	await expect(page.getByTestId('own-period').locator('option[value="day"]')).toHaveText('day: 21 periods, 60 rows each');
	await expect(page.getByTestId('own-ref-batches')).toHaveValue('4');
	await expect(page.getByTestId('own-headline')).toBeVisible({ timeout: 30_000 });
	const days = Array.from({ length: 17 }, (_, i) => `2001-01-${String(i + 5).padStart(2, '0')}`);
	const timeline = await timelineCsv(page);
	expect(timeline.map((r) => r.batch)).toEqual(days);
	expect(timeline.map((r) => r.delay_beyond_noise)).toEqual(days.map((d) => (d >= '2001-01-17' ? '1' : '0')));
	// Three weeks are one month: nothing left to compare, said in words.
	await page.getByTestId('own-period').selectOption('month');
	await expect(page.getByTestId('own-report-error')).toContainText(
		'Column “date” by month has 1 month with rows; with 1 reference batch there is nothing left to compare. Choose fewer reference batches, a finer grouping or another column.'
	);
	await page.getByTestId('own-period').selectOption('week');
	await expect(page.getByTestId('own-ref-batches')).toHaveValue('1');
	await expect(page.getByTestId('own-target').locator('option')).toHaveText(['all current rows', 'week of 2001-01-08', 'week of 2001-01-15']);
	await expect(page.getByTestId('own-headline')).toBeVisible();
});

test('drift, a `;` file with decimal commas: numbers read and compared, the dates read day first, both said on the file card', async ({ page }) => {
	await upload(page, 'drift-decimal-comma.csv');
	await expect(page.getByTestId('own-file-reference')).toContainText('1,120 rows, 4 columns (semicolon-separated');
	await expect(page.getByTestId('own-file-format').first()).toHaveText('Numbers written with decimal commas: “18,83” read as 18.83.');
	await expect(page.getByTestId('own-file-format').nth(1)).toHaveText('“datum”: dates (day/month/year), 2024-01-01 to 2024-04-21.');
	await expect(page.getByTestId('own-batch')).toHaveValue('datum');
	await expect(page.getByTestId('own-period')).toHaveValue('week');
	await expect(page.getByTestId('own-headline')).toContainText('drifted: preis', { timeout: 30_000 });
	await expect(row(page, 'preis')).toHaveAttribute('data-verdict', 'drift');
	await expect(row(page, 'preis')).toContainText('numeric');
	await expect(row(page, 'preis')).toContainText('KS');
});

/** US dates all on the 5th of a month (`03/05/2012`): no part over 12, so month/day is assumed. */
function usDates(): Buffer {
	const u = seeded(31);
	const lines = ['date,x'];
	for (let d = 0; d < 360; d++) {
		const month = new Date(Date.UTC(2012, 0, 5) + d * 86_400_000).getUTCMonth() + 1;
		lines.push(`${String(month).padStart(2, '0')}/05/2012,${(2 * u() - 1).toFixed(4)}`);
	}
	return Buffer.from(lines.join('\n') + '\n');
}

test('drift, dates whose day/month order the file does not show: the order assumed is said and can be switched', async ({ page }) => {
	await upload(page, 'us-dates.csv', usDates());
	await expect(page.getByTestId('own-batch')).toHaveValue('date');
	const order = page.getByTestId('own-date-order');
	await expect(order).toContainText('Read as month/day/year — no part is over 12, so the file does not show which is the month.');
	await expect(page.getByTestId('own-headline')).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('own-date-swap').click();
	// Day first: the 1st to the 12th of May, one day each — split by day, the first fifth the reference.
	await expect(order).toContainText('Read as day/month/year (switched)');
	await expect(page.getByTestId('own-date-swap')).toHaveText('Read as month/day/year instead');
	await expect(page.getByTestId('own-period')).toHaveValue('day');
	await expect(page.getByTestId('own-ref-batches')).toHaveValue('2');
	await expect(page.getByTestId('own-target').locator('option')).toHaveText([
		'all current rows',
		...Array.from({ length: 10 }, (_, i) => `2012-05-${String(i + 3).padStart(2, '0')}`)
	]);
	await expect(page.getByTestId('own-note').first()).toContainText('dates read as day/month/year, switched from the order assumed');
});
