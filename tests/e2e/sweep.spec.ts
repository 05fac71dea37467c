import { test, expect } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Wait for the lab's own run to finish (the sweep trains in its own workers, but a quiet page is easier to read). */
async function labDone(page: Page) {
	await page.waitForFunction(() => /epoch (\d+) \/ \1/.test(document.querySelector('[data-testid=progress-text]')?.textContent ?? ''), null, {
		timeout: 60_000
	});
}

async function runSweep(page: Page) {
	await page.getByTestId('sweep-run').click();
	await expect(page.getByTestId('sweep-table')).toContainText(/(\d+) of \1 runs/, { timeout: 120_000 });
	await expect(page.getByTestId('sweep-status')).toHaveCount(0);
}

test('imbalance sweep: seeds × values train in workers, chart, verdict, CSV, and a link replays the same numbers', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=5&ratio=20&loss=focal&compare=bce&sweep=gamma:0,2/3');
	await labDone(page);
	await expect(page.getByTestId('sweep-size')).toContainText('2 values × 3 seeds = 6 runs');
	await runSweep(page);
	const table = await page.getByTestId('sweep-table').textContent();
	console.log(`[sweep] ${table}`);
	expect(table).toContain('6 of 6 runs');
	expect(table).not.toMatch(/NaN|undefined|Infinity/);
	for (const m of ['ap', 'recall']) {
		await expect(page.getByTestId(`sweep-chart-${m}`).locator('svg path').first()).toBeAttached();
		await expect(page.getByTestId(`sweep-verdict-${m}`)).toContainText(/paired over 3 seeds/);
		await expect(page.getByTestId(`sweep-verdict-${m}`)).not.toContainText(/NaN|undefined/);
	}
	// The CSV has every run of both models, with finite metrics (an undefined precision is left empty).
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId('sweep-chart-ap')
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	const rows = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
	expect(rows[0]).toBe('setting,value,replicate,seed,arm,ap,recall,precision,f1,rocAuc,accuracy');
	expect(rows).toHaveLength(1 + 6 * 2);
	for (const row of rows.slice(1)) {
		const cells = row.split(',');
		expect(cells[0]).toBe('gamma');
		for (const c of [cells[5], cells[6], cells[8], cells[9], cells[10]]) expect(Number.isFinite(Number(c)) && c !== '').toBe(true);
	}
	// The sweep is in the URL: reloading and running it again gives the same numbers.
	expect(page.url()).toContain('sweep=gamma%3A0%2C2%2F3');
	await page.reload();
	await labDone(page);
	await runSweep(page);
	expect(await page.getByTestId('sweep-table').textContent()).toBe(table);
});

test('imbalance sweep: cancel midway, a stale result after a setting changes, and bad definitions in words', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=5&loss=focal&sweep=gamma:0,2/2');
	await labDone(page);
	await runSweep(page);
	await page.getByRole('button', { name: 'Next seed' }).click();
	await expect(page.getByTestId('sweep-stale')).toBeVisible();
	await expect(page.getByTestId('sweep-table')).toBeVisible();

	// A long sweep (100 runs on 20,000 rows): cancel while it runs.
	await page.goto('/imbalance?n=20000&epochs=5&loss=focal&sweep=gamma:0,0.5,1,2,5/20');
	await labDone(page);
	await page.getByTestId('sweep-run').click();
	const confirm = page.getByTestId('sweep-confirm');
	if (await confirm.isVisible()) await page.getByTestId('sweep-run').click();
	await expect(page.getByTestId('sweep-status')).toBeVisible();
	await page
		.getByTestId('sweep-status')
		.getByRole('button', { name: /cancel/i })
		.click();
	await expect(page.getByTestId('sweep-status')).toHaveCount(0);
	await expect(page.getByTestId('sweep-error')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Run sweep' })).toBeEnabled();

	// Bad input: a message, no run.
	await page.getByTestId('sweep-values').fill('0, x');
	await expect(page.getByTestId('sweep-problem')).toContainText('not a number');
	await expect(page.getByTestId('sweep-run')).toBeDisabled();
	await page.getByTestId('sweep-values').fill('0, 9');
	await expect(page.getByTestId('sweep-problem')).toContainText('between 0 and 5');
	await page.getByTestId('sweep-seeds').fill('80');
	await expect(page.getByTestId('sweep-problem')).toContainText('1 to 50');
});

test('a malformed sweep in a link is explained and ignored', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=3&sweep=gamma:0,banana/3');
	await expect(page.getByText(/sweep=gamma:0,banana\/3: the gamma value “banana” is not a number; ignored/)).toBeVisible();
	await labDone(page);
	await expect(page.getByTestId('sweep-run')).toBeVisible();
});

test('a preset or an edited definition is in the link before it runs; a bad one is not written', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=3');
	await labDone(page);
	expect(page.url()).not.toContain('sweep=');
	await page.getByTestId('sweep-preset').selectOption('ratio');
	await expect(page).toHaveURL(/sweep=ratio%3A1\.\.1000%3A7%3Alog%2F5/);
	await expect(page).toHaveURL(/metrics=recall%2Cap/);
	await page.getByTestId('sweep-count').fill('4');
	await expect(page).toHaveURL(/sweep=ratio%3A1\.\.1000%3A4%3Alog%2F5/);
	await page.getByTestId('sweep-to').fill('banana');
	await expect(page.getByTestId('sweep-problem')).toBeVisible();
	await expect(page).toHaveURL(/sweep=ratio%3A1\.\.1000%3A4%3Alog%2F5/);
});

test('two settings: heat maps per arm and of A − B, the sentence, a CSV with both settings, and the link replays it', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=3&loss=focal&compare=bce&sweep=gamma:0,2*ratio:10,100/2');
	await labDone(page);
	await expect(page.getByTestId('sweep-size')).toContainText('2 values × 2 × 2 seeds = 8 runs');
	await runSweep(page);
	for (const i of [0, 1, 2]) await expect(page.getByTestId(`sweep-heat-ap-${i}`).locator('svg rect')).toHaveCount(4);
	await expect(page.getByTestId('sweep-verdict-ap')).toContainText(/best at Focal γ = \d, Imbalance ratio = \d+/);
	await expect(page.getByTestId('sweep-verdict-ap')).toContainText(
		/Paired A − B, simultaneous 95% intervals over the 4 combinations \(Bonferroni: each at 98\.75%\): the interval excludes 0 in \d of 4 combinations/
	);
	const table = await page.getByTestId('sweep-table').textContent();
	expect(table).not.toMatch(/NaN|undefined/);
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId('sweep-heat-ap-0')
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	const rows = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
	expect(rows[0]).toBe('setting,value,setting2,value2,replicate,seed,arm,ap,recall,precision,f1,rocAuc,accuracy');
	expect(rows).toHaveLength(1 + 8 * 2);
	expect(new Set(rows.slice(1).map((r) => r.split(',').slice(0, 4).join(',')))).toEqual(
		new Set(['gamma,0,ratio,10', 'gamma,0,ratio,100', 'gamma,2,ratio,10', 'gamma,2,ratio,100'])
	);
	await page.reload();
	await labDone(page);
	await expect(page.getByTestId('sweep-key2')).toHaveValue('ratio');
	await runSweep(page);
	expect(await page.getByTestId('sweep-table').textContent()).toBe(table);
	// Back to one setting from the form: the link follows.
	await page.getByTestId('sweep-key2').selectOption('');
	await expect(page).toHaveURL(/sweep=gamma%3A0%2C2%2F2/);
	// Choosing a second setting starts its list with the lab's value, so the definition is runnable at once.
	await page.getByTestId('sweep-key2').selectOption('ratio');
	await expect(page.getByTestId('sweep-values2')).toHaveValue('50');
	await expect(page.getByTestId('sweep-problem')).toHaveCount(0);
	await expect(page).toHaveURL(/sweep=gamma%3A0%2C2\*ratio%3A50%2F2/);
});
