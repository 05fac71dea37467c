import { test, expect } from './fixtures';
import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';

const LIGHT = 'items=3000&users=400&sessions=8&test=150&queries=40&epochs=2';

test('the funnel: world, recall–latency curve, quality against K, popularity and examples, all from one seeded run', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto(`/funnel?${LIGHT}`);
	await expect(page.getByTestId('world-summary')).toContainText('400 users, 3,000 items', { timeout: 60_000 });
	await expect(page.getByTestId('curve-sentence')).toContainText(/HNSW (reaches|stays below) recall@10/, { timeout: 60_000 });
	await expect(page.getByTestId('k-sentence')).toContainText(/Re-ranking K = 500 candidates gives nDCG@10 0\.\d+/, { timeout: 60_000 });
	await expect(page.getByTestId('popularity-sentence')).toContainText(/more popular|less popular/, { timeout: 60_000 });
	await expect(page.getByTestId('funnel-status')).toHaveCount(0);
	// Six K (10 … 500), three indexes on the curve (exact once, IVF and HNSW at six settings each).
	await expect(page.getByTestId('funnel-table').locator('tbody tr')).toHaveCount(6);
	await expect(page.getByTestId('curve-table').locator('tbody tr')).toHaveCount(13);
	await expect(page.getByTestId('example-lists').locator('ol li')).toHaveCount(20);
	expect(await page.locator('main').textContent()).not.toMatch(/NaN|undefined|Infinity/);

	// The K chart's CSV: one row per K with finite metrics in [0, 1].
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId('chart-k')
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	const rows = (await readFile((await download.path())!, 'utf8')).trim().split('\n');
	expect(rows[0].split(',').slice(0, 4)).toEqual(['K', 'candidate_recall_at_K', 'ndcg10_retrieval', 'ndcg10_ranked']);
	expect(rows.slice(1).map((r) => Number(r.split(',')[0]))).toEqual([10, 20, 50, 100, 200, 500]);
	for (const r of rows.slice(1)) for (const v of r.split(',').slice(1, 8).map(Number)) expect(v >= 0 && v <= 1).toBe(true);
});

test('a preset sets the negatives and the link replays it; the correction recommends more popular items than plain in-batch', async ({ page }) => {
	test.setTimeout(180_000);
	const popularity = async () => {
		await expect(page.getByTestId('funnel-status')).toHaveCount(0, { timeout: 90_000 });
		const s = (await page.getByTestId('popularity-sentence').textContent())!;
		const m = /retriever's own top 10s ([\d.,]+)× (more|less) popular/.exec(s)!;
		const x = Number(m[1].replace(/,/g, ''));
		return m[2] === 'more' ? Math.log10(x) : -Math.log10(x);
	};
	await page.goto(`/funnel?${LIGHT}`);
	await expect(page.getByTestId('popularity-sentence')).toBeVisible({ timeout: 90_000 });
	const corrected = await popularity();
	await page.getByTestId('preset').selectOption('in-batch');
	await expect(page).toHaveURL(/negatives=in-batch(&|$)/);
	await expect(page.getByTestId('negatives')).toHaveValue('in-batch');
	await expect(page.getByTestId('popularity-sentence')).toContainText('Plain in-batch negatives are other users’ clicks', { timeout: 90_000 });
	const plain = await popularity();
	console.log(`[funnel] mean log10 popularity gap of the retriever's top 10s, corrected − plain in-batch: ${(corrected - plain).toFixed(2)}`);
	expect(corrected).toBeGreaterThan(plain);
	// The link reproduces the state.
	await page.goto(page.url());
	await expect(page.getByTestId('negatives')).toHaveValue('in-batch');
});
