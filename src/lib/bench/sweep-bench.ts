/** Sweep throughput: a lab's preset sweep, run as the page runs it (a pool of workers), timed. */
import { defaults, type Schema } from '$lib/url/schema';
import { planLabSweep, type LabSweep, type SweepParams } from '$lib/sweep/lab-sweep';
import { defaultWorkers, runSweepPool } from '$lib/sweep/pool';
import { errorMessage } from '$lib/runtime/latest-run.svelte';
import type { BackendName } from '$lib/engine/backend-types';
import { imbalanceSweep } from '$lib/labs/imbalance/sweep';
import { scalingSweep } from '$lib/labs/scaling/sweep';
import { compressionSweep } from '$lib/labs/compression/sweep';
import { driftSweep } from '$lib/labs/drift/sweep';
import { offlineOnlineSweep } from '$lib/labs/offline-online/sweep';

export interface SweepBenchRow {
	lab: string;
	preset: string;
	backend: string;
	workers: number;
	runs: number;
	/** Models trained per run (arms that train; 0 where a run trains none of its arms separately). */
	models: number;
	seconds: number | null;
	runsPerSecond: number | null;
	modelsPerSecond: number | null;
	note: string | null;
}

/** Every lab's sweep description, by lab, and the models one run trains (for "models trained / s"). */
export const SWEEP_SPECS = {
	imbalance: { spec: imbalanceSweep, modelsPerRun: 2 },
	scaling: { spec: scalingSweep, modelsPerRun: 5 },
	compression: { spec: compressionSweep, modelsPerRun: 2 },
	drift: { spec: driftSweep, modelsPerRun: 0 },
	'offline-online': { spec: offlineOnlineSweep, modelsPerRun: 4 }
} as const;

/** A lab's preset sweep on `backend` with `workers` workers (default: one per core). */
export function benchLabSweep(lab: keyof typeof SWEEP_SPECS, backend: BackendName, presetId: string, workers?: number): Promise<SweepBenchRow> {
	const { spec, modelsPerRun } = SWEEP_SPECS[lab];
	return benchSweep(spec as unknown as LabSweep<SweepParams, { id: number }>, backend, presetId, modelsPerRun, workers);
}

export async function benchSweep<P extends SweepParams, Req extends { id: number }>(
	spec: LabSweep<P, Req>,
	backend: BackendName,
	presetId: string,
	modelsPerRun: number,
	workers?: number
): Promise<SweepBenchRow> {
	const preset = spec.presets.find((x) => x.id === presetId);
	if (!preset) throw new Error(`No sweep preset '${presetId}' in the ${spec.lab} lab.`);
	const p = { ...(defaults(spec.schema() as Schema) as unknown as P), ...preset.settings, sweep: preset.sweep, metrics: preset.metrics, backend };
	const plan = planLabSweep(spec, p);
	const runs = plan.requests.length;
	const base = { lab: spec.lab, preset: preset.label, backend, workers: workers ?? 0, runs, models: runs * modelsPerRun };
	try {
		const t0 = performance.now();
		const pool = runSweepPool(spec.lab, plan.requests, { backend, workers }, () => {});
		const out = await pool.done;
		if (out.status !== 'done') throw new Error('The sweep was cancelled.');
		const seconds = (performance.now() - t0) / 1000;
		return {
			...base,
			backend: await pool.backend,
			workers: workers ?? defaultWorkers(),
			seconds,
			runsPerSecond: runs / seconds,
			modelsPerSecond: base.models ? base.models / seconds : null,
			note: null
		};
	} catch (e) {
		return { ...base, seconds: null, runsPerSecond: null, modelsPerSecond: null, note: errorMessage(e) };
	}
}
