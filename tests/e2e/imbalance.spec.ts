import { test, expect, backendOf, expectParam, params } from './fixtures';
import type { Page } from '@playwright/test';

const progress = (page: Page) => page.getByTestId('progress-text');
const rocPath = (page: Page) => page.locator('[data-testid="chart-roc"] svg path[fill="none"]').first();

async function trained(page: Page, epochs: number) {
	await expect(progress(page)).toContainText(`epoch ${epochs} / ${epochs}`, { timeout: 80_000 });
	await expect(page.getByTestId('play')).toBeVisible();
}

test('trains live: charts update with each step and the run completes', async ({ page }) => {
	await page.goto('/imbalance?n=2000&epochs=10&seed=5');
	await backendOf(page, 'imbalance');
	await trained(page, 10);
	// Reset to the untrained models, then step and play: each move must change what is drawn.
	await page.getByTestId('reset').click();
	await expect(progress(page)).toContainText('epoch 0 / 10');
	const d0 = await rocPath(page).getAttribute('d');
	const surface0 = await page.locator('[data-testid="chart-surface-0"] svg path').count();
	await page.getByTestId('step').click();
	await expect(progress(page)).toContainText('epoch 1 / 10');
	await expect.poll(() => rocPath(page).getAttribute('d')).not.toBe(d0);
	const d1 = await rocPath(page).getAttribute('d');
	await page.getByTestId('play').click();
	await trained(page, 10);
	expect(await rocPath(page).getAttribute('d')).not.toBe(d1);
	expect(surface0).toBeGreaterThan(0);
	expect(await page.locator('[data-testid="chart-surface-0"] svg path').count()).toBeGreaterThan(3);
	for (const id of ['chart-surface-1', 'chart-confusion-0', 'chart-confusion-1', 'chart-pr', 'chart-loss', 'chart-scores', 'chart-focal']) {
		await expect(page.getByTestId(id).locator('svg').first()).toBeVisible();
	}
	// The loss chart has one point per epoch for each of its four series.
	await expect(page.getByTestId('chart-loss').locator('svg path[fill="none"]')).toHaveCount(4);
	const metrics = await page.getByTestId('comparison').locator('tbody td').allTextContents();
	expect(metrics.length).toBeGreaterThan(10);
	for (const m of metrics) expect(m).not.toMatch(/NaN|undefined/);
});

test('controls write the URL, and a reload reproduces the exact run', async ({ page }) => {
	await page.goto('/imbalance?n=1500&epochs=6&seed=3');
	await backendOf(page, 'imbalance');
	await trained(page, 6);
	await page.getByTestId('loss').selectOption('focal');
	await expectParam(page, 'loss', 'focal');
	const ratio = page.getByTestId('ratio');
	await ratio.focus();
	for (let i = 0; i < 40; i++) await ratio.press('ArrowRight');
	await expect.poll(() => Number(params(page).get('ratio'))).toBeGreaterThan(50);
	await page.getByTestId('seed').fill('17');
	await expectParam(page, 'seed', '17');
	await trained(page, 6);
	await expect(page.getByTestId('comparison')).not.toContainText('–%');
	const before = await page.getByTestId('comparison').locator('tbody').innerText();
	const url = page.url();

	await page.reload();
	expect(page.url()).toBe(url);
	await expect(page.getByTestId('loss')).toHaveValue('focal');
	await expect(page.getByTestId('seed')).toHaveValue('17');
	await trained(page, 6);
	expect(await page.getByTestId('comparison').locator('tbody').innerText()).toBe(before);
});

test('the threshold re-scores without retraining and moves the confusion matrix', async ({ page }) => {
	await page.goto('/imbalance?n=2000&epochs=8&seed=9&threshold=0.5');
	await backendOf(page, 'imbalance');
	await trained(page, 8);
	const cm = page.getByTestId('chart-confusion-1');
	const before = await cm.innerText();
	const slider = page.getByTestId('threshold');
	await slider.focus();
	await slider.press('Home');
	await expectParam(page, 'threshold', '0.01');
	await expect.poll(() => cm.innerText()).not.toBe(before);
	await expect(progress(page)).toContainText('epoch 8 / 8');
});

test('bad links and extreme settings give messages, never NaN', async ({ page }) => {
	await page.goto('/imbalance?ratio=abc&loss=xyz&n=5&epochs=3&lr=99');
	const issues = page.getByTestId('url-issues');
	await expect(issues).toContainText('ratio=abc is not a number');
	await expect(issues).toContainText('loss=xyz is not one of');
	await expect(issues).toContainText('n=5 is below the minimum 200');
	await expect(issues).toContainText('lr=99 is above the maximum 0.3');
	await trained(page, 3);
	await page.goto('/imbalance?ratio=1000&n=200&epochs=3');
	await expect(page.getByTestId('data-notice')).toContainText('minority example');
	await trained(page, 3);
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('keyboard: R resets, → steps, Space plays', async ({ page }) => {
	await page.goto('/imbalance?n=1000&epochs=5');
	await trained(page, 5);
	await page.locator('h1').click();
	await page.keyboard.press('r');
	await expect(progress(page)).toContainText('epoch 0 / 5');
	await page.keyboard.press('ArrowRight');
	await expect(progress(page)).toContainText('epoch 1 / 5');
	await page.keyboard.press(' ');
	await trained(page, 5);
});

for (const backend of ['webgpu', 'webgl', 'wasm', 'cpu'] as const) {
	test(`trains in a worker on the ${backend} backend when chosen`, async ({ page }) => {
		await page.goto(`/imbalance?n=400&epochs=2&backend=${backend}`);
		const name = await backendOf(page, `imbalance/${backend}`);
		const expected = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU (plain JavaScript)' }[backend];
		if (name !== expected) {
			// The browser could not run it: the page must say why and carry on with a fallback.
			await expect(page.getByTestId('backend-notice')).toContainText('could not start');
		}
		await trained(page, 2);
	});
}

test('switching the backend restarts the worker on it and keeps the state in the URL', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=3');
	await trained(page, 3);
	await page.getByTestId('backend-select').selectOption('cpu');
	await expect(page.getByTestId('backend-active')).toHaveText('CPU (plain JavaScript)');
	await expectParam(page, 'backend', 'cpu');
	await trained(page, 3);
});

test('@no-webgpu a backend that cannot start falls back with a visible notice', async ({ page }) => {
	await page.goto('/imbalance?n=400&epochs=2&backend=webgpu');
	const name = await backendOf(page, 'imbalance/no-webgpu');
	expect(name).not.toBe('WebGPU');
	await expect(page.getByTestId('backend-notice')).toContainText('WebGPU could not start');
	await trained(page, 2);
});
