import { test, expect } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';

async function downloaded(page: Page, click: () => Promise<void>): Promise<{ name: string; data: Buffer }> {
	const [download] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
	const path = await download.path();
	return { name: download.suggestedFilename(), data: await readFile(path) };
}

test('any chart exports as SVG and PNG, and its data as CSV', async ({ page }) => {
	await page.goto('/abtest?days=12&seed=6&sims=1000');
	await expect(page.getByTestId('progress-text')).toContainText('day 12 / 12');
	const chart = page.getByTestId('chart-rates');
	await expect(chart.locator('svg path[fill="none"]').first()).toBeVisible();

	const svg = await downloaded(page, () => chart.getByRole('button', { name: /as SVG$/ }).click());
	expect(svg.name).toMatch(/\.svg$/);
	const parsed = await page.evaluate((text) => {
		const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
		return {
			error: doc.querySelector('parsererror')?.textContent ?? null,
			root: doc.documentElement.nodeName,
			paths: doc.querySelectorAll('path').length,
			texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
			width: Number(doc.documentElement.getAttribute('width'))
		};
	}, svg.data.toString('utf8'));
	expect(parsed.error).toBeNull();
	expect(parsed.root).toBe('svg');
	expect(parsed.paths).toBeGreaterThan(3);
	expect(parsed.width).toBeGreaterThan(200);
	expect(parsed.texts.join(' ')).toMatch(/\d/); // axis ticks made it into the file
	expect(svg.data.toString('utf8')).not.toContain('var(--'); // styles are resolved, not page variables

	const png = await downloaded(page, () => chart.getByRole('button', { name: /as PNG$/ }).click());
	expect(png.name).toMatch(/\.png$/);
	expect([...png.data.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
	const pixels = await page.evaluate(async (b64) => {
		const img = new Image();
		img.src = `data:image/png;base64,${b64}`;
		await img.decode();
		const canvas = new OffscreenCanvas(img.width, img.height);
		const ctx = canvas.getContext('2d')!;
		ctx.drawImage(img, 0, 0);
		const data = ctx.getImageData(0, 0, img.width, img.height).data;
		const colours = new Set<number>();
		for (let i = 0; i < data.length; i += 4 * 7) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
		return { width: img.width, height: img.height, colours: colours.size };
	}, png.data.toString('base64'));
	expect(pixels.width).toBe(parsed.width * 2);
	expect(pixels.height).toBeGreaterThan(200);
	expect(pixels.colours).toBeGreaterThan(10); // not a blank image

	const csv = await downloaded(page, () => chart.getByRole('button', { name: /as CSV$/ }).click());
	expect(csv.name).toMatch(/\.csv$/);
	const lines = csv.data.toString('utf8').trim().split('\n');
	const header = lines[0].split(',');
	expect(header.length).toBeGreaterThan(2);
	expect(lines.length).toBeGreaterThanOrEqual(13); // a row per day (and series)
	for (const line of lines.slice(1)) {
		expect(line.split(',').length).toBe(header.length);
		expect(line).not.toMatch(/NaN|undefined/);
	}
	expect(lines.slice(1).some((l) => l.split(',').some((c) => c !== '' && Number.isFinite(Number(c)) && Number(c) > 0))).toBe(true);
});
