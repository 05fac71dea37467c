import { test, expect, backendOf, expectParam } from './fixtures';

const trained = (page: import('@playwright/test').Page, steps: number) =>
	expect(page.getByTestId('progress-text')).toContainText(`step ${steps} / ${steps}`, { timeout: 90_000 });

test('the same learning rate diverges on raw features and converges on scaled ones', async ({ page }) => {
	await page.goto('/scaling?steps=120&lr=0.3&optimizer=sgd&seed=5');
	await backendOf(page, 'scaling');
	await trained(page, 120);
	await expect(page.getByTestId('row-none')).toContainText('diverged at step');
	await expect(page.getByTestId('row-standard')).not.toContainText('diverged');
	const std = await page.getByTestId('row-standard').locator('td').nth(2).innerText();
	expect(Number(std)).toBeGreaterThan(0); // steps to target
	await expect(page.getByTestId('chart-loss').locator('svg path[fill="none"]')).toHaveCount(5);
	// loss surfaces: raw is ill-conditioned, scaled is nearly round
	const cond = async (id: string) => Number(/κ = ([\d,.]+(?:e\d+)?)/.exec(await page.getByTestId(id).innerText())![1].replace(/,/g, ''));
	await expect(page.getByTestId('condition-raw')).toBeVisible();
	expect(await cond('condition-raw')).toBeGreaterThan(100 * (await cond('condition-scaled')));
	for (const k of ['none', 'minmax', 'standard', 'robust', 'log']) await expect(page.getByTestId(`chart-hist-${k}`).locator('svg')).toBeVisible();
});

test('a tiny learning rate stops the divergence; the URL and a reload keep the run', async ({ page }) => {
	await page.goto('/scaling?steps=60&seed=3');
	await trained(page, 60);
	await page.getByTestId('preset').selectOption('tiny-lr');
	await expectParam(page, 'lr', '1e-9');
	await trained(page, 600);
	await expect(page.getByTestId('row-none')).not.toContainText('diverged');
	await expect(page.getByTestId('row-none')).toContainText('not reached');
	const table = await page.getByTestId('results-table').innerText();
	await page.reload();
	await trained(page, 600);
	await expect.poll(() => page.getByTestId('results-table').innerText()).toBe(table);
});

test('leakage: a scaler fitted on all rows is compared with the right one', async ({ page }) => {
	await page.goto('/scaling?steps=40&leak=1&outliers=0.05');
	await trained(page, 40);
	await expect(page.getByTestId('leak-table')).toBeVisible();
	await expect(page.getByTestId('leak-verdict')).toContainText('Test accuracy');
	await expect(page.getByTestId('row-standard-leaky')).toBeVisible();
});

test('bad settings are explained', async ({ page }) => {
	await page.goto('/scaling?steps=20&fa=1&fb=1&lr=-3&skew=9');
	await expect(page.getByTestId('url-issues')).toContainText('lr=-3 is below the minimum');
	await expect(page.getByTestId('url-issues')).toContainText('skew=9 is above the maximum 2');
	await expect(page.getByTestId('surface-error')).toContainText('two different features');
	await trained(page, 20);
	await expect(page.locator('main')).not.toContainText('NaN');
});
