import { test, expect, expectParam } from './fixtures';

test('copy link: the copied URL opens the same state in a new tab', async ({ page, context, baseURL }) => {
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseURL });
	await page.goto('/abtest?days=10&seed=3&sims=1000');
	await expect(page.getByTestId('progress-text')).toContainText('day 10 / 10');
	await page.getByTestId('mode').selectOption('revenue');
	await page.getByTestId('seed').fill('21');
	const lift = page.getByTestId('lift');
	await lift.focus();
	for (let i = 0; i < 5; i++) await lift.press('ArrowRight');
	await expectParam(page, 'seed', '21');
	const liftValue = await lift.inputValue();
	await expectParam(page, 'lift', liftValue);
	await expect(page.getByTestId('exp-report')).toContainText("Welch's t-test");
	await expect(page.getByTestId('progress-text')).toContainText('day 10 / 10');
	// The experiment re-runs (debounced) after the last key press: read the report once it has settled.
	const pre = page.getByTestId('exp-report').locator('pre');
	let report = '';
	await expect
		.poll(async () => {
			const before = await pre.innerText();
			await page.waitForTimeout(700);
			report = await pre.innerText();
			return before === report;
		})
		.toBe(true);

	await page.getByTestId('copy-link').click();
	await expect(page.getByRole('status').filter({ hasText: 'Link copied' })).toBeVisible();
	const link = await page.evaluate(() => navigator.clipboard.readText());
	expect(link.startsWith(`${baseURL}/abtest?`)).toBe(true);
	expect(new URL(link).searchParams.get('mode')).toBe('revenue');
	expect(new URL(link).searchParams.get('seed')).toBe('21');

	const other = await context.newPage();
	await other.goto(link);
	await expect(other.getByTestId('mode')).toHaveValue('revenue');
	await expect(other.getByTestId('lift')).toHaveValue(liftValue);
	await expect(other.getByTestId('progress-text')).toContainText('day 10 / 10');
	await expect(other.getByTestId('exp-report').locator('pre')).toHaveText(report);
	await other.close();
});

test('presets: choosing a scenario sets its values in the controls and the URL', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=2');
	const preset = page.getByTestId('preset');
	await preset.selectOption({ label: 'Focal loss vs cross-entropy' });
	await expectParam(page, 'loss', 'focal');
	await expectParam(page, 'gamma', '2');
	await expectParam(page, 'compare', 'bce');
	await expect(page.getByTestId('loss')).toHaveValue('focal');
	await expect(preset).toHaveValue(''); // the menu is ready for the next choice
	await expect(page.getByTestId('progress-text')).toContainText('epoch 2 / 2', { timeout: 60_000 });

	await page.goto('/abtest?days=10&lift=0.2&sims=1000');
	await page.getByTestId('preset').selectOption({ label: 'A/A test, peeking every day' });
	await expectParam(page, 'days', '28');
	await expect.poll(() => Number(new URL(page.url()).searchParams.get('lift') ?? '0')).toBe(0);
	await expect(page.getByTestId('progress-text')).toContainText('day 28 / 28');
	await expect(page.getByTestId('exp-status')).toContainText('Day 28 of 28');
});
