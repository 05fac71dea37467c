/**
 * Startup of every lab (from the manifests, through the bench page): a fresh page per load at the lab's defaults,
 * timed from navigation to its first numbers (the first moment one of its manifest's `checks.numbers` elements shows
 * a digit) and to done (their last change, once no partial result is left and they have been still for 2 s), with the longest
 * animation frame up to the first numbers and up to done. Median of 3 loads at 1440×900; one load at 390×844 and one
 * in presenter mode for the frames.
 */
import { PORT } from '../options.mjs';
import { table } from '../tables.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

export async function load(browser, url, ids, viewport) {
	const page = await browser.newPage({ viewport });
	await page.addInitScript((ids) => {
		const w = window;
		w.__start = { frames: [], first: 0, last: 0, text: '' };
		new PerformanceObserver((list) => {
			for (const e of list.getEntries()) w.__start.frames.push([e.startTime, e.duration]);
		}).observe({ type: 'long-animation-frame', buffered: true });
		// Partial results shown while a run goes on (labelled, aria-busy): the run is done when none is left.
		const RUNNING = /still running|testing…|waiting for its A\/B test|training…|fine-tuning…|measuring…|timing…|queued/;
		const check = () => {
			const els = ids.map((id) => document.querySelector(`[data-testid="${id}"]`));
			const text = els.map((e) => e?.textContent ?? '').join('\n');
			w.__start.busy = RUNNING.test(text) || els.some((e) => e && (e.closest('[aria-busy="true"]') || e.querySelector('[aria-busy="true"]')));
			if (text === w.__start.text) return;
			w.__start.text = text;
			const now = performance.now();
			if (/\d/.test(text)) {
				if (!w.__start.first) w.__start.first = now;
				w.__start.last = now;
			}
		};
		new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-busy'] });
	}, ids);
	await page.goto(url);
	await page.waitForFunction(() => window.__start.first > 0, null, { timeout: 120_000 });
	// Done: no partial result is left and the numbers have not changed for 2 s (or 120 s have passed).
	await page.waitForFunction(() => !window.__start.busy && performance.now() - window.__start.last > 2000, null, { timeout: 120_000, polling: 250 });
	const r = await page.evaluate(() => window.__start);
	// The path to the first numbers: the app's entry ran (the worker's early start), the lab's page rendered and
	// asked for its worker, the worker and its backend were ready (src/lib/runtime/prestart.ts, lab-worker.svelte.ts).
	const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, m.startTime])));
	await page.close();
	const longest = (until) => Math.max(0, ...r.frames.filter(([t]) => t <= until).map(([, d]) => d));
	return {
		first: r.first,
		done: r.last,
		frameFirst: longest(r.first),
		frameDone: longest(r.last),
		entry: marks['mdl:prestart'] ?? NaN,
		rendered: marks['mdl:worker-start'] ?? NaN,
		ready: marks['mdl:backend-ready'] ?? NaN
	};
}

export async function benchStartup({ browser, page }) {
	const labs = await page.evaluate(() => window.mdlBench.labs());
	const rows = [];
	const profile = [];
	for (const lab of labs) {
		const url = `http://localhost:${PORT}${lab.path}`;
		const desk = [];
		for (let i = 0; i < 3; i++) desk.push(await load(browser, url, lab.numbers, { width: 1440, height: 900 }));
		const phone = await load(browser, url, lab.numbers, { width: 390, height: 844 });
		const present = await load(browser, `${url}?present=1`, lab.numbers, { width: 1440, height: 900 });
		const ms = (key) => median(desk.map((d) => d[key])).toFixed(0);
		profile.push([lab.id, ms('entry'), ms('rendered'), ms('ready'), ms('first')]);
		rows.push([
			lab.id,
			s(median(desk.map((d) => d.first))),
			s(median(desk.map((d) => d.done))),
			`${Math.max(...desk.map((d) => d.frameFirst)).toFixed(0)} / ${Math.max(...desk.map((d) => d.frameDone)).toFixed(0)}`,
			`${phone.frameFirst.toFixed(0)} / ${phone.frameDone.toFixed(0)}`,
			`${present.frameFirst.toFixed(0)} / ${present.frameDone.toFixed(0)}`
		]);
	}
	table(
		'Startup of every lab at its defaults, backend automatic: navigation → first numbers and → done (median of 3 loads at 1440×900), longest animation frame up to the first numbers / up to done (ms; 0: none over 50 ms; 1440×900 over the 3 loads)',
		['lab', 'first numbers', 'done', 'longest frame 1440×900', '390×844', 'presenter'],
		rows
	);
	table(
		'The path to the first numbers (ms after navigation, medians of the same loads): the app’s entry ran and started the lab’s worker early, the lab’s page rendered, the worker and its backend were ready, the first numbers',
		['lab', 'app started', 'page rendered', 'worker + backend ready', 'first numbers'],
		profile
	);
}
