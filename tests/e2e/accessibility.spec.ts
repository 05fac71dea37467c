import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { READY } from './labs';

/**
 * For every lab (from the manifests): settings light enough to render quickly, and its widest element (a results
 * table), from its manifest's `checks`.
 */
const LABS = READY.map((l) => [l.id, `${l.path}?${l.checks.light}`, l.checks.widest] as const);

async function ready(page: Page, path: string, widest: string) {
	await page.goto(path);
	await expect(page.locator('h1')).toBeVisible();
	await expect(page.locator('figure.chart svg').first()).toBeVisible({ timeout: 60_000 });
	await expect(page.getByTestId(widest)).toBeVisible({ timeout: 60_000 });
}

/** Form controls and buttons without an accessible name (label, aria-label, aria-labelledby or text). */
function unnamedControls(page: Page) {
	return page.evaluate(() => {
		const bad: string[] = [];
		for (const el of document.querySelectorAll<HTMLElement>('input, select, textarea, button')) {
			if ((el as HTMLInputElement).type === 'hidden' || el.getClientRects().length === 0) continue;
			const labelled = el
				.getAttribute('aria-labelledby')
				?.split(' ')
				.map((id) => document.getElementById(id)?.textContent ?? '')
				.join('');
			const labels = 'labels' in el ? [...((el as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join('') : '';
			const name = [el.getAttribute('aria-label'), labelled, labels, el.tagName === 'BUTTON' ? el.textContent : '', el.title].join('').trim();
			if (!name) bad.push(el.outerHTML.slice(0, 140));
		}
		return bad;
	});
}

for (const [lab, path, widest] of LABS) {
	test(`${lab}: every control has a label, every chart a text alternative`, async ({ page }) => {
		await ready(page, path, widest);
		expect(await unnamedControls(page)).toEqual([]);
		const charts = page.locator('figure.chart');
		expect(await charts.count()).toBeGreaterThan(0);
		for (const chart of await charts.all()) {
			const title = (await chart.locator('h3').textContent())?.trim() ?? '';
			expect(title.length).toBeGreaterThan(2);
			const alt = (await chart.locator('[role="img"]').getAttribute('aria-label')) ?? '';
			expect(alt.length, `text alternative of "${title}"`).toBeGreaterThan(title.length + 10);
			expect(alt).not.toMatch(/NaN|undefined/);
		}
	});

	test(`${lab}: usable on a phone (390 px wide, no sideways scrolling)`, async ({ page }) => {
		await page.setViewportSize({ width: 390, height: 844 });
		await ready(page, path, widest);
		await page.waitForTimeout(500); // let charts take their measured widths
		const { scroll, client } = await page.evaluate(() => ({
			scroll: document.documentElement.scrollWidth,
			client: document.documentElement.clientWidth
		}));
		expect(scroll, 'page width on a phone').toBeLessThanOrEqual(client);
		const box = await page.locator('figure.chart').first().boundingBox();
		expect(box!.width).toBeGreaterThan(250);
		expect(box!.x + box!.width).toBeLessThanOrEqual(client);
		// The results come first: the settings are one folded row, and the first chart starts on the first screens.
		expect(box!.y, 'first chart position on a phone').toBeLessThan(2 * 844);
		await expect(page.getByTestId('seed')).toBeHidden();
		// Controls are one tap away, reachable and readable.
		await page.getByTestId('settings-toggle').click();
		await expect(page.getByTestId('seed')).toBeVisible();
		await expect(page.getByTestId('preset')).toBeVisible();
	});
}

test('keyboard only: Tab reaches every kind of control and the settings respond to keys', async ({ page }) => {
	await page.goto('/imbalance?n=600&epochs=2');
	await expect(page.getByTestId('progress-text')).toContainText('epoch 2 / 2', { timeout: 60_000 });
	const reached = new Set<string>();
	let ratioFocusVisible = false;
	for (let i = 0; i < 80 && !reached.has('play') && !reached.has('pause'); i++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const el = document.activeElement as HTMLElement | null;
			return { id: el?.dataset.testid ?? '', outline: el ? getComputedStyle(el).outlineStyle : 'none' };
		});
		reached.add(focused.id);
		if (focused.id === 'ratio') {
			ratioFocusVisible = focused.outline !== 'none';
			await page.keyboard.press('End');
			await expect.poll(() => new URL(page.url()).searchParams.get('ratio')).toBe('1000');
		}
	}
	for (const id of ['theme', 'present-toggle', 'copy-link', 'backend-select', 'preset', 'ratio', 'seed', 'loss']) {
		expect(reached, `Tab reaches ${id}`).toContain(id);
	}
	expect(reached.has('play') || reached.has('pause'), 'Tab reaches the transport').toBe(true);
	expect(ratioFocusVisible, 'the focused slider shows a focus ring').toBe(true);
	await expect(page.getByTestId('progress-text')).toContainText('epoch 2 / 2', { timeout: 60_000 });
});
