import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { READY } from './labs';

/**
 * Each lab's numbers at its manifest's light settings (`checks.light`, `checks.numbers`) on the WebAssembly backend (deterministic: no GPU reductions), compared
 * with the numbers the build before the one-folder-per-lab move showed (`default-numbers.json`). A refactor that
 * changes a number fails here. Measured times (ms, µs, seconds, samples/s) are masked: they are the device's, not
 * the lab's. `RECORD_DEFAULTS=1 npx playwright test default-numbers` rewrites the file — only when a change of
 * numbers is intended, and said in the commit.
 */
const GOLDEN = fileURLToPath(new URL('./default-numbers.json', import.meta.url));
const RECORD = process.env.RECORD_DEFAULTS === '1';

/** Times measured on this device, masked. */
const mask = (s: string) =>
	s
		.replace(/[\d.,]+(\s*\/\s*[\d.,]+)?\s*(ms|µs|s left|samples\/s|queries\/s)/g, '#$2')
		.replace(/\b\d+(\.\d+)?×/g, '#×')
		.replace(/[\d,]+ runs a second/g, '# runs a second')
		.replace(/\b\d+(\.\d+)?\s*s\b/g, '#s')
		.replace(/[ \t]+/g, ' ')
		.trim();

/** Partial results shown while a run goes on (issue 28): not the numbers to compare. */
const RUNNING = /still running|testing…|waiting for its A\/B test|training…|fine-tuning…|measuring…|timing…|queued/;

/** The element's text once its run is complete and it has stopped changing (three equal reads 0.7 s apart). */
async function settled(page: Page, id: string): Promise<string> {
	const el = page.getByTestId(id).first();
	await expect(el).toBeVisible({ timeout: 60_000 });
	let last = '';
	let same = 0;
	for (let i = 0; i < 120 && same < 3; i++) {
		const t = mask(await el.innerText());
		const busy = await el.evaluate((e) => !!e.closest('[aria-busy="true"]') || !!e.querySelector('[aria-busy="true"]'));
		same = t === last && !busy && !RUNNING.test(t) ? same + 1 : 0;
		last = t;
		await page.waitForTimeout(700);
	}
	return last;
}

test('each lab shows the same numbers as the build before the move', async ({ page }) => {
	test.setTimeout(600_000);
	const seen: Record<string, Record<string, string>> = {};
	for (const lab of READY) {
		await page.goto(`${lab.path}?${lab.checks.light}&backend=wasm`);
		await expect(page.locator('h1')).toBeVisible();
		seen[lab.id] = {};
		for (const id of lab.checks.numbers) seen[lab.id][id] = await settled(page, id);
	}
	if (RECORD) await writeFile(GOLDEN, JSON.stringify(seen, null, '\t') + '\n');
	const golden = JSON.parse(await readFile(GOLDEN, 'utf8')) as typeof seen;
	for (const lab of Object.keys(seen)) for (const id of Object.keys(seen[lab])) expect.soft(seen[lab][id], `${lab} ${id}`).toBe(golden[lab]?.[id]);
});
