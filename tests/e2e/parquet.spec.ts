import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Parquet files in the imbalance and drift labs (fixtures from tests/fixtures/parquet/make.mjs): their columns are
 * read and the lab runs on them; the Parquet reader (hyparquet, a chunk of its own in the worker bundle) is not fetched
 * by the page or its workers before a Parquet file is dropped, and is fetched once one is. The service worker's own
 * precache requests are not the page's: Playwright reports them on the context, not the page.
 */
const OWN = 'tests/fixtures/own-data';
const BUILD = 'build';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

/** The URL path of the one built script that holds `marker`. */
function chunkWith(marker: string): string {
	const holders = files(BUILD).filter((f) => f.endsWith('.js') && readFileSync(f, 'utf8').includes(marker));
	expect(holders, `one built script holds “${marker}”`).toHaveLength(1);
	return '/' + relative(BUILD, holders[0]).split('\\').join('/');
}
/** hyparquet's chunk (its footer check) and the decompressors' (fzstd's message). */
const readerChunk = () => chunkWith('footer != PAR1');
const codecsChunk = () => chunkWith('invalid zstd data');

/** Paths the page and its workers have requested so far (page events, and each worker's resource timing). */
function watch(page: Page): () => Promise<string[]> {
	const requested: string[] = [];
	page.on('request', (r) => requested.push(new URL(r.url()).pathname));
	return async () => {
		const loaded: string[] = [];
		for (const w of page.workers())
			loaded.push(...(await w.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)).catch(() => [] as string[])));
		return [...requested, ...loaded];
	};
}

async function trained(page: Page, epochs: number) {
	await expect(page.getByTestId('progress-text')).toContainText(`epoch ${epochs} / ${epochs}`, { timeout: 80_000 });
	await expect(page.getByTestId('play')).toBeVisible();
}

const parquet = (name: string) => ({ name, mimeType: 'application/vnd.apache.parquet', buffer: readFileSync(join(OWN, name)) });

test('imbalance, Parquet: the reader is fetched only once a Parquet file is dropped; its columns, label and a trained result', async ({ page }) => {
	const reader = readerChunk();
	const codecs = codecsChunk();
	const seen = watch(page);
	await page.goto('/imbalance?n=600&epochs=5');
	await trained(page, 5);
	expect(await seen()).not.toContain(reader);

	await page.getByTestId('imbalance-import-input').setInputFiles(parquet('customers.parquet'));
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.parquet: 2,000 rows, 5 columns');
	// Fetched now, by the worker that read the file; the decompressors are not (the file is Snappy, built in).
	await expect.poll(seen, { timeout: 10_000 }).toContain(reader);
	expect(await seen()).not.toContain(codecs);
	// The boolean column is the label, “true” its positive class; numbers and the category are features.
	await expect(page.getByTestId('imbalance-label')).toHaveValue('churn');
	await expect(page.getByTestId('imbalance-positive')).toHaveValue('true');
	const features = page.getByTestId('imbalance-features');
	for (const name of ['age', 'income', 'city']) await expect(features.getByRole('checkbox', { name: new RegExp(`^${name}`) })).toBeChecked();
	await page.getByTestId('imbalance-use').click();
	await expect(page.getByTestId('imbalance-own-active')).toContainText('label “churn” = “true” is the positive class');
	await expect(page.getByTestId('counts')).toContainText(/Your file: [\d,]+ rows/);
	await trained(page, 5);
	// Age and income drive churn: the models find it.
	expect(Number(await page.getByTestId('metric-0-roc').innerText())).toBeGreaterThan(0.7);

	// A Parquet column the lab cannot use: said in words, naming it; the file read before stays.
	await page.getByTestId('imbalance-import-input').setInputFiles(parquet('lists.parquet'));
	await expect(page.getByTestId('imbalance-import-error')).toContainText(
		'Column “tags” holds lists (a Parquet LIST), which this lab cannot read: flatten it to one value per cell.'
	);
	await expect(page.getByTestId('imbalance-file')).toContainText('customers.parquet');
	// Not Parquet inside, though named so: said in words.
	await page
		.getByTestId('imbalance-import-input')
		.setInputFiles({ name: 'table.parquet', mimeType: 'application/octet-stream', buffer: Buffer.from('a,b\n1,2\n') });
	await expect(page.getByTestId('imbalance-import-error')).toContainText('This is not a valid Parquet file (it does not start with “PAR1”)');
});

test('drift, Parquet: two Parquet files — their columns, the roles guessed and the drifted feature; zstd pages from another writer read too', async ({
	page
}) => {
	const reader = readerChunk();
	const seen = watch(page);
	await page.goto('/drift?batches=20&size=100&ref=4');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 60_000 });
	expect(await seen()).not.toContain(reader);

	await page.getByTestId('drift-import-reference-input').setInputFiles(parquet('drift-reference.parquet'));
	await page.getByTestId('drift-import-current-input').setInputFiles(parquet('drift-current.parquet'));
	await expect(page.getByTestId('own-file-reference')).toContainText('drift-reference.parquet: 3,000 rows, 5 columns');
	await expect(page.getByTestId('own-file-current')).toContainText('drift-current.parquet: 3,000 rows, 5 columns');
	await expect.poll(seen, { timeout: 10_000 }).toContain(reader);
	// label and score are the label and the prediction: the three other columns are compared.
	await expect(page.getByTestId('own-label')).toHaveValue('label');
	await expect(page.getByTestId('own-prediction')).toHaveValue('score');
	await expect(page.getByTestId('own-headline')).toBeVisible({ timeout: 30_000 });
	const rows = page.getByTestId('own-report').locator('tbody tr');
	await expect(rows).toHaveCount(3);
	// x moved by half a standard deviation: it drifted, and is sorted first; the float32 column z did not.
	await expect(rows.first()).toContainText('x');
	await expect(rows.first()).toHaveAttribute('data-verdict', 'drift');
	await expect(rows.filter({ has: page.getByRole('button', { name: 'z', exact: true }) })).toHaveAttribute('data-verdict', 'none');

	// A file written by DuckDB with zstd pages (the decompressors' chunk is fetched for it), alone: read, its dates and
	// timestamps said as such on the file card.
	await page.getByTestId('own-forget-current').click();
	await page.getByTestId('own-forget-reference').click();
	await expect(page.getByTestId('own-file-reference')).toHaveCount(0);
	await page.getByTestId('drift-import-reference-input').setInputFiles(parquet('duckdb-zstd.parquet'));
	await expect(page.getByTestId('own-file-reference')).toContainText('duckdb-zstd.parquet: 400 rows, 16 columns');
	// Its rows can only be read with the zstd decoder, so the decompressors' chunk was loaded (here the drift page's
	// resource timings did not list it, so it is not asked); that the chunk stays unfetched for files without such
	// pages is checked in the imbalance test above.
	const read = page.getByTestId('own-file-reference').getByTestId('own-file-format');
	await expect(read.filter({ hasText: '“day”:' })).toHaveCount(1);
	await expect(read.filter({ hasText: '“at_utc”:' })).toHaveCount(1);
});
