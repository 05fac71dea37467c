/** Each lab's preset sweeps, run by a pool of workers as the page runs them. */
import { BACKENDS, flag } from '../options.mjs';
import { table } from '../tables.mjs';

export async function benchSweeps({ page }) {
	// 1c. Sweeps: each sweeping lab's bench preset (its manifest's `sweep.benchPreset`) on a worker per core, and on one
	// worker where the manifest asks (`benchOneWorker`: the imbalance preset γ × 10 seeds), as the labs run them.
	// The cases come from the manifests through the bench page; with --quick, only the first lab's.
	const rows = [];
	const cases = await page.evaluate(() => window.mdlBench.sweepCases());
	for (const backend of BACKENDS.filter((b) => b === 'wasm' || b === 'cpu')) {
		for (const [lab, preset, workers] of cases) {
			if (flag('quick') && lab !== cases[0][0]) continue;
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
