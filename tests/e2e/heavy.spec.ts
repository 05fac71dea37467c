import { test, expect } from './fixtures';

/** Settings that take minutes: the page says so before or as it starts, shows progress with a time left, and cancels. */

test('compression: a model that would train for many minutes waits for a click, then shows progress within the epoch', async ({ page }) => {
	await page.goto('/compression?width=1024&depth=4&features=128&ntrain=30000&epochs=100');
	const warning = page.getByTestId('heavy-warning');
	await expect(warning).toBeVisible({ timeout: 60_000 });
	await expect(warning).toContainText(/takes about \d+( h)?/);
	await expect(page.getByTestId('progress-text')).toContainText('epoch 0 / 100');
	await page.getByTestId('heavy-start').click();
	// Progress within the first epoch, with the time left, long before the epoch ends.
	await expect(page.getByTestId('progress-text')).toContainText(/epoch 1: \d+%/, { timeout: 30_000 });
	await expect(page.getByTestId('progress-text')).toContainText(/left/, { timeout: 30_000 });
	await expect(page.getByTestId('train-long')).toBeVisible();
	// Pause stops it and the page stays usable.
	await page.keyboard.press(' ');
	await expect(page.getByTestId('train-long')).toHaveCount(0, { timeout: 15_000 });
	await page.getByTestId('width').focus();
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('offline vs online at heavy settings: step progress, time left, cancel and run again', async ({ page }) => {
	await page.goto('/offline-online?sessions=40000&perday=20000&days=60&pool=200&users=20000&items=2000');
	const status = page.getByTestId('oo-progress');
	await expect(status).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('oo-progress-eta')).toBeVisible({ timeout: 90_000 });
	await expect(page.getByTestId('oo-progress-long')).toBeVisible({ timeout: 30_000 });
	await page.getByTestId('oo-progress-cancel').click();
	await expect(page.getByTestId('oo-progress-cancelled')).toBeVisible();
	await expect(status).toHaveCount(0);
	// Lighter settings run to the end after a cancel.
	await page.goto('/offline-online?sessions=3000&perday=800&days=6');
	await expect(page.getByTestId('oo-headline')).toBeVisible({ timeout: 120_000 });
});

test('drift at 300 batches of 2,000: progress with the time left, and cancel keeps the page working', async ({ page }) => {
	await page.goto('/drift?batches=300&size=2000');
	await expect(page.getByTestId('run-status')).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId('run-status-eta')).toBeVisible({ timeout: 90_000 });
	await page.getByTestId('run-status-cancel').click();
	await expect(page.getByTestId('run-status-cancelled')).toBeVisible();
	await page.getByTestId('run-status-rerun').click();
	await expect(page.getByTestId('run-status')).toBeVisible();
});

test('compression at its defaults trains at once: the estimate does not hold back a run of seconds', async ({ page }) => {
	await page.goto('/compression');
	await expect(page.getByTestId('progress-text')).toContainText('epoch 12 / 12', { timeout: 90_000 });
	await expect(page.getByTestId('heavy-warning')).toHaveCount(0);
});
