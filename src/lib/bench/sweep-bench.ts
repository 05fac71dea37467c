/** Sweep throughput: a preset sweep of the imbalance lab, run as the page runs it (a pool of workers), timed. */
import { defaults } from '$lib/url/schema';
import { imbalanceSchema } from '$lib/labs/imbalance/params';
import { planImbalanceSweep, SWEEP_PRESETS } from '$lib/labs/imbalance/sweep';
import { defaultWorkers, runImbalanceSweep } from '$lib/sweep/pool';
import { errorMessage } from '$lib/runtime/latest-run.svelte';
import type { BackendName } from '$workers/lib/backend-types';

export interface SweepBenchRow {
	preset: string;
	backend: string;
	workers: number;
	runs: number;
	models: number;
	seconds: number | null;
	modelsPerSecond: number | null;
	note: string | null;
}

export async function benchSweep(backend: BackendName, presetId = 'focal-gamma', workers?: number): Promise<SweepBenchRow> {
	const preset = SWEEP_PRESETS.find((x) => x.id === presetId);
	if (!preset) throw new Error(`No sweep preset '${presetId}'.`);
	const p = { ...defaults(imbalanceSchema), ...preset.settings, sweep: preset.sweep, metrics: preset.metrics, backend };
	const plan = planImbalanceSweep(p);
	const base = { preset: preset.label, backend, workers: workers ?? 0, runs: plan.requests.length, models: plan.requests.length * 2 };
	try {
		const t0 = performance.now();
		const pool = runImbalanceSweep(plan.requests, { backend, threshold: p.threshold, workers }, () => {});
		const out = await pool.done;
		if (out.status !== 'done') throw new Error('The sweep was cancelled.');
		const seconds = (performance.now() - t0) / 1000;
		return {
			...base,
			backend: await pool.backend,
			workers: workers ?? defaultWorkers(),
			seconds,
			modelsPerSecond: base.models / seconds,
			note: null
		};
	} catch (e) {
		return { ...base, seconds: null, modelsPerSecond: null, note: errorMessage(e) };
	}
}
