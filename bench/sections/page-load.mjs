/** The imbalance lab as a user opens it: its default run's time and long frames, and main-thread stalls while it trains. */
import { BACKENDS, PORT } from '../options.mjs';
import { table } from '../tables.mjs';

export async function benchDefaults({ browser }) {
	// 2a. The imbalance lab's default run as a user opens it: time from the backend being ready to the last epoch,
	// and the long animation frames (> 50 ms) while it trains and before (the first draw of the charts).
	const rows = [];
	for (const backend of BACKENDS) {
		for (let run = 0; run < 3; run++) {
			const lab = await browser.newPage({ viewport: { width: 1440, height: 900 } });
			await lab.addInitScript(() => {
				const w = window;
				w.__run = { frames: [], ready: 0, first: 0 };
				new PerformanceObserver((list) => {
					for (const e of list.getEntries()) w.__run.frames.push([e.startTime, e.duration]);
				}).observe({ type: 'long-animation-frame', buffered: true });
				new MutationObserver(() => {
					if (!w.__run.ready && document.querySelector('[data-testid=backend-active]')) w.__run.ready = performance.now();
					const text = document.querySelector('[data-testid=progress-text]')?.textContent ?? '';
					if (!w.__run.first && /epoch [1-9]/.test(text)) w.__run.first = performance.now();
				}).observe(document, { subtree: true, childList: true, characterData: true });
			});
			await lab.goto(`http://localhost:${PORT}/imbalance?backend=${backend}`);
			await lab.waitForFunction(() => document.querySelector('[data-testid="progress-text"]')?.textContent?.includes('epoch 60 / 60'), null, {
				timeout: 300_000
			});
			const end = await lab.evaluate(() => performance.now());
			const r = await lab.evaluate(() => window.__run);
			const training = r.frames.filter(([t, d]) => t + d > r.first && t < end);
			const before = r.frames.filter(([t, d]) => t + d > r.ready && t + d <= r.first);
			const longest = (xs) => (xs.length ? Math.max(...xs.map(([, d]) => d)).toFixed(0) : '–');
			rows.push([backend, run + 1, `${((end - r.ready) / 1000).toFixed(2)} s`, training.length, longest(training), before.length, longest(before)]);
			await lab.close();
		}
	}
	table(
		"Class-imbalance lab's default run (5,000 points, 60 epochs, two models) as a page load: from the backend ready to epoch 60",
		['backend', 'run', 'ready → done', 'long frames while training', 'longest (ms)', 'long frames before (charts drawn)', 'longest (ms)'],
		rows
	);
}

export async function benchStalls({ browser }) {
	// 2. Main-thread stalls on the real lab page while it trains (and redraws every chart).
	const stallRows = [];
	for (const backend of BACKENDS) {
		const lab = await browser.newPage();
		await lab.addInitScript(() => {
			const w = window;
			w.__stall = { maxLag: 0, longTasks: [], frames: [] };
			let last = performance.now();
			setInterval(() => {
				const now = performance.now();
				w.__stall.maxLag = Math.max(w.__stall.maxLag, now - last - 10);
				last = now;
			}, 10);
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.__stall.longTasks.push(e.duration);
			}).observe({ type: 'longtask', buffered: true });
			// Long animation frames (> 50 ms): script, style, layout and paint of one frame together.
			new PerformanceObserver((list) => {
				for (const e of list.getEntries()) w.__stall.frames.push(e.duration);
			}).observe({ type: 'long-animation-frame', buffered: true });
		});
		// Long enough to measure at the fused engine's speed (a few seconds of training).
		const epochs = 150;
		await lab.goto(`http://localhost:${PORT}/imbalance?n=10000&epochs=${epochs}&backend=${backend}`);
		await lab.getByTestId('backend-active').waitFor({ timeout: 60_000 });
		const active = await lab.getByTestId('backend-active').textContent();
		// Start measuring once the page is up, so the one-off page load is not counted as a training stall.
		await lab.waitForFunction(
			() => Number(/epoch (\d+) \//.exec(document.querySelector('[data-testid="progress-text"]')?.textContent ?? '')?.[1] ?? 0) >= 1,
			null,
			{
				timeout: 120_000
			}
		);
		// …and every chart has been drawn once (the first render of a dozen charts is page load, not a redraw).
		await lab.locator('figure.chart svg').nth(7).waitFor({ timeout: 120_000 });
		await lab.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
		await lab.evaluate(() => {
			window.__stall.maxLag = 0;
			window.__stall.longTasks = [];
			window.__stall.frames = [];
		});
		const t0 = Date.now();
		await lab.waitForFunction((e) => document.querySelector('[data-testid="progress-text"]')?.textContent?.includes(`epoch ${e} / ${e}`), epochs, {
			timeout: 600_000
		});
		const s = await lab.evaluate(() => window.__stall);
		const longest = (xs) => (xs.length ? Math.max(...xs).toFixed(0) : 'none > 50');
		stallRows.push([
			backend,
			active,
			`${((Date.now() - t0) / 1000).toFixed(1)} s`,
			s.maxLag.toFixed(1),
			s.longTasks.length,
			longest(s.longTasks),
			s.frames.length,
			longest(s.frames)
		]);
		await lab.close();
	}
	table(
		'Class-imbalance lab page: main thread while training 10k points for 150 epochs (two models, every chart redrawn)',
		['backend', 'ran on', 'duration', 'max event-loop lag (ms)', 'long tasks', 'longest task (ms)', 'long frames', 'longest frame (ms)'],
		stallRows
	);
}
