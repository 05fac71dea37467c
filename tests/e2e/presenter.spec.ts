import { test, expect, expectParam } from './fixtures';
import type { Page } from '@playwright/test';

const progress = (page: Page) => page.getByTestId('progress-text');
const rootFontSize = (page: Page) => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));

test('presenter mode: large type, controls and charts only, keyboard shortcuts, kept in the link', async ({ page }) => {
	await page.goto('/imbalance?n=800&epochs=4&seed=2');
	await expect(progress(page)).toContainText('epoch 4 / 4', { timeout: 60_000 });
	const explain = page.locator('.explain');
	await expect(explain).toBeVisible();
	await expect(page.locator('.site-footer')).toBeVisible();
	const normalSize = await rootFontSize(page);

	await page.getByTestId('present-toggle').click();
	await expectParam(page, 'present', '1');
	await expect(page.locator('html')).toHaveAttribute('data-present', '1');
	await expect(page.getByTestId('present-toggle')).toHaveAttribute('aria-pressed', 'true');
	await expect(explain).toBeHidden();
	await expect(page.locator('.site-footer')).toBeHidden();
	await expect(page.locator('.lede')).toBeHidden();
	await expect(page.getByTestId('chart-surface-0').locator('svg').first()).toBeVisible();
	await expect(page.getByTestId('ratio')).toBeVisible();
	expect(await rootFontSize(page)).toBeGreaterThanOrEqual(normalSize * 1.15);

	// Shortcuts: R resets, → steps, Space plays, F goes full screen (and back).
	await page.locator('h1').click();
	await page.keyboard.press('r');
	await expect(progress(page)).toContainText('epoch 0 / 4');
	await page.keyboard.press('ArrowRight');
	await expect(progress(page)).toContainText('epoch 1 / 4');
	await page.keyboard.press(' ');
	await expect(progress(page)).toContainText('epoch 4 / 4', { timeout: 60_000 });
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(true);
	await page.keyboard.press('f');
	await expect.poll(() => page.evaluate(() => document.fullscreenElement !== null)).toBe(false);

	// A high-contrast theme for projectors, remembered across reloads, with presenter mode kept by the URL.
	await page.getByTestId('theme').selectOption('contrast');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
	await page.getByTestId('seed').fill('8');
	await expectParam(page, 'seed', '8');
	expect(new URL(page.url()).searchParams.get('present')).toBe('1');
	await page.reload();
	await expect(page.locator('html')).toHaveAttribute('data-present', '1');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'contrast');
	await expect(page.locator('.explain')).toBeHidden();
	await expect(page.getByTestId('seed')).toHaveValue('8');

	await page.getByTestId('present-toggle').click();
	await expect.poll(() => new URL(page.url()).searchParams.has('present')).toBe(false);
	await expect(page.locator('.explain')).toBeVisible();
});

test('the "System" theme follows the system light/dark setting, live', async ({ page }) => {
	await page.emulateMedia({ colorScheme: 'dark' });
	await page.goto('/abtest?days=7&sims=1000');
	await expect(page.getByTestId('theme')).toHaveValue('system');
	const html = page.locator('html');
	await expect(html).toHaveAttribute('data-theme', 'dark');
	const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
	expect(await bg()).toBe('rgb(15, 18, 23)');
	await page.emulateMedia({ colorScheme: 'light' });
	await expect(html).toHaveAttribute('data-theme', 'light');
	expect(await bg()).not.toBe('rgb(15, 18, 23)');
	// A chosen theme is kept whatever the system says.
	await page.getByTestId('theme').selectOption('dark');
	await page.emulateMedia({ colorScheme: 'light' });
	await page.reload();
	await expect(html).toHaveAttribute('data-theme', 'dark');
});
