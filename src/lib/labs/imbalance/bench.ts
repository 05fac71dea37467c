/** Throughput of the class-imbalance lab's model, per backend and data size, each run in a fresh worker. */
import { openLab } from '$lib/runtime/compute';
import { defaultWorkers } from '$lib/sweep/pool';
import { errorMessage } from '$lib/runtime/latest-run.svelte';
import { backendNotice } from '$lib/components/backend-notice';
import type { BackendName } from '$lib/engine/backend-types';
import type { EngineStep } from '$lib/engine/fused/spec';
import type { Agreement } from '$lib/engine/fused/agreement';
import { defaults } from '$lib/url/schema';
import { imbalanceSchema, toConfig } from '$lib/labs/imbalance/params';

export interface ThroughputRow {
	backend: BackendName;
	device: string;
	n: number;
	/** null when the backend could not run here (see note). */
	samplesPerSecond: number | null;
	/** The path the lab trains on here: the fused engine or op by op. */
	path: 'fused' | 'ops' | null;
	note: string | null;
}

export async function benchImbalance(backend: BackendName, n: number, ms = 2500): Promise<ThroughputRow> {
	const lab = await openLab('imbalance');
	const api = lab.api;
	try {
		const report = await api.init(backend);
		if (report.active !== backend) return { backend, device: '', n, samplesPerSecond: null, path: null, note: backendNotice(report) };
		await api.setup({ ...toConfig({ ...defaults(imbalanceSchema), n }) });
		const r = await api.benchmark(ms);
		return { backend, device: report.device, n, samplesPerSecond: r.samplesPerSecond, path: r.path, note: null };
	} catch (e) {
		return { backend, device: '', n, samplesPerSecond: null, path: null, note: errorMessage(e) };
	} finally {
		lab.close();
	}
}

export interface EngineRow {
	backend: BackendName;
	device: string;
	/** One model op by op (the reference path), and on the lab's path (fused where the backend has the kernel). */
	ops: number | null;
	lab: number | null;
	path: 'fused' | 'ops' | null;
	/** The fused kernel's step on this backend: WebAssembly SIMD or plain JS. */
	step: EngineStep | null;
	/** Aggregate samples/s of K models trained at once by the fused engine, for each K (empty without it). */
	many: Array<{ K: number; samplesPerSecond: number; perModel: number }>;
	note: string | null;
}

/**
 * The training engine on one backend, in one fresh worker: the imbalance lab's model (2-16-16-1 tanh, batch 64,
 * Adam, focal loss) on 7,000 training points, op by op and on the lab's path, and K = 1, 2, 8, 32 models at once.
 */
export async function benchEngine(backend: BackendName, ms = 1500, counts = [1, 2, 8, 32]): Promise<EngineRow> {
	const lab = await openLab('imbalance');
	const api = lab.api;
	const empty = { ops: null, lab: null, path: null, step: null, many: [] };
	try {
		const report = await api.init(backend);
		if (report.active !== backend) return { backend, device: '', ...empty, note: backendNotice(report) };
		await api.setup({ ...toConfig({ ...defaults(imbalanceSchema), n: 10000, loss: 'focal' }) });
		const ops = await api.benchmark(ms, 'ops');
		const onLab = await api.benchmark(ms);
		const many = [];
		for (const K of counts) {
			const r = await api.benchmarkMany(K, ms);
			if (r) many.push(r);
		}
		return { backend, device: report.device, ops: ops.samplesPerSecond, lab: onLab.samplesPerSecond, path: onLab.path, step: onLab.step, many, note: null };
	} catch (e) {
		return { backend, device: '', ...empty, note: errorMessage(e) };
	} finally {
		lab.close();
	}
}

export interface ParallelRow {
	K: number;
	workers: number;
	/** Aggregate samples/s of K models split evenly over `workers` workers (one per core), all training at once. */
	samplesPerSecond: number;
}

/**
 * K models over several workers, one per core (as many as `navigator.hardwareConcurrency`, at most 4): each worker
 * trains K / workers models at once on the fused engine, all at the same time; the aggregate samples/s.
 */
export async function benchEngineParallel(backend: BackendName, K: number, ms = 1500): Promise<ParallelRow | { note: string }> {
	const workers = Math.min(defaultWorkers(), K);
	const labs = await Promise.all(Array.from({ length: workers }, () => openLab('imbalance')));
	try {
		const reports = await Promise.all(labs.map((l) => l.api.init(backend)));
		const off = reports.find((r) => r.active !== backend);
		if (off) return { note: backendNotice(off) ?? `${backend} did not start` };
		await Promise.all(labs.map((l) => l.api.setup({ ...toConfig({ ...defaults(imbalanceSchema), n: 10000, loss: 'focal' }) })));
		const shares = labs.map((_, w) => Math.floor(K / workers) + (w < K % workers ? 1 : 0));
		const rates = await Promise.all(labs.map((l, w) => l.api.benchmarkMany(shares[w], ms)));
		if (rates.some((r) => r === null)) return { note: `the ${backend} backend has no fused kernel` };
		return { K, workers, samplesPerSecond: rates.reduce((a, r) => a + r!.samplesPerSecond, 0) };
	} catch (e) {
		return { note: errorMessage(e) };
	} finally {
		labs.forEach((l) => l.close());
	}
}

/** The fused kernel of `backend` against the JS step on the same batches (see src/lib/engine/fused/agreement.ts). */
export async function benchEngineAgreement(backend: BackendName, epochs = 10): Promise<Agreement & { note: string | null }> {
	const lab = await openLab('imbalance');
	try {
		const report = await lab.api.init(backend);
		if (report.active !== backend) return { backend, step: null, steps: 0, lossErr: NaN, weightErr: NaN, leaked: 0, note: backendNotice(report) };
		return { ...(await lab.api.engineAgreement(epochs)), note: null };
	} catch (e) {
		return { backend, step: null, steps: 0, lossErr: NaN, weightErr: NaN, leaked: 0, note: errorMessage(e) };
	} finally {
		lab.close();
	}
}
