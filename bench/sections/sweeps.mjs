/** Each lab's preset sweeps, run by a pool of workers as the page runs them. */
import { BACKENDS, flag } from '../options.mjs';
import { table } from '../tables.mjs';

export async function benchSweeps({ page }) {
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
