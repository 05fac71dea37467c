import { test, expect } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';

/** The z-test p-value and P(beat) in a status line. */
function numbers(status: string) {
	return { p: status.match(/; p = ([^,]+),/)?.[1], beat: status.match(/P\(variant better\) ([=<>] [\d.]+%)/)?.[1] };
}

async function upload(page: Page, name: string, buffer: Buffer) {
	await page.getByTestId('import-input').setInputFiles({ name, mimeType: 'text/csv', buffer });
}

test('own data: the lab’s exported experiment, imported (plain and gzip), gives the same results; nothing leaves the page', async ({ page }) => {
	await page.goto('/abtest?days=10&sims=1000');
	await expect(page.getByTestId('exp-status')).toContainText('Day 10 of 10', { timeout: 30_000 });
	const simulated = numbers((await page.getByTestId('exp-status').textContent())!);
	expect(simulated.p).toBeTruthy();
	expect(simulated.beat).toBeTruthy();
	const [download] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('download-experiment').click()])) as [Download, void];
	const csv = await readFile((await download.path())!);
	expect(csv.toString().split('\n')[0]).toBe('day,visitors_a,conversions_a,visitors_b,conversions_b');

	// From here on, no request may leave the page: not the file, not anything.
	const requests: string[] = [];
	page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
	for (const [name, buffer] of [
		['experiment.csv', csv],
		['experiment.csv.gz', gzipSync(csv)]
	] as const) {
		await upload(page, name, buffer);
		await expect(page.getByTestId('import-summary')).toContainText('Read 10 rows (comma-separated) as per-day counts: 10 days');
		await expect(page.getByTestId('own-exp-status')).toContainText('Day 10 of 10');
		const own = numbers((await page.getByTestId('own-exp-status').textContent())!);
		expect(own).toEqual(simulated);
		await expect(page.getByTestId('own-exp-status')).not.toContainText('Unknown to the analyst');
	}
	await expect(page.getByTestId('import-columns')).toContainText('visitors_a');
	await expect(page.getByTestId('privacy')).toContainText('nothing is uploaded');
	await page.waitForTimeout(500);
	expect(requests).toEqual([]);
});

test('own data: a revenue experiment exported as one row per visitor imports to the same Welch p-values', async ({ page }) => {
	await page.goto('/abtest?mode=revenue&days=5&traffic=500&sims=1000');
	await expect(page.getByTestId('exp-status')).toContainText('Day 5 of 5', { timeout: 30_000 });
	const simulated = numbers((await page.getByTestId('exp-status').textContent())!);
	const [download] = (await Promise.all([page.waitForEvent('download'), page.getByTestId('download-experiment').click()])) as [Download, void];
	const csv = await readFile((await download.path())!);
	expect(csv.toString().split('\n')[0]).toBe('day,arm,revenue');
	await upload(page, 'visitors.csv', csv);
	await expect(page.getByTestId('import-summary')).toContainText('one row per user (revenue), 5 days');
	await expect(page.getByTestId('own-exp-status')).toContainText('Day 5 of 5');
	expect(numbers((await page.getByTestId('own-exp-status').textContent())!)).toEqual(simulated);
});

test('own data: malformed files get a message naming the row and column; what was loaded stays; forget clears it', async ({ page }) => {
	await page.goto('/abtest?days=7&sims=1000');
	await expect(page.getByTestId('exp-status')).toBeVisible({ timeout: 30_000 });
	const good = 'date,arm,converted\n2026-01-01,control,1\n2026-01-01,variant,0\n2026-01-02,control,0\n2026-01-02,variant,1\n';
	await upload(page, 'users.csv', Buffer.from(good));
	await expect(page.getByTestId('import-summary')).toContainText('one row per user (converted or not), 2 days');
	await expect(page.getByTestId('import-summary')).toContainText('control = “control”, variant = “variant”');
	const cases: Array<[string, Buffer, RegExp]> = [
		['ragged.csv', Buffer.from('day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,5,100,4\n2,100,5\n'), /Row 3 has 3 fields; the header has 5/],
		[
			'too-many.csv',
			Buffer.from('day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,150,100,4\n'),
			/Row 2, column “conversions_a”: 150 conversions is more than the 100 visitors/
		],
		['empty.csv', Buffer.alloc(0), /The file is empty/],
		['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file/],
		['no-header.csv', Buffer.from('1,100,5,100,4\n2,100,5,100,4\n'), /first row has no column names/]
	];
	for (const [name, buffer, message] of cases) {
		await upload(page, name, buffer);
		await expect(page.getByTestId('import-error')).toContainText(message);
		await expect(page.getByTestId('import-error')).toContainText('The data read before is still shown');
		await expect(page.getByTestId('import-summary')).toContainText('2 days');
		await expect(page.getByTestId('own-exp-status')).toBeVisible();
	}
	await page.getByTestId('import-forget').click();
	await expect(page.getByTestId('import-summary')).toHaveCount(0);
	await expect(page.getByTestId('own-exp-status')).toHaveCount(0);
	// The page still works.
	await expect(page.getByTestId('exp-status')).toBeVisible();
});
