import { test, expect, backendOf, expectParam } from './fixtures';

const FAST = 'sessions=3000&perday=800&days=6';

test('trains candidates on logs, tests them online and says when offline and online disagree', async ({ page }) => {
	await page.goto(`/offline-online?${FAST}`);
	await backendOf(page, 'offline-online');
	const headline = page.getByTestId('oo-headline');
	await expect(headline).toBeVisible({ timeout: 120_000 });
	await expect(headline).toContainText('Offline,');
	await expect(page.getByTestId('scoreboard').locator('tbody tr')).toHaveCount(5);
	await expect(page.getByTestId('model-current')).toContainText('control arm');
	for (const id of ['chart-offline', 'chart-online', 'chart-daily', 'chart-calibration', 'chart-slots'])
		await expect(page.getByTestId(id).locator('svg')).toBeVisible();
	await expect(page.locator('main')).not.toContainText('NaN');
	// The two revenue models share the purchase AUC (the third offline column); their click AUCs differ.
	const ownAuc = async (id: string) => (await page.getByTestId(`model-${id}`).locator('td').nth(2).innerText()).trim();
	expect(await ownAuc('revenue')).toBe(await ownAuc('revenue-miscal'));
	await expect(page.getByTestId('steady-lift')).toContainText('All 6 days');
	await expect(page.getByTestId('pop-bias')).toContainText('inverse-propensity weighted');
	// Both purchase models are drawn in the reliability diagram (equal-count bins, zoomed to the data).
	await expect(page.getByTestId('chart-calibration').locator('circle')).toHaveCount(20);
});

test('a preset changes the population; the URL keeps it; a reload gives the same scoreboard', async ({ page }) => {
	await page.goto(`/offline-online?${FAST}`);
	await expect(page.getByTestId('oo-headline')).toBeVisible({ timeout: 120_000 });
	await page.getByTestId('preset').selectOption('position');
	await expectParam(page, 'bias', '2');
	await expectParam(page, 'show', 'click-naive');
	await expect(page.getByTestId('chart-daily')).toContainText('Click model', { timeout: 60_000 });
	await expect(page.getByTestId('oo-progress')).toBeHidden({ timeout: 120_000 });
	const board = await page.getByTestId('scoreboard').innerText();
	await page.reload();
	await expect(page.getByTestId('oo-headline')).toBeVisible({ timeout: 120_000 });
	await expect.poll(() => page.getByTestId('scoreboard').innerText(), { timeout: 60_000 }).toBe(board);
});

test('impossible settings are explained', async ({ page }) => {
	await page.goto(`/offline-online?${FAST}&slots=9&pool=5&items=abc`);
	await expect(page.getByTestId('url-issues')).toContainText('items=abc is not a number');
	// pool below the slots is raised to the slot count rather than failing
	await expect(page.getByTestId('oo-headline')).toBeVisible({ timeout: 120_000 });
});

test('novelty that outlasts the test is said so, not called faded', async ({ page }) => {
	await page.goto('/offline-online?sessions=3000&perday=800&days=6&novelty=3');
	const steady = page.getByTestId('steady-lift');
	await expect(steady).toBeVisible({ timeout: 120_000 });
	await expect(steady).toContainText('still');
	await expect(steady).toContainText('run the test longer');
	await expect(steady).not.toContainText('once the novelty boost is below 5%');
});
