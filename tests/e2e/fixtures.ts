import { test as base, expect, type Page } from '@playwright/test';

/**
 * Every page test collects console errors and uncaught exceptions (page and workers) and fails if there were any
 * (an automatic fixture; a test that expects some, e.g. a 404 page, lists them with `allowedConsoleErrors`).
 * `backendOf` records which TF.js backend a lab ran on, in the report and on stdout.
 */
export function collectErrors(page: Page, errors: string[] = []): string[] {
	page.on('console', (m) => {
		if (m.type() === 'error') errors.push(m.text());
	});
	page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`));
	page.on('worker', (w) => w.on('console', (m) => m.type() === 'error' && errors.push(`worker: ${m.text()}`)));
	return errors;
}

export const test = base.extend<{ consoleErrors: string[]; allowedConsoleErrors: RegExp[] }>({
	allowedConsoleErrors: [[], { option: true }],
	consoleErrors: [
		async ({ page, allowedConsoleErrors }, use, testInfo) => {
			const errors = collectErrors(page);
			await use(errors);
			const unexpected = errors.filter((e) => !allowedConsoleErrors.some((re) => re.test(e)));
			if (testInfo.status === testInfo.expectedStatus) expect(unexpected, 'console errors').toEqual([]);
		},
		{ auto: true }
	]
});

export { expect };

export async function backendOf(page: Page, lab: string): Promise<string> {
	const active = page.getByTestId('backend-active');
	await expect(active).toBeVisible({ timeout: 60_000 });
	const name = (await active.textContent())?.trim() ?? '?';
	const device = (await active.getAttribute('title')) ?? '';
	test.info().annotations.push({ type: 'backend', description: `${lab}: ${name} (${device})` });
	console.log(`[backend] ${lab}: ${name} (${device})`);
	return name;
}

/** Query parameters of the current page URL. */
export function params(page: Page): URLSearchParams {
	return new URL(page.url()).searchParams;
}

/** Wait until the debounced URL write has happened and a parameter has the expected value. */
export async function expectParam(page: Page, key: string, value: string): Promise<void> {
	await expect.poll(() => params(page).get(key), { timeout: 10_000 }).toBe(value);
}
