#!/usr/bin/env node
/**
 * `npm run bench`: builds the app (unless --no-build), serves it, and drives Debian's Chromium through
 * window.mdlBench on /bench and through the lab pages, printing tables:
 *  - training throughput (samples/s) of the imbalance lab's model per backend at 1k, 10k and 100k points;
 *  - the training engine: op by op vs the lab's path (fused: WGSL, SIMD, JS), K models at once, a plain-JS yardstick;
 *  - the crossover: both training paths on the compression lab's model at several widths;
 *  - the longest main-thread stall while the imbalance lab trains (event-loop lag probe + long tasks);
 *  - startup of every lab: navigation to its first numbers and to done, and the longest frame while it loads;
 *  - sweep time estimates: what each sweeping lab's panel says before a sweep against the sweep's measured time;
 *  - the capacity lab's default curve (40 capacities × 20 seeds): navigation → on screen.
 * Stalls are measured from the first trained epoch on (page load excluded): the largest delay of a 10 ms timer,
 * long tasks and long animation frames (both reported by Chromium only above 50 ms). On a machine whose "GPU" is a
 * software emulation, the emulated GPU process competes for the CPU and shows up as timer lag.
 * Options: --no-build, --quick (1k and 10k only, shorter runs), --backends=webgpu,wasm, --only=engine,stalls
 */
import { buildApp, launchBrowser, startServer, waitForServer } from './browser.mjs';
import { PORT, flag, want } from './options.mjs';
import { benchCapacity } from './sections/capacity.mjs';
import { benchCompression } from './sections/compression.mjs';
import { benchOwnData } from './sections/own-data.mjs';
import { benchEstimates } from './sections/estimates.mjs';
import { benchFunnelSearch } from './sections/funnel-search.mjs';
import { benchDefaults, benchStalls } from './sections/page-load.mjs';
import { benchAa, benchRollout } from './sections/simulations.mjs';
import { benchStartup } from './sections/startup.mjs';
import { benchSweeps } from './sections/sweeps.mjs';
import { benchCrossover, benchEngine, benchThroughput } from './sections/training.mjs';

// In Node, no browser: --only=funnel-search runs just this and stops.
if (want('funnel-search')) await benchFunnelSearch();
const BROWSER_SECTIONS = [
	'startup',
	'aa',
	'rollout',
	'owndata',
	'throughput',
	'engine',
	'crossover',
	'sweep',
	'estimates',
	'compression',
	'capacity',
	'defaults',
	'stalls'
];
if (!BROWSER_SECTIONS.some(want)) process.exit(0);

if (!flag('no-build')) buildApp();

const stopServer = startServer();

await waitForServer();
const browser = await launchBrowser();
try {
	const page = await browser.newPage();
	await page.goto(`http://localhost:${PORT}/bench`);
	await page.waitForFunction(() => 'mdlBench' in window);

	if (want('startup')) await benchStartup({ browser, page });
	if (want('aa')) await benchAa({ page });
	if (want('rollout')) await benchRollout({ page });
	if (want('owndata')) await benchOwnData({ browser });
	if (want('throughput')) await benchThroughput({ page });
	if (want('engine')) await benchEngine({ page });
	if (want('crossover')) await benchCrossover({ page });
	if (want('sweep')) await benchSweeps({ page });
	if (want('estimates')) await benchEstimates({ browser, page });
	if (want('compression')) await benchCompression({ page });
	if (want('capacity')) await benchCapacity({ browser });
	if (want('defaults')) await benchDefaults({ browser });
	if (want('stalls')) await benchStalls({ browser });
} finally {
	await browser.close();
	stopServer();
}
