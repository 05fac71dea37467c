#!/usr/bin/env node
/**
 * `npm run bench`: builds the app (unless --no-build), serves it, and drives Debian's Chromium through
 * window.mdlBench on /bench and through the lab pages, printing tables:
 *  - training throughput (samples/s) of the imbalance lab's model per backend at 1k, 10k and 100k points;
 *  - the training engine: op by op vs the lab's path (fused: WGSL, SIMD, JS), K models at once, a plain-JS yardstick;
 *  - the crossover: both training paths on the compression lab's model at several widths;
 *  - the longest main-thread stall while the imbalance lab trains (event-loop lag probe + long tasks).
 * Stalls are measured from the first trained epoch on (page load excluded): the largest delay of a 10 ms timer,
 * long tasks and long animation frames (both reported by Chromium only above 50 ms). On a machine whose "GPU" is a
 * software emulation, the emulated GPU process competes for the CPU and shows up as timer lag.
 * Options: --no-build, --quick (1k and 10k only, shorter runs), --backends=webgpu,wasm, --only=engine,stalls
 */
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { createWriteStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const opt = (name, def) => argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def;
const PORT = Number(opt('port', 4180));
const BACKENDS = opt('backends', 'webgpu,webgl,wasm,cpu').split(',');
const SIZES = flag('quick') ? [1000, 10000] : [1000, 10000, 100000];
const MS = flag('quick') ? 1200 : 2500;
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** --only=aa,rollout,owndata,throughput,engine,crossover,sweep,compression,defaults,stalls runs just those sections. */
const ONLY = opt('only', '');
const want = (section) => !ONLY || ONLY.split(',').includes(section);

if (!flag('no-build')) {
	console.log('Building…');
	const b = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (b.status !== 0) process.exit(b.status ?? 1);
}

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
const stopServer = () => {
	try {
		process.kill(-server.pid);
	} catch {
		/* already gone */
	}
};
process.on('exit', stopServer);

async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://localhost:${PORT}/`)).ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('The preview server did not start.');
}

function table(title, header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
	for (const r of rows) console.log(line(r));
}

/** Resident memory (KB) of every Chromium process of this machine. */
function chromiumRss() {
	const out = spawnSync('ps', ['-eo', 'rss=,comm='], { encoding: 'utf8' }).stdout ?? '';
	return out
		.split('\n')
		.filter((l) => /chrom/i.test(l))
		.reduce((s, l) => s + (parseInt(l.trim(), 10) || 0), 0);
}

/** A seeded uniform generator (mulberry32): the generated files are the same every run. */
function mulberry32(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
	};
}

/** Customers for the imbalance lab: 6 numbers, a city (8 values), a label with about 5% positives; written once. */
async function customersCsv(rows) {
	const path = join(tmpdir(), `mdl-bench-imbalance-${rows}.csv`);
	if (existsSync(path)) return path;
	const out = createWriteStream(path);
	const u = mulberry32(777);
	const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
	out.write('f1,f2,f3,f4,f5,f6,city,label\n');
	for (let i = 0; i < rows; i += 10000) {
		let chunk = '';
		for (let k = i; k < Math.min(rows, i + 10000); k++) {
			const f = Array.from({ length: 6 }, normal);
			const city = Math.floor(8 * u());
			const z = -3.6 + 1.2 * f[0] - 0.8 * f[1] + 0.5 * f[2] * f[3] + (city === 0 ? 0.7 : 0);
			chunk += `${f.map((v) => v.toFixed(4)).join(',')},c${city},${u() < 1 / (1 + Math.exp(-z)) ? 1 : 0}\n`;
		}
		if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
	}
	await new Promise((r) => out.end(r));
	return path;
}

/** A CSV of `rows` rows: batch (day1…day10) and f1…f20 (normal; f1–f5 shift by 0.3 from day6 on), written once. */
async function bigCsv(rows) {
	const path = join(tmpdir(), `mdl-bench-drift-${rows}.csv`);
	if (existsSync(path)) return path;
	const out = createWriteStream(path);
	const u = mulberry32(12345);
	const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
	const cols = Array.from({ length: 20 }, (_, j) => `f${j + 1}`);
	out.write(`batch,${cols.join(',')}\n`);
	const per = rows / 10;
	for (let i = 0; i < rows; i += 10000) {
		let chunk = '';
		for (let k = i; k < Math.min(rows, i + 10000); k++) {
			const day = Math.floor(k / per) + 1;
			const shift = day >= 6 ? 0.3 : 0;
			chunk += `day${day}`;
			for (let j = 0; j < 20; j++) chunk += `,${(normal() + (j < 5 ? shift : 0)).toFixed(4)}`;
			chunk += '\n';
		}
		if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
	}
	await new Promise((r) => out.end(r));
	return path;
}

const fmt = (x) => (x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));

await waitForServer();
const browser = await chromium.launch({
	executablePath,
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-quic',
		'--no-first-run',
		'--disable-background-networking',
		'--disable-component-update',
		'--disable-sync',
		'--enable-unsafe-webgpu'
	]
});
try {
	const page = await browser.newPage();
	await page.goto(`http://localhost:${PORT}/bench`);
	await page.waitForFunction(() => 'mdlBench' in window);

	if (want('aa')) {
		// 0. A/B lab: A/A experiments per second (plain JavaScript in a worker).
		const aaCases = flag('quick')
			? [[10000, 20, 800]]
			: [
					[10000, 20, 800],
					[10000, 30, 4000],
					[100000, 28, 4000]
				];
		const aaRows = [];
		for (const [e, d, t] of aaCases) {
			const r = await page.evaluate(([e, d, t]) => window.mdlBench.aa(e, d, t), [e, d, t]);
			aaRows.push([fmt(r.experiments), r.days, fmt(r.dailyTraffic), r.seconds.toFixed(2), fmt(r.experimentsPerSecond)]);
		}
		table(
			'A/B lab: A/A peeking simulation in a worker (daily z-test, mSPRT and Bayesian rule at every look)',
			['experiments', 'daily looks', 'visitors/day', 'seconds', 'experiments/s'],
			aaRows
		);
	}

	if (want('rollout')) {
		// 0b. Rollout lab: seeded runs of all six strategies per second (plain JavaScript in a worker).
		const cases = flag('quick')
			? [[1000, 168, 2000]]
			: [
					[1000, 168, 2000],
					[1000, 720, 100000],
					[20000, 168, 2000]
				];
		const rows = [];
		for (const [n, h, t] of cases) {
			const r = await page.evaluate(([n, h, t]) => window.mdlBench.rollout(n, h, t), [n, h, t]);
			rows.push([fmt(r.runs), r.hours, fmt(r.traffic), r.seconds.toFixed(2), fmt(r.runsPerSecond)]);
		}
		table('Rollout lab: many seeded runs in a worker (six strategies per run, hourly counts)', ['runs', 'hours', 'requests/hour', 'seconds', 'runs/s'], rows);
	}

	if (want('owndata')) {
		// 0c. Your own data: a 1,000,000-row × 20-numeric-column CSV (~150 MB, generated here once) read by the drift lab's
		// worker and reported on, through the page (file input → report shown); Chromium's memory sampled meanwhile.
		const rows = flag('quick') ? 200000 : 1000000;
		const path = await bigCsv(rows);
		const { size } = await stat(path);
		const p2 = await browser.newPage();
		await p2.goto(`http://localhost:${PORT}/drift?batches=12&size=50&ref=2`);
		await p2.getByTestId('drift-headline').waitFor({ timeout: 120000 });
		const before = chromiumRss();
		let peak = before;
		const sampler = setInterval(() => (peak = Math.max(peak, chromiumRss())), 250);
		const t0 = Date.now();
		await p2.getByTestId('drift-import-reference-input').setInputFiles(path);
		await p2.getByTestId('own-file-reference').waitFor({ timeout: 600000 });
		const read = (Date.now() - t0) / 1000;
		await p2.getByTestId('own-headline').waitFor({ timeout: 600000 });
		const total = (Date.now() - t0) / 1000;
		clearInterval(sampler);
		const headline = await p2.getByTestId('own-headline').textContent();
		await p2.close();
		table(
			'Drift lab, your own data: one CSV with a batch column (10 batches, the first 2 the reference) and 20 numeric columns, read in the worker and reported on',
			['rows', 'columns', 'file MB', 'read s', 'read + report s', 'Chromium RSS before MB', 'peak MB'],
			[[fmt(rows), 21, (size / 1024 ** 2).toFixed(0), read.toFixed(1), total.toFixed(1), fmt(before / 1024), fmt(peak / 1024)]]
		);
		console.log(`(report: ${headline})`);

		// The imbalance lab trains on a 200,000-row file (6 numbers and a category, 5% positive): read, set up, 10 epochs.
		const irows = flag('quick') ? 50000 : 200000;
		const ipath = await customersCsv(irows);
		const p3 = await browser.newPage();
		await p3.goto(`http://localhost:${PORT}/imbalance?n=600&epochs=10`);
		await p3.getByTestId('progress-text').filter({ hasText: 'epoch 10 / 10' }).waitFor({ timeout: 120000 });
		const backendName = (await p3.getByTestId('backend-active').textContent())?.trim();
		const i0 = Date.now();
		await p3.getByTestId('imbalance-import-input').setInputFiles(ipath);
		await p3.getByTestId('imbalance-file').waitFor({ timeout: 600000 });
		const iread = (Date.now() - i0) / 1000;
		const i1 = Date.now();
		await p3.getByTestId('imbalance-use').click();
		await p3.getByTestId('counts').filter({ hasText: 'Your file' }).waitFor({ timeout: 600000 });
		const isetup = (Date.now() - i1) / 1000;
		const i2 = Date.now();
		await p3.getByTestId('progress-text').filter({ hasText: 'epoch 10 / 10' }).waitFor({ timeout: 600000 });
		const itrain = (Date.now() - i2) / 1000;
		const auc = await p3.getByTestId('metric-0-roc').innerText();
		const counts = (await p3.getByTestId('counts').innerText()).replace(/\s+/g, ' ');
		await p3.close();
		const trainRows = Math.round(irows * 0.7);
		table(
			`Imbalance lab, your own data: a ${fmt(irows)}-row CSV (6 numbers, a category with 8 values, 5% positive; 14 model inputs), two models, 10 epochs, backend ${backendName}`,
			['rows', 'file MB', 'read s', 'set up s', '10 epochs s', 'samples/s (both models)', 'ROC AUC (A)'],
			[
				[
					fmt(irows),
					((await stat(ipath)).size / 1024 ** 2).toFixed(1),
					iread.toFixed(1),
					isetup.toFixed(1),
					itrain.toFixed(1),
					fmt((2 * 10 * trainRows) / itrain),
					auc
				]
			]
		);
		console.log(`(${counts})`);
	}

	if (want('throughput')) {
		// 1. Training throughput per backend and size.
		const rows = [];
		const devices = {};
		const notes = [];
		for (const backend of BACKENDS) {
			const cells = [backend];
			for (const n of SIZES) {
				const r = await page.evaluate(([b, size, ms]) => window.mdlBench.imbalance(b, size, ms), [backend, n, MS]);
				if (r.device) devices[backend] = r.device;
				cells.push(r.samplesPerSecond === null ? `n/a` : fmt(r.samplesPerSecond));
				if (r.note) notes.push(`n/a: ${backend} at ${n / 1000}k points: ${r.note.slice(0, 160)}`);
			}
			cells.push(devices[backend] ?? 'not available (see below)');
			rows.push(cells);
		}
		table(
			'Class-imbalance lab: training throughput, samples/s (one 2-16-16-1 MLP, batch 64, Adam; 70% of the points train)',
			['backend', ...SIZES.map((n) => `${n / 1000}k points`), 'device'],
			rows
		);
		for (const note of notes) console.log(note);
	}

	if (want('engine')) {
		// 1a. The training engine: the lab's model op by op, on the lab's path, K models at once, and the yardstick.
		const yard = await page.evaluate((ms) => window.mdlBench.yardstick(ms), MS);
		const engineRows = [];
		for (const backend of BACKENDS) {
			const r = await page.evaluate(([b, ms]) => window.mdlBench.engine(b, ms), [backend, MS]);
			if (r.ops === null) {
				console.log(`Training engine on ${backend}: not available (${(r.note ?? '').slice(0, 120)})`);
				continue;
			}
			const parallel = {};
			for (const K of [8, 32]) {
				const p = await page.evaluate(([b, k, ms]) => window.mdlBench.engineParallel(b, k, ms), [backend, K, MS]);
				parallel[K] = p.note ? '–' : `${fmt(p.samplesPerSecond)} (${p.workers} workers)`;
			}
			const k = (K) => r.many.find((m) => m.K === K);
			const cell = (K) => (k(K) ? `${fmt(k(K).samplesPerSecond)} (${fmt(k(K).perModel)} each)` : '–');
			engineRows.push([
				backend,
				fmt(r.ops),
				`${fmt(r.lab)} ${r.path}${r.step ? ` (${r.step})` : ''}`,
				`${(r.lab / r.ops).toFixed(1)}x`,
				`${(r.lab / yard.samplesPerSecond).toFixed(2)}x`,
				cell(2),
				cell(8),
				cell(32),
				parallel[8],
				parallel[32]
			]);
		}
		table(
			`Training engine: samples/s, the imbalance lab's model (2-16-16-1 tanh, batch 64, Adam, focal loss, 7,000 training points), in a worker. Yardstick (plain-JS per-example SGD, objects per neuron, main thread): ${fmt(yard.samplesPerSecond)} samples/s`,
			[
				'backend',
				'op by op',
				'lab path (K=1)',
				'vs ops',
				'vs yardstick',
				'K=2 aggregate',
				'K=8 aggregate',
				'K=32 aggregate',
				'K=8, a worker per core',
				'K=32, a worker per core'
			],
			engineRows
		);
	}

	if (want('crossover')) {
		// 1b. Where the fused engine stops paying: the compression lab times both paths and trains on the faster.
		for (const backend of BACKENDS) {
			const rows = await page.evaluate(([b, widths]) => window.mdlBench.crossover(b, widths), [backend, flag('quick') ? [16, 256] : [16, 64, 128, 256, 512]]);
			if (rows.every((r) => r.note)) {
				console.log(`\nTraining paths on ${backend}: not available (${(rows[0].note ?? '').slice(0, 120)})`);
				continue;
			}
			table(
				`Training paths on ${backend}: samples/s of the compression lab's model (16-w-w-1, batch 64, Adam), as the lab times them before training`,
				['width w', 'op by op', 'fused', 'fused / ops', 'the lab trains on'],
				rows.map((r) => [
					r.width,
					r.ops ? fmt(r.ops) : 'n/a',
					r.fused ? fmt(r.fused) : '–',
					r.ops && r.fused ? `${(r.fused / r.ops).toFixed(2)}x` : '–',
					r.chosen ?? r.note
				])
			);
		}
	}

	if (want('sweep')) {
		// 1c. Sweeps: the imbalance preset γ × 10 seeds (50 pairs of models, 5,000 points, 60 epochs) on one worker and on
		// a worker per core, and every other lab's first preset on a worker per core, as the labs run them.
		const rows = [];
		const cases = [
			['imbalance', 'focal-gamma', 1],
			['imbalance', 'focal-gamma', undefined],
			['scaling', 'lr', undefined],
			['compression', 'sparsity', undefined],
			['drift', 'ddm', undefined],
			['offline-online', 'position', undefined]
		];
		for (const backend of BACKENDS.filter((b) => b === 'wasm' || b === 'cpu')) {
			for (const [lab, preset, workers] of cases) {
				if (flag('quick') && lab !== 'imbalance') continue;
				const r = await page.evaluate(([l, p, b, w]) => window.mdlBench.sweep(l, b, p, w ?? undefined), [lab, preset, backend, workers ?? null]);
				rows.push([
					`${r.lab}: ${r.preset}`,
					r.backend,
					r.workers || '–',
					r.runs,
					r.models || '–',
					r.seconds === null ? r.note : `${r.seconds.toFixed(1)} s`,
					r.runsPerSecond === null ? '–' : r.runsPerSecond.toFixed(2),
					r.modelsPerSecond === null ? '–' : r.modelsPerSecond.toFixed(1)
				]);
			}
		}
		table(
			'Preset sweeps of each lab, run as the page runs them (a pool of workers)',
			['sweep', 'backend', 'workers', 'runs', 'models', 'time', 'runs / s', 'models trained / s'],
			rows
		);
	}

	if (want('compression')) {
		// 1b. Compression lab: latency of every variant per backend.
		for (const backend of BACKENDS) {
			const c = await page.evaluate(([b, w, n]) => window.mdlBench.compression(b, w, n), [backend, flag('quick') ? 256 : 512, 2048]);
			if (!c.variants.length) {
				console.log(`\nCompression lab on ${backend}: not available (${(c.note ?? '').slice(0, 120)})`);
				continue;
			}
			const base = c.variants.find((v) => v.id === 'fp32');
			table(
				`Compression lab on ${backend} (${c.device}): latency per variant, 16-${flag('quick') ? 256 : 512}-${flag('quick') ? 256 : 512}-1 MLP, 20 timed runs`,
				['variant', 'batch 1 median (ms)', 'batch 1 p95', `batch ${c.largeBatch} median (ms)`, `batch ${c.largeBatch} p95`, 'speed-up', 'layers'],
				c.variants.map((v) => [
					v.label,
					v.latency1.median.toFixed(3),
					v.latency1.p95.toFixed(3),
					v.latencyN.median.toFixed(2),
					v.latencyN.p95.toFixed(2),
					`${(base.latencyN.median / v.latencyN.median).toFixed(2)}x`,
					v.layers.join('-')
				])
			);
		}
	}

	if (want('defaults')) {
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

	if (want('stalls')) {
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
} finally {
	await browser.close();
	stopServer();
}
