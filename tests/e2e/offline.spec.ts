import { test, expect, collectErrors } from './fixtures';
import { serveBuild } from './static-server';

/**
 * Offline: load the site once from a server this test owns, let the service worker precache it, stop the server,
 * and open lab links (with settings in the query) that were never visited. Pages, workers and the TF.js WASM
 * binaries must all come from the cache.
 */
test('works offline once loaded: lab links open and train with the server gone', async ({ browser }) => {
	const server = await serveBuild();
	const context = await browser.newContext();
	const page = await context.newPage();
	const errors = collectErrors(page);
	try {
		await page.goto(`${server.url}/`);
		await expect(page.getByRole('heading', { level: 1, name: 'ML Design Lab' })).toBeVisible();
		await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
		await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
		const cached = await page.evaluate(async () => {
			const paths: string[] = [];
			for (const name of await caches.keys()) {
				for (const r of await (await caches.open(name)).keys()) paths.push(new URL(r.url).pathname);
			}
			return paths;
		});
		expect(cached).toContain('/imbalance');
		expect(cached.some((p) => /\/workers\/compute\.worker-.*\.js$/.test(p))).toBe(true);
		expect(cached.some((p) => p.endsWith('.wasm'))).toBe(true);
		// What a first visit downloads for offline use.
		const precached = await page.evaluate(async () => {
			let bytes = 0;
			for (const name of await caches.keys()) {
				const cache = await caches.open(name);
				for (const r of await cache.keys()) bytes += (await (await cache.match(r))!.blob()).size;
			}
			return bytes;
		});
		console.log(`[precache] ${(precached / 1e6).toFixed(2)} MB`);
		// 2.57 MB before the funnel lab; its HNSW library (hnswlib-wasm, 0.71 MB with its WebAssembly inlined as base64)
		// is precached too, so the funnel lab runs offline; it is fetched by a page only when an HNSW index is built.
		// 3.39 MB with the funnel lab; the capacity lab, distillation and the lessons (loaded when opened) added ~0.3 MB.
		expect(precached).toBeLessThan(3.9e6);

		await server.close();
		await context.setOffline(true);
		await page.goto(`${server.url}/imbalance?n=800&epochs=3&seed=12&backend=wasm`);
		await expect(page.getByTestId('backend-active')).toHaveText('WebAssembly', { timeout: 60_000 });
		await expect(page.getByTestId('progress-text')).toContainText('epoch 3 / 3', { timeout: 60_000 });
		await expect(page.getByTestId('seed')).toHaveValue('12');

		await page.goto(`${server.url}/abtest?days=7&sims=1000`);
		await expect(page.getByTestId('progress-text')).toContainText('day 7 / 7');
		await expect(page.getByTestId('peeking-speed')).toContainText('1,000 experiments', { timeout: 30_000 });

		// The funnel lab's HNSW library (a chunk no page had loaded before going offline) comes from the precache.
		await page.goto(`${server.url}/funnel?items=2000&users=300&sessions=6&test=100&queries=20&epochs=1`);
		await expect(page.getByTestId('curve-sentence')).toContainText(/HNSW (reaches|stays below) recall@10/, { timeout: 60_000 });
		await expect(page.getByTestId('run-error')).toHaveCount(0);

		// A lesson (its chunks loaded only when opened) and the instructor page, offline too.
		await page.goto(`${server.url}/capacity?seeds=4&sets=20&gsets=10&lesson=capacity-remove-peak&step=1`);
		await expect(page.getByTestId('lesson-step-title')).toHaveText('Remove the noise', { timeout: 30_000 });
		await page.keyboard.press('2');
		await page.keyboard.press('v');
		await expect(page.getByTestId('lesson-explain')).toContainText('The lab found', { timeout: 60_000 });
		await page.goto(`${server.url}/lessons`);
		await expect(page.getByTestId('lesson-count')).toContainText('lessons in');
		expect(errors).toEqual([]);
	} finally {
		await context.close();
		await server.close().catch(() => undefined);
	}
});
