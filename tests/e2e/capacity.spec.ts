import { test, expect } from './fixtures';
import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { capacitySchema, toConfig, type CapacityParams } from '../../src/lib/labs/capacity/params';
import { capacityCurve } from '../../src/lib/labs/capacity/curve';
import { peakComparison } from '../../src/lib/labs/capacity/evidence';
import { peakSentence } from '../../src/lib/labs/capacity/summary';
import { mixSeed } from '../../src/lib/data/rng';

const defaults = Object.fromEntries(Object.entries(capacitySchema).map(([k, s]) => [k, s.default])) as CapacityParams;

/** The peak sentence the page must show for these settings, computed here in Node from the same modules. */
function expectedPeak(p: CapacityParams): string {
	const c = toConfig(p);
	const curves = Array.from({ length: c.seeds }, (_, r) => capacityCurve({ ...c.model, n: c.n, capacities: c.capacities }, mixSeed(c.seed, r)));
	return peakSentence(peakComparison(curves, c.n)!, 'p');
}

test('the capacity lab: the curve over seeds with its peak sentence, the decomposition, the fits and the sample-wise curve', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/capacity');
	await expect(page.getByTestId('chart-capacity-sentence')).toHaveText(expectedPeak(defaults), { timeout: 60_000 });
	await expect(page.getByTestId('chart-capacity-sentence')).toContainText(/^A peak at the threshold: .* in (1[89]|20) of 20 seeds/);
	await expect(page.getByTestId('interpolation')).toContainText('From p = 42 on, every fit passes through all 40 training points');
	await expect(page.getByTestId('capacity-table').locator('tbody tr')).toHaveCount(6);
	await expect(page.getByTestId('decomposition-sentence')).toContainText(/At p = 42, over 100 training sets: .*Variance dominates/);
	await expect(page.getByTestId('chart-fits').locator('svg path').first()).toBeAttached();
	await expect(page.getByTestId('chart-sample-sentence')).toContainText(/peak|not distinguishable/, { timeout: 60_000 });
	await expect(page.getByTestId('capacity-status')).toHaveCount(0);
	// Section 5: networks of growing width, on a TF.js backend the page names; a description, no claim.
	await expect(page.getByTestId('chart-network-sentence')).toContainText(/in \d+ of 10 seeds.*tests no claim/, { timeout: 90_000 });
	await expect(page.getByTestId('network-backend')).toContainText(/\(on (wasm|cpu):/);
	expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|Infinity/);

	// The curve's CSV: every seed at every capacity, finite errors.
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId('chart-capacity')
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	const rows = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
	expect(rows[0]).toBe('seed_replicate,capacity_p,train_mse,test_mse,coefficient_norm,condition_number');
	expect(rows).toHaveLength(1 + 20 * toConfig(defaults).capacities.length);
	for (const r of rows.slice(1)) expect(r.split(',').every((v) => Number.isFinite(Number(v)))).toBe(true);
});

test('predict-then-remove presets: without noise the peak goes, and the link replays the same sentence', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/capacity?seeds=8&gsets=10&sets=20');
	await expect(page.getByTestId('chart-capacity-sentence')).toContainText('A peak at the threshold', { timeout: 60_000 });
	await page.getByTestId('preset').selectOption('no-noise');
	await expect(page).toHaveURL(/noise=0(&|$)/);
	const sentence = page.getByTestId('chart-capacity-sentence');
	await expect(sentence).toHaveText(expectedPeak({ ...defaults, seeds: 8, gsets: 10, sets: 20, noise: 0 }), { timeout: 60_000 });
	await expect(sentence).toContainText('No peak at the threshold');
	const text = await sentence.textContent();
	await page.goto(page.url());
	await expect(page.getByTestId('chart-capacity-sentence')).toHaveText(text!, { timeout: 60_000 });

	// Ridge: the fits no longer interpolate, and the page says so.
	await page.getByTestId('preset').selectOption('ridge');
	await expect(page).toHaveURL(/ridge=0\.05/);
	await expect(page.getByTestId('interpolation')).toContainText('With ridge λ = 0.05 no capacity fits the 40 training points exactly', { timeout: 60_000 });
});

test('keyboard: the inspected capacity moves with the arrow keys and the table follows', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto('/capacity?seeds=4&gsets=10&sets=20&p=20');
	await expect(page.getByTestId('capacity-table')).toContainText('p = 20', { timeout: 60_000 });
	const slider = page.getByTestId('p');
	await slider.focus();
	for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
	await expect(page).toHaveURL(/p=(2[1-9]|[3-9]\d)/);
	const p = Number(/[?&]p=(\d+)/.exec(page.url())![1]);
	await expect(page.getByTestId('capacity-table')).toContainText(`p = ${p}`, { timeout: 60_000 });
});
