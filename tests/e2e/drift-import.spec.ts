import { test, expect } from './fixtures';
import type { Download, Locator, Page } from '@playwright/test';
import { readFile, truncate, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { seeded } from './seeded';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
	const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
	return { name: download.suggestedFilename(), text: (await readFile((await download.path())!)).toString('utf8') };
}
const chartCsv = (page: Page, chart: Locator) => downloaded(page, () => chart.getByRole('button', { name: /as CSV$/ }).click());
const parse = (text: string) => {
	const [head, ...rows] = text.trim().split('\n');
	const cols = head.split(',');
	return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [cols[i], v])));
};
async function upload(page: Page, slot: 'reference' | 'current', name: string, buffer: Buffer) {
	await page.getByTestId(`drift-import-${slot}-input`).setInputFiles({ name, mimeType: 'text/csv', buffer });
}

/** A table: x ~ N(shift, 1), z ~ N(0, 1), a colour, label and score (a seeded generator, so the file is the same each run). */
function table(rows: number, seed: number, shift: number, flip: number): Buffer {
	const u = seeded(seed);
	const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
	const lines = ['x,z,colour,label,score'];
	for (let i = 0; i < rows; i++) {
		const x = shift + normal();
		const y = u() < 1 / (1 + Math.exp(-2 * x)) ? 1 : 0;
		const score = 1 / (1 + Math.exp(-2 * (u() < flip ? -x : x)));
		lines.push(`${x.toFixed(5)},${normal().toFixed(5)},${u() < 0.6 ? 'red' : 'blue'},${y},${score.toFixed(4)}`);
	}
	return Buffer.from(lines.join('\n') + '\n');
}

test('drift, own data: the lab’s exported stream, imported, gives the lab’s own PSI batch by batch; nothing leaves the page', async ({ page }) => {
	await page.goto('/drift?batches=20&size=150&ref=4&onset=10&cov=1&concept=0');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	const lab = parse((await chartCsv(page, page.getByTestId('chart-stats'))).text);
	const stream = await downloaded(page, () => page.getByTestId('download-stream').click());
	expect(stream.name).toMatch(/^drift-stream-seed-\d+\.csv$/);
	expect(stream.text.split('\n')[0]).toBe('batch,x1,x2,label');
	expect(stream.text.trim().split('\n').length).toBe(1 + 20 * 150);

	const requests: string[] = [];
	page.on('request', (r) => requests.push(`${r.method()} ${r.url()}`));
	await upload(page, 'reference', 'stream.csv.gz', gzipSync(stream.text));
	await expect(page.getByTestId('own-file-reference')).toContainText('stream.csv.gz: 3,000 rows, 4 columns');
	// One file: the batch column and the first fifth of its batches as the reference are guessed.
	await expect(page.getByTestId('own-batch')).toHaveValue('batch');
	await expect(page.getByTestId('own-ref-batches')).toHaveValue('4');
	await expect(page.getByTestId('own-headline')).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId('own-report')).toContainText('x2');
	// Covariate drift moves x2: the report says so and sorts it first.
	await expect(page.getByTestId('own-report').locator('tbody tr').first()).toContainText('x2');
	await expect(page.getByTestId('own-report').locator('tbody tr').first()).toHaveAttribute('data-verdict', 'drift');
	const own = parse((await chartCsv(page, page.getByTestId('own-timeline'))).text);
	expect(own.map((r) => r.batch)).toEqual(Array.from({ length: 16 }, (_, i) => String(i + 4)));
	for (const r of own) {
		const l = lab.find((x) => x.batch === r.batch)!;
		expect(Number(r.x1_psi)).toBe(Number(l.x1_psi));
		expect(Number(r.x2_psi)).toBe(Number(l.x2_psi));
	}
	await expect(page.getByTestId('drift-privacy')).toContainText('nothing is uploaded');
	await page.waitForTimeout(300);
	expect(requests).toEqual([]);
});

test('drift, own data: two files with a label and a score — verdicts, shares, accuracy and alarms, CSV and HTML report', async ({ page }) => {
	await page.goto('/drift?batches=20&size=100&ref=4');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	await upload(page, 'reference', 'last-month.csv', table(4000, 1, 0, 0));
	await upload(page, 'current', 'this-week.csv', table(4000, 2, 0.5, 0.4));
	await expect(page.getByTestId('own-file-current')).toContainText('this-week.csv: 4,000 rows');
	// label and score are guessed as the label and the prediction: they are not compared as features.
	await expect(page.getByTestId('own-label')).toHaveValue('label');
	await expect(page.getByTestId('own-prediction')).toHaveValue('score');
	await expect(page.getByTestId('own-headline')).toContainText('1 feature of 3 drifted: x', { timeout: 30_000 });
	const rows = page.getByTestId('own-report').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	await expect(rows.nth(0)).toHaveAttribute('data-verdict', 'drift');
	await expect(rows.nth(0)).toContainText('KS');
	await expect(page.getByTestId('own-hist')).toContainText('x: reference vs the current file');
	// Choosing a categorical feature shows its shares per category.
	await page.getByTestId('own-report').getByRole('button', { name: 'colour' }).click();
	await expect(page.getByTestId('own-hist')).toContainText('colour: reference vs the current file');
	await expect(page.getByTestId('own-hist').locator('svg text', { hasText: 'blue' })).toHaveCount(1);
	// The flipped scores: accuracy falls below the reference's and a detector alarms.
	const errors = parse((await chartCsv(page, page.getByTestId('own-errors'))).text);
	expect(errors.length).toBe(20);
	expect(errors.some((r) => r.ddm_alarm === '1' || r.page_hinkley_alarm === '1')).toBe(true);
	const csv = await downloaded(page, () => page.getByTestId('own-report-csv').click());
	expect(csv.text.split('\n')[0]).toMatch(/^feature,type,verdict,psi,/);
	expect(csv.text).toContain('x,numeric,drift,');
	const html = await downloaded(page, () => page.getByTestId('own-report-html').click());
	expect(html.name).toMatch(/\.html$/);
	expect(html.text).toContain('<svg');
	// Self-contained: no script, nothing fetched (the only URL is the SVG namespace).
	expect(html.text).not.toMatch(/<script|src=|href=|@import/);
	// One batch instead of all current rows.
	await page.getByTestId('own-target').selectOption({ label: 'batch rows 2–201' });
	await expect(page.getByTestId('own-hist')).toContainText('reference vs batch rows 2–201');
});

test('drift, own data: malformed files and impossible roles get messages; what was loaded stays; forget clears it', async ({ page }) => {
	await page.goto('/drift?batches=20&size=100&ref=4');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	await upload(page, 'reference', 'good.csv', table(600, 3, 0, 0));
	// One file without a batch column: asked for one, in words.
	await expect(page.getByTestId('own-report-error')).toContainText('One file needs a batch or time column');
	await upload(page, 'current', 'current.csv', table(600, 4, 0, 0));
	await expect(page.getByTestId('own-headline')).toContainText('No feature changed beyond what chance gives', { timeout: 30_000 });
	const cases: Array<[string, Buffer, RegExp]> = [
		['ragged.csv', Buffer.from('x,z\n1,2\n3\n'), /Current file: Row 3 has 1 field; the header has 2/],
		['empty.csv', Buffer.alloc(0), /Current file: The file is empty/],
		['picture.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]), /not a text file/],
		['no-header.csv', Buffer.from('1,2\n3,4\n'), /first row has no column names/]
	];
	for (const [name, buffer, message] of cases) {
		await upload(page, 'current', name, buffer);
		await expect(page.getByTestId('own-import-error')).toContainText(message);
		await expect(page.getByTestId('own-import-error')).toContainText('The current file read before is still here');
		await expect(page.getByTestId('own-file-current')).toContainText('current.csv');
		await expect(page.getByTestId('own-headline')).toBeVisible();
	}
	// A label with one class.
	const oneClass = Buffer.from(
		table(300, 5, 0, 0)
			.toString()
			.replace(/,0,(?=[0-9.]+\n)/g, ',1,')
	);
	await upload(page, 'current', 'one-class.csv', oneClass);
	await upload(page, 'reference', 'one-class-ref.csv', oneClass);
	await expect(page.getByTestId('own-report-error')).toContainText('has only one value');
	await page.getByTestId('own-label').selectOption('');
	await expect(page.getByTestId('own-headline')).toBeVisible();
	await page.getByTestId('own-forget-current').click();
	await expect(page.getByTestId('own-file-current')).toHaveCount(0);
	await page.getByTestId('own-forget-reference').click();
	await expect(page.getByTestId('own-file-reference')).toHaveCount(0);
	await expect(page.getByTestId('own-headline')).toHaveCount(0);
	// The simulation is untouched.
	await expect(page.getByTestId('drift-headline')).toBeVisible();
});

test('drift, own data: a 2 GB file is refused in words at once, without reading it; the data loaded stays', async ({ page }) => {
	await page.goto('/drift?batches=20&size=100&ref=4');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	await upload(page, 'reference', 'good.csv', table(600, 3, 0, 0));
	await expect(page.getByTestId('own-file-reference')).toContainText('good.csv');
	// A sparse file: 2 GB on the file system, nothing written.
	const big = join(tmpdir(), `mdl-e2e-2gb-${process.pid}.csv`);
	await writeFile(big, '');
	await truncate(big, 2 * 1024 ** 3);
	try {
		await page.getByTestId('drift-import-current-input').setInputFiles(big);
		await expect(page.getByTestId('own-import-error')).toContainText('Current file: The file is 2.0 GB; this lab reads files up to 1.0 GB.');
		await expect(page.getByTestId('own-file-reference')).toContainText('good.csv');
		await expect(page.getByTestId('own-file-current')).toHaveCount(0);
	} finally {
		await rm(big, { force: true });
	}
});

/** Counts, a sparse category and a continuous column, all from one generator (A/A): rows of `count,kind,x`. */
function countsTable(rows: number, seed: number): Buffer {
	const u = seeded(seed);
	const poisson = (lambda: number) => {
		let k = 0;
		let p = Math.exp(-lambda);
		let s = p;
		const v = u();
		while (v > s) {
			k++;
			p *= lambda / k;
			s += p;
		}
		return k;
	};
	const lines = ['count,kind,x'];
	for (let i = 0; i < rows; i++) lines.push(`${poisson(6)},${u() < 0.001 ? 'rare' : u() < 0.5 ? 'a' : 'b'},${u().toFixed(6)}`);
	return Buffer.from(lines.join('\n') + '\n');
}

test('drift, own data: counts read on their distinct values and a rare category pooled — an A/A pair is within noise, and the page says how it was read', async ({
	page
}) => {
	await page.goto('/drift');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	await upload(page, 'reference', 'reference.csv', countsTable(20000, 5));
	await upload(page, 'current', 'current.csv', countsTable(300, 6));
	await expect(page.getByTestId('own-headline')).toBeVisible({ timeout: 60_000 });
	const report = page.getByTestId('own-report');
	const row = (name: string) => report.locator('tbody tr').filter({ has: page.getByRole('button', { name, exact: true }) });
	await expect(row('count')).toContainText('Numbers with repeated values');
	await expect(row('count')).toContainText('simulated from the pooled values');
	await expect(row('kind')).toContainText('Within noise');
	for (const name of ['count', 'kind', 'x']) await expect(row(name)).toHaveAttribute('data-verdict', 'none');
	await expect(page.locator('p.muted').filter({ hasText: 'its p-value conditional on the totals, by Monte Carlo' })).toBeVisible();
});
