import { test, expect } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const STRATEGIES = ['bigbang', 'shadow', 'canary', 'abtest', 'thompson', 'egreedy'];

async function manyDone(page: Page) {
	await expect(page.getByTestId('many-table')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('many-status')).toHaveCount(0, { timeout: 60_000 });
}

test('one run: six strategies decide on the same traffic, with their reasons, charts and guardrails', async ({ page }) => {
	await page.goto('/rollout?runs=200');
	await expect(page.getByTestId('truth')).toContainText('The candidate is better');
	for (const id of STRATEGIES) {
		await expect(page.getByTestId(`decision-${id}`)).toContainText(/Shipped|Kept the current model|Not deployed|Undecided/);
		await expect(page.getByTestId(`share-${id}`).locator('svg path').first()).toBeAttached();
	}
	await expect(page.getByTestId('decision-shadow')).toContainText('could not be measured');
	await expect(page.getByTestId('agreement')).toContainText(/answers \d+\.\d% of requests like the current model/);
	await expect(page.getByTestId('chart-regret').locator('svg')).toBeVisible();
	await expect(page.getByTestId('chart-canary-guardrails').locator('svg')).toBeVisible();
	await manyDone(page);
	const sentence = await page.getByTestId('tradeoff').textContent();
	console.log(`[rollout] ${sentence}`);
	expect(sentence).toMatch(/^Over 200 runs with a better candidate:/);
	expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|Infinity/);
	for (const id of STRATEGIES) await expect(page.getByTestId(`many-${id}`)).toBeVisible();
	// The many-runs chart's CSV has one row per strategy with finite shares.
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId('chart-many')
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	const rows = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
	expect(rows[0].split(',').slice(0, 3)).toEqual(['strategy', 'runs', 'ships']);
	expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(STRATEGIES);
	for (const r of rows.slice(1)) expect(Number.isFinite(Number(r.split(',')[2]))).toBe(true);
});

test('the crash scenario: shadow rejects it before any user sees it; the link replays the same run', async ({ page }) => {
	await page.goto('/rollout?runs=200');
	await manyDone(page);
	await page.getByTestId('preset').selectOption('crash');
	await expect(page).toHaveURL(/crash=0\.2/);
	await expect(page.getByTestId('truth')).toContainText('worse: fewer conversions, more failed requests');
	await expect(page.getByTestId('decision-shadow')).toContainText('Rejected before any user saw it');
	await expect(page.getByTestId('decision-canary')).toContainText('Rolled back at the 1% stage');
	await expect(page.getByTestId('decision-bigbang')).toContainText('Shipped');
	await manyDone(page);
	await expect(page.getByTestId('tradeoff')).toContainText(/Shadow, then switch .*let no user hit its extra failures; Big-bang switch the most/);
	await expect(page.getByTestId('many-shadow')).toContainText('0.0%');
	const decisions = await page.getByTestId('decisions').textContent();
	await page.reload();
	await expect(page.getByTestId('decision-canary')).toContainText('Rolled back');
	expect(await page.getByTestId('decisions').textContent()).toBe(decisions);
});

test('a long batch of runs shows progress with time left and can be cancelled; the last result stays', async ({ page }) => {
	await page.goto('/rollout?runs=200&hours=720');
	await manyDone(page);
	await expect(page.getByTestId('many-table')).toContainText('200 seeded runs');
	// The slider's end: 20,000 runs of 30 days.
	await page.getByTestId('runs').focus();
	await page.keyboard.press('End');
	await expect(page).toHaveURL(/runs=20000/);
	await expect(page.getByTestId('many-status')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('many-status-eta')).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('many-status-cancel').click();
	await expect(page.getByTestId('many-status')).toHaveCount(0);
	await expect(page.getByTestId('many-status-cancelled')).toBeVisible();
	await expect(page.getByTestId('many-table')).toContainText('200 seeded runs');
});

test('the run replays hour by hour: decisions appear when they are made (keyboard: R, →, Space)', async ({ page }) => {
	await page.goto('/rollout?runs=200&hours=48');
	await expect(page.getByTestId('decision-canary')).toContainText('Shipped');
	await page.locator('body').press('r');
	await expect(page.getByTestId('decision-bigbang')).toContainText('Shipped');
	await expect(page.getByTestId('decision-canary')).toContainText('Not yet');
	await expect(page.getByTestId('decision-canary')).toContainText('Still deciding at hour 1 of 48');
	await page.locator('body').press('ArrowRight');
	await expect(page.getByTestId('decision-canary')).toContainText('Still deciding at hour 2 of 48');
	await page.locator('body').press(' ');
	await expect(page.getByTestId('decision-canary')).toContainText('Shipped', { timeout: 15_000 });
	await expect(page.getByTestId('decision-abtest')).not.toContainText('Not yet', { timeout: 15_000 });
});

test('bad links get a message and a working page', async ({ page }) => {
	await page.goto('/rollout?traffic=lots&lift=9&runs=200');
	await expect(page.getByText(/traffic/).first()).toBeVisible();
	await expect(page.getByTestId('truth')).toBeVisible();
	await manyDone(page);
	expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined/);
});
