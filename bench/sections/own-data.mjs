/** Reading your own data in the page: a large CSV through the drift lab, a training file through the imbalance lab. */
import { stat } from 'node:fs/promises';
import { chromiumRss } from '../browser.mjs';
import { bigCsv, customersCsv } from '../csv-files.mjs';
import { PORT, flag } from '../options.mjs';
import { table, fmt } from '../tables.mjs';

export async function benchOwnData({ browser }) {
	// 0c. Your own data: a 1,000,000-row × 20-numeric-column CSV (~150 MB, generated here once) read by the drift lab's
	// worker and reported on, through the page (file input → report shown); Chromium's memory sampled meanwhile.
	const rows = flag('quick') ? 200000 : 1000000;
	const path = await bigCsv(rows);
	const { size } = await stat(path);
	const p2 = await browser.newPage();
	await p2.goto(`http://localhost:${PORT}/drift?batches=12&size=50&ref=2`);
	await p2.getByTestId('drift-headline').waitFor({ timeout: 120000 });
	const before = chromiumRss();
	let peak = before;
	const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 250);
	const t0 = Date.now();
	await p2.getByTestId('drift-import-reference-input').setInputFiles(path);
	await p2.getByTestId('own-file-reference').waitFor({ timeout: 600000 });
	const read = (Date.now() - t0) / 1000;
	await p2.getByTestId('own-headline').waitFor({ timeout: 600000 });
	const total = (Date.now() - t0) / 1000;
	clearInterval(sampler);
	const headline = await p2.getByTestId('own-headline').textContent();
	await p2.close();
	table(
		'Drift lab, your own data: one CSV with a batch column (10 batches, the first 2 the reference) and 20 numeric columns, read in the worker and reported on',
		['rows', 'columns', 'file MB', 'read s', 'read + report s', 'Chromium RSS before MB', 'peak MB'],
		[[fmt(rows), 21, (size / 1024 ** 2).toFixed(0), read.toFixed(1), total.toFixed(1), fmt(before / 1024), fmt(peak / 1024)]]
	);
	console.log(`(report: ${headline})`);

	// The imbalance lab trains on a 200,000-row file (6 numbers and a category, 5% positive): read, set up, 10 epochs.
	const irows = flag('quick') ? 50000 : 200000;
	const ipath = await customersCsv(irows);
	const p3 = await browser.newPage();
	await p3.goto(`http://localhost:${PORT}/imbalance?n=600&epochs=10`);
	await p3.getByTestId('progress-text').filter({ hasText: 'epoch 10 / 10' }).waitFor({ timeout: 120000 });
	const backendName = (await p3.getByTestId('backend-active').textContent())?.trim();
	const i0 = Date.now();
	await p3.getByTestId('imbalance-import-input').setInputFiles(ipath);
	await p3.getByTestId('imbalance-file').waitFor({ timeout: 600000 });
	const iread = (Date.now() - i0) / 1000;
	const i1 = Date.now();
	await p3.getByTestId('imbalance-use').click();
	await p3.getByTestId('counts').filter({ hasText: 'Your file' }).waitFor({ timeout: 600000 });
	const isetup = (Date.now() - i1) / 1000;
	const i2 = Date.now();
	await p3.getByTestId('progress-text').filter({ hasText: 'epoch 10 / 10' }).waitFor({ timeout: 600000 });
	const itrain = (Date.now() - i2) / 1000;
	const auc = await p3.getByTestId('metric-0-roc').innerText();
	const counts = (await p3.getByTestId('counts').innerText()).replace(/\s+/g, ' ');
	await p3.close();
	const trainRows = Math.round(irows * 0.7);
	table(
		`Imbalance lab, your own data: a ${fmt(irows)}-row CSV (6 numbers, a category with 8 values, 5% positive; 14 model inputs), two models, 10 epochs, backend ${backendName}`,
		['rows', 'file MB', 'read s', 'set up s', '10 epochs s', 'samples/s (both models)', 'ROC AUC (A)'],
		[
			[
				fmt(irows),
				((await stat(ipath)).size / 1024 ** 2).toFixed(1),
				iread.toFixed(1),
				isetup.toFixed(1),
				itrain.toFixed(1),
				fmt((2 * 10 * trainRows) / itrain),
				auc
			]
		]
	);
	console.log(`(${counts})`);
}
