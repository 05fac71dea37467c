import { test, expect, backendOf, expectParam } from './fixtures';

const done = async (page: import('@playwright/test').Page, batches: number) =>
	expect(page.getByTestId('progress-text')).toContainText(`batch ${batches} / ${batches}`, { timeout: 90_000 });

test('concept drift: accuracy falls while inputs look calm; the alarm policy retrains', async ({ page }) => {
	await page.goto('/drift?batches=40&onset=18&size=200&seed=4');
	await backendOf(page, 'drift');
	await done(page, 40);
	const headline = page.getByTestId('drift-headline');
	await expect(headline).toHaveAttribute('data-kind', 'silent-concept');
	await expect(headline).toContainText('Silent drift');
	const rows = page.getByTestId('policy-table').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	const alarmRetrains = Number(await rows.nth(2).locator('td').nth(1).innerText());
	expect(alarmRetrains).toBeGreaterThanOrEqual(1);
	for (const id of ['chart-accuracy', 'chart-stats', 'chart-alarms', 'chart-hist-0', 'chart-hist-1', 'chart-batch']) {
		await expect(page.getByTestId(id).locator('svg').first()).toBeVisible();
	}
	await expect(page.getByTestId('chart-alarms')).toContainText('DDM (errors)');
});

test('a preset switches to covariate drift: alarms without harm, written to the URL', async ({ page }) => {
	await page.goto('/drift?batches=40&onset=18&seed=4');
	await done(page, 40);
	await page.getByTestId('preset').selectOption('covariate');
	await expectParam(page, 'cov', '1');
	await expectParam(page, 'concept', '0');
	await expect(page.getByTestId('drift-headline')).toHaveAttribute('data-kind', 'covariate-only', { timeout: 60_000 });
	const url = page.url();
	const headline = await page.getByTestId('drift-headline').innerText();
	await page.reload();
	expect(page.url()).toBe(url);
	await expect(page.getByTestId('drift-headline')).toHaveText(headline, { timeout: 60_000 });
});

test('replay: reset and step move the batch under the cursor; statistic picker redraws', async ({ page }) => {
	await page.goto('/drift?batches=30&onset=12&seed=2&cov=0.8&concept=0');
	await done(page, 30);
	await page.getByTestId('reset').click();
	await expect(page.getByTestId('progress-text')).toContainText('batch 1 / 30');
	await expect(page.getByTestId('chart-batch')).toContainText('Batch 0');
	await page.getByTestId('step').click();
	await expect(page.getByTestId('chart-batch')).toContainText('Batch 1');
	await page.getByTestId('play').click();
	await done(page, 30);
	await page.getByTestId('statistic').selectOption('ksP');
	await expect(page.getByTestId('chart-stats')).toContainText('KS p-value');
	await page.getByTestId('metric-auc').check();
	await expect(page.getByTestId('chart-accuracy')).toContainText('AUC per batch');
});

test('impossible settings are explained', async ({ page }) => {
	await page.goto('/drift?batches=20&onset=50&ref=30&cov=7');
	await expect(page.getByTestId('url-issues')).toContainText('cov=7 is above the maximum 1');
	await expect(page.getByTestId('onset-note')).toContainText('after the last batch');
	await expect(page.getByTestId('lab-error')).toContainText('batches');
	await page.getByTestId('batches').focus();
	await page.getByTestId('batches').press('End');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 90_000 });
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('PSI verdicts account for batch size: concept drift in batches of 50 is not reported as input drift', async ({ page }) => {
	await page.goto('/drift?batches=40&onset=18&size=50&seed=4&cov=0&prior=0&concept=1');
	await done(page, 40);
	const headline = page.getByTestId('drift-headline');
	await expect(headline).not.toHaveAttribute('data-kind', 'both');
	await expect(headline).not.toHaveAttribute('data-kind', 'covariate-only');
	await expect(headline).not.toContainText('The inputs drift');
	const note = page.getByTestId('psi-noise-note');
	await expect(note).toContainText('95% of drift-free batches of 50');
	// The alarm threshold shown is above the 0.25 rule of thumb at this batch size.
	const threshold = Number((await note.innerText()).match(/alarm needs PSI above ([0-9.]+)/)![1]);
	expect(threshold).toBeGreaterThan(0.25);
	await expect(page.getByTestId('chart-alarms')).toContainText(`PSI x1 > ${threshold.toFixed(2)}`);
});

test('the prior-shift headline follows the policies: it does not call retraining useless when it paid', async ({ page }) => {
	await page.goto('/drift?batches=60&seed=11');
	await done(page, 60);
	await page.getByTestId('preset').selectOption('prior');
	await expectParam(page, 'prior', '1');
	// The prior-shift run alone, opened from its link: a read after the preset change could catch the previous run's
	// headline (or miss a short "running" state), so the page is loaded fresh and only this run's headline exists.
	await page.goto(page.url());
	const headline = page.getByTestId('drift-headline');
	await expect(headline).toContainText(/Retraining paid|No retraining policy did better/, { timeout: 90_000 });
	// At this seed accuracy falls by ~4 pp and no policy beats never retraining beyond
	// noise — it must not call retraining useless where it paid, nor say it paid where it did not.
	const text = await headline.innerText();
	if (text.includes('Retraining paid')) expect(text).not.toContain('no reason to retrain');
	else expect(text).toContain('No retraining policy did better than never retraining beyond noise');
	expect(text).toContain('PSI up to');
});
