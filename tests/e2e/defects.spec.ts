import { LABS } from './labs';
import { labTitle } from '../../src/lib/labs/manifest';
import { test, expect, expectParam, params } from './fixtures';

const READY = LABS.filter((l) => l.ready);

/** Defects a new user met (issue: links that do not replay, a crash, layout and header problems). */

test('links keep big integers exactly: the seed, A/B counts and the largest seed', async ({ page }) => {
	await page.goto('/abtest?cc=1234567&cn=98765432&vc=1300001&vn=98765431&seed=4294967295&sims=1000');
	await expect(page.getByTestId('days')).toBeVisible();
	await page.waitForTimeout(800); // the debounced URL write has happened
	const q = params(page);
	expect(q.get('cc')).toBe('1234567');
	expect(q.get('cn')).toBe('98765432');
	expect(q.get('vc')).toBe('1300001');
	expect(q.get('vn')).toBe('98765431');
	expect(q.get('seed')).toBe('4294967295');
	await expect(page.getByTestId('url-issues')).toHaveCount(0);
	await page.goto('/imbalance?n=1000&epochs=5&seed=1234567');
	await expectParam(page, 'seed', '1234567');
});

test('unknown parameters are dropped and said so; hexadecimal and padded numbers are refused in words', async ({ page }) => {
	await page.goto('/imbalance?n=0x1F&epochs=2&unknown=%3Cscript%3Ealert(1)%3C%2Fscript%3E');
	const issues = page.getByTestId('url-issues');
	await expect(issues).toContainText('n=0x1F is not a number');
	await expect(issues).toContainText('does not have');
	await expect.poll(() => params(page).has('unknown'), { timeout: 10_000 }).toBe(false);
	expect(params(page).get('n')).not.toBe('0x1F');
});

test('a 3,000-digit value does not widen the page', async ({ page }) => {
	await page.goto(`/imbalance?epochs=2&ratio=${'9'.repeat(3000)}`);
	await expect(page.getByTestId('url-issues')).toContainText('3000 characters');
	const { scroll, client } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
	expect(scroll).toBeLessThanOrEqual(client);
});

test('drift: Home on the Batches slider (60 → 12) does not crash the snapshot view', async ({ page }) => {
	// the fixture fails the test on any uncaught error
	await page.goto('/drift?batches=60');
	await expect(page.getByTestId('drift-headline')).toBeVisible({ timeout: 90_000 });
	await page.getByTestId('batches').focus();
	await page.keyboard.press('Home');
	await expectParam(page, 'batches', '12');
	await expect(page.getByTestId('progress-text')).toContainText('batch 12 / 12', { timeout: 90_000 });
	await expect(page.getByTestId('chart-batch')).toBeVisible();
});

test('sliders reach their maximum (log sliders end exactly at the bound)', async ({ page }) => {
	await page.goto('/compression?width=48&depth=1&epochs=1&ntrain=500');
	await page.getByTestId('width').focus();
	await page.keyboard.press('End');
	await expectParam(page, 'width', '1024');
	await page.getByTestId('width').focus();
	await page.keyboard.press('Home');
	await expectParam(page, 'width', '8');
});

test('presenter mode: a chart on the first screen at 1280×720, and both links offered', async ({ page }) => {
	await page.setViewportSize({ width: 1280, height: 720 });
	for (const { id: lab, path } of READY) {
		await page.goto(`${path}?present=1`);
		const chart = page.locator('figure.chart').first();
		await expect(chart.locator('svg').first()).toBeVisible({ timeout: 120_000 });
		// The first chart of the page once its charts have come (while they come, a lower one can be the first drawn).
		await expect.poll(async () => (await chart.boundingBox())?.y ?? Infinity, { message: `${lab}: first chart top`, timeout: 60_000 }).toBeLessThan(720 - 120);
	}
	await expect(page.getByTestId('copy-link-present')).toBeVisible();
	await expect(page.getByTestId('copy-link')).toBeVisible();
});

test.describe('a page that does not exist', () => {
	// The browser logs the 404 response itself; nothing else may be logged.
	test.use({ allowedConsoleErrors: [/status of 404/] });
	test('the 404 page has a title and a way back; lab pages have a title before JavaScript runs', async ({ page, request }) => {
		for (const lab of READY) {
			const html = await (await request.get(lab.path)).text();
			expect(html).toContain(`<title>${labTitle(lab)}</title>`);
		}
		await page.goto('/no-such-lab');
		await expect(page.getByTestId('error-page')).toContainText('This page does not exist');
		await expect(page).toHaveTitle(/Page not found/);
		await page.getByTestId('error-page').getByRole('link', { name: 'Data drift' }).click();
		await expect(page).toHaveURL(/\/drift/);
		await expect(page).toHaveTitle('Data drift · ML Design Lab');
	});
});

test('the backend note is a neutral line with details on demand', async ({ page }) => {
	await page.goto('/imbalance?n=400&epochs=1');
	await expect(page.getByTestId('backend-active')).toBeVisible({ timeout: 60_000 });
	// Automatic choice: no warning banner; the explanation is behind "Why …?".
	await expect(page.locator('.notice.warn[data-testid=backend-notice]')).toHaveCount(0);
	await expect(page.getByTestId('copy-link')).toBeVisible();
});
