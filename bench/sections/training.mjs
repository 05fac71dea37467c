/** Training speed: the imbalance lab's throughput per backend and size, the training engine, the two paths' crossover. */
import { BACKENDS, MS, SIZES, flag } from '../options.mjs';
import { table, fmt } from '../tables.mjs';

export async function benchThroughput({ page }) {
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

export async function benchEngine({ page }) {
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

export async function benchCrossover({ page }) {
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
