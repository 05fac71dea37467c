import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { READY } from './labs';

/**
 * Start-up (issue 28): a lab's worker and backend start from the client's init hook, before the lab's page has
 * rendered, and the page takes that worker instead of starting a second one — on a first load and on a navigation
 * from another page. The panels below the results (sweep, import) load after the first paint and still arrive.
 */
async function countWorkers(page: Page) {
	await page.addInitScript(() => {
		const w = window as unknown as { __workers: number[]; Worker: typeof Worker };
		w.__workers = [];
		const Original = w.Worker;
		w.Worker = class extends Original {
			constructor(url: string | URL, options?: WorkerOptions) {
				super(url, options);
				w.__workers.push(performance.now());
			}
		};
	});
}

const marks = (page: Page) =>
	page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])) as Record<string, number>);

for (const lab of READY) {
	test(`${lab.id}: the worker starts before the page renders, once`, async ({ page }) => {
		await countWorkers(page);
		await page.goto(`${lab.path}?${lab.checks.light}`);
		await expect(page.getByTestId(lab.checks.numbers[0])).toContainText(/\d/, { timeout: 60_000 });
		const m = await marks(page);
		const workers = await page.evaluate(() => (window as unknown as { __workers: number[] }).__workers);
		console.log(
			`[startup] ${lab.id}: worker asked by the page at ${m['mdl:worker-start']?.toFixed(0)} ms, started early at ${m['mdl:prestart']?.toFixed(0)} ms`
		);
		expect(m['mdl:prestart'], 'started from the init hook').toBeDefined();
		expect(m['mdl:prestart']).toBeLessThan(m['mdl:worker-start']);
		expect(workers, 'one compute worker: the early one was taken').toHaveLength(1);
		expect(workers[0]).toBeLessThan(m['mdl:worker-start']);
	});
}

test('a navigation from the home page starts the lab before its page renders, with one worker', async ({ page }) => {
	await countWorkers(page);
	await page.goto('/');
	const lab = READY.find((l) => l.sweep)!;
	await page.getByRole('navigation', { name: 'Labs' }).getByRole('link', { name: lab.title }).click();
	await expect(page.getByTestId(lab.checks.numbers[0])).toContainText(/\d/, { timeout: 60_000 });
	const m = await marks(page);
	expect(m['mdl:prestart']).toBeLessThan(m['mdl:worker-start']);
	expect(await page.evaluate(() => (window as unknown as { __workers: number[] }).__workers)).toHaveLength(1);
	await expect(page.getByTestId('sweep-run')).toBeVisible();
});

test('a panel that cannot load says so in words and the lab keeps working', async ({ page }) => {
	// The sweep panel's chunk in the build (names are hashes): the one that holds its preset picker.
	const dir = 'build/_app/immutable/chunks';
	const chunk = readdirSync(dir).find((f) => f.endsWith('.js') && readFileSync(`${dir}/${f}`, 'utf8').includes('sweep-preset'));
	expect(chunk, 'the sweep panel is a chunk of its own').toBeDefined();
	await page.route(`**/${chunk}`, (route) => route.abort());
	const lab = READY.find((l) => l.sweep)!;
	await page.goto(`${lab.path}?${lab.checks.light}`);
	await expect(page.getByRole('alert').filter({ hasText: 'panel could not load' })).toBeVisible({ timeout: 30_000 });
	await expect(page.getByTestId(lab.checks.numbers[0])).toContainText(/\d/, { timeout: 60_000 });
});

test('the offline precache starts after the lab has started, not during its start', async ({ browser }) => {
	// A fresh context: no service worker from an earlier test.
	const context = await browser.newContext();
	const page = await context.newPage();
	try {
		const lab = READY.find((l) => l.id === 'rollout') ?? READY[0];
		await page.goto(`${lab.path}?${lab.checks.light}`);
		await expect(page.getByTestId(lab.checks.numbers[0])).toContainText(/\d/, { timeout: 60_000 });
		const early = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined);
		const t = await page.evaluate(() => performance.now());
		// It registers 3 s after the page's load event: by first numbers within 3 s, none may be registered yet.
		if (t < 3000) expect(early, `a service worker registered by the first numbers (${t.toFixed(0)} ms)`).toBe(false);
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()) !== undefined)).toBe(true);
	} finally {
		await context.close();
	}
});

test('the first render is split: results and presenter mode in the first frame, the settings in later ones', async ({ page }) => {
	// Record, as elements arrive, whether presenter mode was already on when the lab's results first appeared (set
	// after them, it restyled and re-laid out the whole page in its first frame) and in which animation frame the
	// results and the settings' first control appeared.
	await page.addInitScript(() => {
		const w = window as unknown as { __split: { frame: number; results?: number; settings?: number; present?: boolean } };
		w.__split = { frame: 0 };
		const tick = () => {
			w.__split.frame++;
			requestAnimationFrame(tick);
		};
		requestAnimationFrame(tick);
		new MutationObserver(() => {
			const s = w.__split;
			if (s.results === undefined && document.querySelector('[data-testid="lab-results"]')) {
				s.results = s.frame;
				s.present = document.documentElement.dataset.present === '1';
			}
			if (s.settings === undefined && document.querySelector('aside.controls section input')) s.settings = s.frame;
		}).observe(document, { subtree: true, childList: true });
	});
	const lab = READY.find((l) => l.id === 'compression') ?? READY[0];
	await page.goto(`${lab.path}?${lab.checks.light}&present=1`);
	await expect(page.locator('aside.controls section input').first()).toBeVisible({ timeout: 30_000 });
	const s = await page.evaluate(() => (window as unknown as { __split: { results: number; settings: number; present: boolean } }).__split);
	console.log(`[startup] ${lab.id}: results in frame ${s.results}, settings in frame ${s.settings}`);
	expect(s.present, 'presenter mode on before the lab rendered').toBe(true);
	expect(s.settings).toBeGreaterThan(s.results);
	await expect(page.getByTestId(lab.checks.numbers[0])).toContainText(/\d/, { timeout: 60_000 });
});
