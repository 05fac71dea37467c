import { test, expect } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

/** Run the sweep in the URL (confirming a long one), wait for every run, and return the table's text. */
async function runSweep(page: Page): Promise<string> {
	await page.getByTestId('sweep-run').click();
	if (await page.getByTestId('sweep-confirm').isVisible()) await page.getByTestId('sweep-run').click();
	await expect(page.getByTestId('sweep-table')).toContainText(/(\d+) of \1 runs/, { timeout: 180_000 });
	await expect(page.getByTestId('sweep-status')).toHaveCount(0);
	return (await page.getByTestId('sweep-table').textContent()) ?? '';
}

async function csvRows(page: Page, metric: string): Promise<string[]> {
	const [download] = (await Promise.all([
		page.waitForEvent('download'),
		page
			.getByTestId(`sweep-chart-${metric}`)
			.getByRole('button', { name: /as CSV$/ })
			.click()
	])) as [Download, void];
	return (await readFile((await download.path())!, 'utf8')).trim().split('\n');
}

const CASES = [
	{
		lab: 'scaling',
		url: '/scaling?n=400&steps=60&sweep=lr:0.01,3/6&metrics=steps,reached,accuracy',
		runs: 12,
		arms: 5,
		metrics: ['steps', 'reached', 'accuracy'],
		header: 'setting,value,replicate,seed,arm,steps,reached,diverged,accuracy',
		// At lr 0.01 no scaling gets within 5% of the best loss in 60 steps: counted as not reached, never dropped.
		expectText: [/not reached by 6 of 6/, /none got there in half or more of the seeds/]
	},
	{
		lab: 'compression',
		url: '/compression?width=16&ntrain=1000&epochs=3&ftepochs=1&sweep=sparsity:0,0.9/3&metrics=accuracy,drop',
		runs: 6,
		arms: 4,
		metrics: ['accuracy', 'drop'],
		header: 'setting,value,replicate,seed,arm,accuracy,drop,auc',
		expectText: [/Sparsity = 0\.9: (Unstructured|Structured)/, /at Sparsity = 0 → .* at Sparsity = 0\.9/]
	},
	{
		lab: 'compression',
		name: 'compression distillation',
		url: '/compression?width=16&ntrain=1000&epochs=3&study=distill&sw=2&sweep=temp:1,4/3&metrics=accuracy,drop',
		runs: 6,
		arms: 2,
		metrics: ['accuracy', 'drop'],
		header: 'setting,value,replicate,seed,arm,accuracy,drop,auc',
		// Two arms on a mean metric: the paired difference A (distilled) − B (labels only), seed by seed.
		expectText: [/A − B/]
	},
	{
		lab: 'drift',
		url: '/drift?concept=0.35&sweep=ddmk:2.5,7/6&metrics=falseAlarm,delay,detected',
		runs: 12,
		arms: 2,
		metrics: ['falseAlarm', 'delay', 'detected'],
		header: 'setting,value,replicate,seed,arm,falseAlarm,delay,detected',
		expectText: [/\(\d of 6\), 95% CI/, /median \d+(\.5)? batch/]
	},
	{
		lab: 'offline-online',
		url: '/offline-online?users=300&items=60&sessions=1000&days=2&perday=300&sweep=bias:0,3/2&metrics=agreeCtr,forgone',
		runs: 4,
		arms: 1,
		metrics: ['agreeCtr', 'forgone'],
		header: 'setting,value,replicate,seed,arm,agreeCtr,agreeRevenue,forgone',
		expectText: [/\d+% \(\d of 2\), 95% CI \d+% to \d+% at (Position bias η = 3|every value)/]
	},
	{
		lab: 'funnel',
		url: '/funnel?items=2000&users=300&sessions=6&test=100&queries=20&epochs=1&sweep=negatives:in-batch,in-batch-corrected/3&metrics=ndcg,popularity',
		runs: 6,
		arms: 2,
		metrics: ['ndcg', 'popularity'],
		header: 'setting,value,replicate,seed,arm,ndcg,recall,mrr,candidates,popularity',
		expectText: [/Negatives of the retriever/]
	},
	{
		lab: 'capacity',
		url: '/capacity?seeds=4&sets=20&gsets=10&sweep=noise:0,0.3/4&metrics=peak,threshold',
		runs: 8,
		arms: 1,
		metrics: ['peak', 'threshold'],
		header: 'setting,value,replicate,seed,arm,peak,threshold,wide,best',
		expectText: [/Label noise σ/]
	}
];

for (const c of CASES) {
	test(`${c.name ?? c.lab} sweep: runs in workers, charts, sentences, CSV, and its link replays the same numbers`, async ({ page }) => {
		await page.goto(c.url);
		await expect(page.getByTestId('sweep-size')).toContainText(`= ${c.runs} runs`);
		const table = await runSweep(page);
		console.log(`[${c.lab} sweep] ${table.slice(0, 400)}`);
		expect(table).toContain(`${c.runs} of ${c.runs} runs`);
		expect(table).not.toMatch(/NaN|undefined|Infinity/);
		for (const m of c.metrics) {
			await expect(page.getByTestId(`sweep-chart-${m}`).locator('svg path').first()).toBeAttached();
			await expect(page.getByTestId(`sweep-verdict-${m}`)).not.toContainText(/NaN|undefined|Infinity|no runs finished/);
		}
		const verdicts = (await page.locator('[data-testid^=sweep-verdict]').allTextContents()).join(' ');
		for (const re of c.expectText) expect(verdicts + table).toMatch(re);
		const rows = await csvRows(page, c.metrics[0]);
		expect(rows[0]).toBe(c.header);
		expect(rows).toHaveLength(1 + c.runs * c.arms);
		// The sweep is in the URL: reloading and running it again gives the same numbers.
		await page.reload();
		expect(await runSweep(page)).toBe(table);
	});
}

test('a slow sweep (offline vs online) can be cancelled midway and run again; settings changed after it mark it stale', async ({ page }) => {
	await page.goto('/offline-online?users=300&items=60&sessions=1000&days=2&perday=300&sweep=bias:0,1,2,3/8');
	await page.getByTestId('sweep-run').click();
	if (await page.getByTestId('sweep-confirm').isVisible()) await page.getByTestId('sweep-run').click();
	await expect(page.getByTestId('sweep-status')).toBeVisible();
	await expect(page.getByTestId('sweep-status')).toContainText(/Running [1-9]\d* of 32 runs/, { timeout: 60_000 });
	await page
		.getByTestId('sweep-status')
		.getByRole('button', { name: /cancel/i })
		.click();
	await expect(page.getByTestId('sweep-status')).toHaveCount(0);
	await expect(page.getByTestId('sweep-error')).toHaveCount(0);
	await expect(page.getByTestId('sweep-run')).toBeEnabled();
	// A short one to completion, then a setting moves: the result stays, marked stale.
	await page.getByTestId('sweep-seeds').fill('1');
	await runSweep(page);
	await page.getByRole('button', { name: 'Next seed' }).click();
	await expect(page.getByTestId('sweep-stale')).toBeVisible();
	await expect(page.getByTestId('sweep-table')).toBeVisible();
});

test('sweep settings that cannot be run are explained in words in every lab', async ({ page }) => {
	await page.goto('/drift?sweep=ddmk:1,3/5');
	await expect(page.getByText(/sweep=ddmk:1,3\/5: .*between 2\.5 and 8.*ignored/)).toBeVisible();
	await page.goto('/scaling?sweep=lr:0..1:5:log/3');
	await expect(page.getByText(/a log range needs positive ends/)).toBeVisible();
	await page.goto('/compression');
	await page.getByTestId('sweep-values').fill('0.5, 1.2');
	await expect(page.getByTestId('sweep-problem')).toContainText('between 0 and 0.95');
	await expect(page.getByTestId('sweep-run')).toBeDisabled();
	await page.goto('/offline-online?metrics=agreeCtr,wins');
	await expect(page.getByText(/“wins” is not a metric/)).toBeVisible();
});
