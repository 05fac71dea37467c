import { test, expect, expectParam } from './fixtures';
import { sampleSizePerArm } from '../../src/lib/stats/abtest';

const pct = (s: string) => Number(s.replace('%', '')) / 100;

test('one experiment unfolds day by day; play, step and reset drive the timeline', async ({ page }) => {
	await page.goto('/abtest?days=14&traffic=3000&seed=4');
	await expect(page.getByTestId('engine')).toContainText('background worker');
	const progress = page.getByTestId('progress-text');
	await expect(progress).toContainText('day 14 / 14');
	for (const id of ['chart-rates', 'chart-diff', 'chart-pvalue', 'chart-beat', 'chart-decisions']) {
		await expect(page.getByTestId(id).locator('svg').first()).toBeVisible();
	}
	await expect(page.getByTestId('exp-report')).toContainText('two-proportion z-test');
	await page.getByTestId('reset').click();
	await expect(progress).toContainText('day 1 / 14');
	await expect(page.getByTestId('exp-status')).toContainText('Day 1 of 14');
	const line = page.locator('[data-testid="chart-rates"] svg path[fill="none"]').first();
	const d1 = await line.getAttribute('d');
	await page.getByTestId('step').click();
	await expect(page.getByTestId('exp-status')).toContainText('Day 2 of 14');
	expect(await line.getAttribute('d')).not.toBe(d1);
	await page.getByTestId('play').click();
	await expect(progress).toContainText('day 14 / 14', { timeout: 15_000 });
	await expect(page.getByTestId('verdicts')).toContainText('Fixed horizon');
});

test('settings live in the URL and a reload reproduces the same experiment', async ({ page }) => {
	await page.goto('/abtest?days=10&seed=11&sims=1000');
	await expect(page.getByTestId('progress-text')).toContainText('day 10 / 10');
	const lift = page.getByTestId('lift');
	await lift.focus();
	await lift.press('Home');
	await expectParam(page, 'lift', '-0.5');
	await page.getByTestId('mode').selectOption('revenue');
	await expectParam(page, 'mode', 'revenue');
	await expect(page.getByTestId('exp-report')).toContainText("Welch's t-test");
	const status = await page.getByTestId('exp-status').innerText();
	const report = await page.getByTestId('exp-report').locator('pre').innerText();
	await page.reload();
	await expect(page.getByTestId('mode')).toHaveValue('revenue');
	await expect(page.getByTestId('exp-status')).toHaveText(status);
	await expect(page.getByTestId('exp-report').locator('pre')).toHaveText(report);
});

test('peeking: thousands of A/A tests show the inflated false positive rate, the sequential test stays at α', async ({ page }) => {
	await page.goto('/abtest?days=20&sims=5000&seed=2');
	const summary = page.getByTestId('peeking-summary');
	await expect(page.getByTestId('peeking-speed')).toContainText('5,000 experiments', { timeout: 30_000 });
	const text = await summary.innerText();
	const [naive, fixed, seq] = [...text.matchAll(/(\d+(?:\.\d)?)%/g)].map((m) => pct(m[0]));
	expect(naive).toBeGreaterThan(0.15);
	expect(Math.abs(fixed - 0.05)).toBeLessThan(0.02);
	expect(seq).toBeLessThanOrEqual(0.05);
	await expect(page.getByTestId('chart-fpr').locator('rect')).toHaveCount(4);
	// more experiments: the count follows the slider
	const sims = page.getByTestId('sims');
	await sims.focus();
	await sims.press('End');
	await expectParam(page, 'sims', '100000');
	await expect(page.getByTestId('peeking-speed')).toContainText('100,000 experiments', { timeout: 60_000 });
});

test('power: the calculator matches the core and the simulated curve is drawn', async ({ page }) => {
	await page.goto('/abtest?base=0.05&mde=0.2&mderel=1&alpha=0.05&power=0.9&traffic=10000&split=0.5');
	const n = sampleSizePerArm({ baselineRate: 0.05, minDetectableEffect: 0.2, relative: true, alpha: 0.05, power: 0.9 });
	await expect(page.getByTestId('per-arm')).toHaveText(n.toLocaleString('en-US'));
	await expect(page.getByTestId('plan-days')).toHaveText(String(Math.ceil(n / 5000)));
	await expect(page.getByTestId('chart-power').locator('circle')).toHaveCount(8);
});

test('impossible inputs give messages in words, and the page keeps working', async ({ page }) => {
	await page.goto('/abtest?cc=500&cn=400&sims=1000');
	await expect(page.getByTestId('own-error')).toContainText('more conversions (500) than visitors (400)');
	await page.getByTestId('own-cn').fill('5000');
	await expect(page.getByTestId('own-report')).toContainText('Control: 500 / 5,000 = 10.00%');
	await page.getByTestId('own-vc').fill('-3');
	await expect(page.locator('text=The minimum is 0.')).toBeVisible();
	await page.goto('/abtest?base=0.9&lift=0.5&mde=0.5&sims=1000');
	await expect(page.getByTestId('exp-error')).toContainText('outside (0, 1)');
	await expect(page.getByTestId('power-error')).toContainText('outside (0, 1)');
	await page.goto('/abtest?days=abc&split=7&sims=1000');
	await expect(page.getByTestId('url-issues')).toContainText('days=abc is not a number');
	await expect(page.getByTestId('url-issues')).toContainText('split=7 is above the maximum 0.95');
	await expect(page.getByTestId('progress-text')).toContainText('day 28 / 28');
	await expect(page.locator('main')).not.toContainText('NaN');
});

test('the Bayesian rule is compared at the level of the z-test: default 1 − α/2 and one-look rates beside peeking', async ({ page }) => {
	await page.goto('/abtest?sims=2000&days=20');
	const table = page.getByTestId('one-look-table');
	await expect(table).toBeVisible({ timeout: 60_000 });
	await expect(table.locator('tbody tr')).toHaveCount(3);
	await expect(table).toContainText('97.5%');
	await expect(page.getByTestId('bayes-level-note')).toContainText('the same level as the z-test');
	await expect(page.getByTestId('bayes-match')).toHaveCount(0);
	await page.goto('/abtest?sims=2000&days=20&bayes=0.95');
	await expect(page.getByTestId('bayes-level-note')).toContainText('a 10.0% rule', { timeout: 60_000 });
	await page.getByTestId('bayes-match').click();
	await expectParam(page, 'bayes', '0.975');
});

test('an unequal split plans each arm for that split', async ({ page }) => {
	await page.goto('/abtest?split=0.1&lift=0.1');
	const variant = page.getByTestId('per-arm-variant');
	await expect(variant).toBeVisible({ timeout: 30_000 });
	const control = Number((await page.getByTestId('per-arm').innerText()).replace(/[^0-9]/g, ''));
	const v = Number((await variant.innerText()).replace(/[^0-9]/g, ''));
	expect(v).toBe(Math.ceil(control / 9 - 1e-9));
});
