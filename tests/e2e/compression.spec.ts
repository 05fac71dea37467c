import { readFileSync } from 'node:fs';
import { test, expect, backendOf, expectParam } from './fixtures';

const SMALL = '/compression?width=48&depth=2&epochs=3&ntrain=2000&runs=5&large=256&ftepochs=1';

test('trains, then measures every variant with its backend named; the table and charts fill in', async ({ page }) => {
	await page.goto(SMALL);
	const backend = await backendOf(page, 'compression');
	await expect(page.getByTestId('progress-text')).toContainText('epoch 3 / 3', { timeout: 60_000 });
	await expect(page.getByTestId('variants-table')).toBeVisible({ timeout: 90_000 });
	// 18 compressed variants, then the two students (distillation is on by default: 8 units, T = 4, λ = 0.1).
	await expect(page.getByTestId('variants-table').locator('tbody tr')).toHaveCount(20);
	await expect(page.getByTestId('variant-student')).toContainText('Student (8 units), labels only');
	await expect(page.getByTestId('variant-distilled')).toContainText('Distilled student (8 units, T = 4, λ = 0.1)');
	await expect(page.getByTestId('variant-distilled')).toContainText('layers 16-8-8-1');
	await expect(page.getByTestId('distill-sentence')).toContainText('In this one run (seed 9');
	await expect(page.getByTestId('distill-sentence')).toContainText('One seed is one run');
	await expect(page.getByTestId('measured-note')).toContainText(backend);
	await expect(page.getByTestId('measured-note')).toContainText('tfjs#611');
	for (const id of ['chart-size', 'chart-latency', 'chart-weights', 'chart-training']) await expect(page.getByTestId(id).locator('svg')).toBeVisible();
	// structured pruning really shrinks the layers
	await expect(page.getByTestId('variant-neurons')).toContainText('layers 16-24-24-1');
	const text = await page.getByTestId('variants-table').innerText();
	expect(text).not.toMatch(/NaN|undefined/);
	// The sweep panel gives its time on this device before any sweep has run (from the lab's own fine-tuning speed).
	await expect(page.getByTestId('sweep-size')).toContainText(/runs, (about \d+ (s|min|h)|under a second)[^;]* here$/, { timeout: 30_000 });
});

test('exports a variant as a TF.js model and the results as CSV', async ({ page }) => {
	await page.goto(SMALL);
	await expect(page.getByTestId('variants-table')).toBeVisible({ timeout: 120_000 });
	const downloads: Array<{ name: string; path: string }> = [];
	page.on('download', async (d) => downloads.push({ name: d.suggestedFilename(), path: (await d.path())! }));
	await page
		.getByTestId('variant-q8-asym-tensor')
		.getByRole('button', { name: /Export/ })
		.click();
	await expect.poll(() => downloads.length).toBe(2);
	await expect.poll(() => downloads.every((d) => d.path)).toBe(true);
	const model = downloads.find((d) => d.name === 'model.json')!;
	const weights = downloads.find((d) => d.name === 'weights.bin')!;
	const json = JSON.parse(readFileSync(model.path, 'utf8'));
	expect(json.format).toBe('layers-model');
	const specs = json.weightsManifest[0].weights;
	expect(specs[0].quantization.dtype).toBe('uint8');
	// weights.bin holds exactly what the manifest describes: uint8 kernels, float32 biases
	const expected = specs.reduce(
		(s: number, w: { shape: number[]; quantization?: unknown }) => s + w.shape.reduce((a, b) => a * b, 1) * (w.quantization ? 1 : 4),
		0
	);
	expect(readFileSync(weights.path).length).toBe(expected);
	await page.getByTestId('results-csv').click();
	await expect.poll(() => downloads.length).toBe(3);
	await expect.poll(() => !!downloads[2]?.path).toBe(true);
	const csv = readFileSync(downloads[2].path, 'utf8');
	expect(csv.split('\n')[0]).toContain('batch1_median_ms');
	expect(csv.trim().split('\n')).toHaveLength(21);
});

test('distillation: student settings are keyboard-usable and in the URL; a preset sets them and the page reads the run', async ({ page }) => {
	await page.goto(SMALL);
	await page.getByTestId('sw').focus();
	await page.keyboard.press('End');
	await expectParam(page, 'sw', '256');
	await page.keyboard.press('Home');
	await expectParam(page, 'sw', '1');
	await page.getByTestId('preset').selectOption('distill-pays');
	await expectParam(page, 'sw', '16');
	await expectParam(page, 'srows', '0.03');
	await expect(page.getByTestId('variant-distilled')).toContainText('Distilled student (16 units, 3% of the rows, T = 4, λ = 0.1)');
	await expect(page.getByTestId('distill-sentence')).toContainText(/^In this one run \(seed 9, [\d,]+ test rows\)/, { timeout: 180_000 });
	await expect(page.getByTestId('distill-sentence')).toContainText('One seed is one run');
	await expect(page.getByTestId('distill-note')).toContainText('arXiv:1503.02531');
});

test('bad settings are explained', async ({ page }) => {
	await page.goto('/compression?width=99999&depth=0&epochs=2&ntrain=1000&runs=5&large=128');
	await expect(page.getByTestId('url-issues')).toContainText('width=99999 is above the maximum 1024');
	await expect(page.getByTestId('url-issues')).toContainText('depth=0 is below the minimum 1');
	await expect(page.getByTestId('variants-table')).toBeVisible({ timeout: 180_000 });
});
