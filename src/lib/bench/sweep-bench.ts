/** Sweep throughput: a lab's preset sweep, run as the page runs it (a pool of workers), timed. */
import { defaults, type Schema } from '$lib/url/schema';
import { planLabSweep, type LabSweep, type SweepParams } from '$lib/sweep/lab-sweep';
import { defaultWorkers, runSweepPool } from '$lib/sweep/pool';
import { errorMessage } from '$lib/runtime/latest-run.svelte';
import type { BackendName } from '$lib/engine/backend-types';
import { LABS } from '$lib/labs/registry';
import type { SweepLabId } from '$lib/engine/lab-apis';

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

/** Every lab's sweep description (its `sweep.ts`), found by folder: the exported LabSweep whose `lab` is the folder's. */
const sweepModules = import.meta.glob<Record<string, unknown>>('../labs/*/sweep.ts', { eager: true });
const isLabSweep = (x: unknown, lab: string): x is LabSweep<SweepParams, { id: number }> =>
	typeof x === 'object' && x !== null && (x as { lab?: unknown }).lab === lab && Array.isArray((x as { presets?: unknown }).presets);

export function sweepSpecOf(lab: string): LabSweep<SweepParams, { id: number }> {
	const spec = Object.values(sweepModules[`../labs/${lab}/sweep.ts`] ?? {}).find((x) => isLabSweep(x, lab));
	if (!spec) throw new Error(`The ${lab} lab has no sweep description (src/lib/labs/${lab}/sweep.ts).`);
	return spec as LabSweep<SweepParams, { id: number }>;
}

/** The benchmark's sweep cases, from the manifests: each sweeping lab's preset on a worker per core (and on one, where asked). */
export function sweepBenchCases(): Array<[lab: SweepLabId, preset: string, workers: number | undefined]> {
	return LABS.flatMap((l) => {
		if (!l.sweep) return [];
		const lab = l.id as SweepLabId;
		return l.sweep.benchOneWorker
			? [[lab, l.sweep.benchPreset, 1] as const, [lab, l.sweep.benchPreset, undefined] as const]
			: [[lab, l.sweep.benchPreset, undefined] as const];
	});
}

/** A lab's preset sweep on `backend` with `workers` workers (default: one per core). */
export function benchLabSweep(lab: SweepLabId, backend: BackendName, presetId: string, workers?: number): Promise<SweepBenchRow> {
	const modelsPerRun = LABS.find((l) => l.id === lab)?.sweep?.modelsPerRun ?? 0;
	return benchSweep(sweepSpecOf(lab), backend, presetId, modelsPerRun, workers);
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
