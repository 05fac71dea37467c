/**
 * Runs a sweep's runs on a pool of compute workers, one per core (at most 4), apart from the lab's own worker so
 * that the lab stays usable. Runs are dealt out in chunks as workers become free (a worker trains a chunk together
 * where its engine can, and shares what runs of one seed have in common); each finished run is passed to `onRun` as
 * it arrives. Cancelling terminates the pool's workers (nothing half-trained is kept).
 */
import * as Comlink from 'comlink';
import { openLab } from '$lib/runtime/compute';
import { backendNotice } from '$lib/components/backend-notice';
import type { BackendChoice, BackendReport } from '$lib/engine/backend-types';
import type { Outcome } from '$lib/engine/outcome';
import type { SweepLabId } from '$lib/engine/lab-apis';

/** A run's result: per arm, its metrics by id (NaN where a run has none). */
export type ArmMetrics = Record<string, number>;
export type RunResult = { id: number; arms: ArmMetrics[] };

interface SweepApi<Req> {
	init(choice: BackendChoice): Promise<BackendReport>;
	sweep(requests: Req[], onRun: (id: number, arms: ArmMetrics[]) => void): Promise<Outcome<RunResult[]>>;
}

export interface PoolOptions {
	backend: BackendChoice;
	/** Workers to use (default: one per core, at most 4). */
	workers?: number;
	/** Runs handed to a worker at a time. */
	chunk?: number;
}

export interface SweepPool {
	/** Resolves when every run is done, or with 'cancelled' after `cancel()`. */
	done: Promise<Outcome<number>>;
	cancel(): void;
	/** The backend the workers run on, once they have started. */
	backend: Promise<string>;
}

export function defaultWorkers(): number {
	const cores = typeof navigator !== 'undefined' ? navigator.hardwareConcurrency || 1 : 1;
	return Math.max(1, Math.min(4, cores));
}

/** How many workers a pool starts for `runs` runs (the time estimate uses the same count). */
export function poolSize(runs: number, workers: number = defaultWorkers()): number {
	return Math.max(1, Math.min(workers, runs));
}

export function runSweepPool<Req extends { id: number }>(
	lab: SweepLabId,
	runs: Req[],
	o: PoolOptions,
	onRun: (id: number, arms: ArmMetrics[]) => void
): SweepPool {
	const count = poolSize(runs.length, o.workers);
	// Small enough chunks that results stream in and the workers finish together, large enough to train many at once.
	const chunk = Math.max(1, o.chunk ?? Math.min(16, Math.ceil(runs.length / (count * 4))));
	const closers: Array<() => void> = [];
	let cancelled = false;
	let resolveBackend: (name: string) => void = () => {};
	const backend = new Promise<string>((r) => (resolveBackend = r));
	const queue = runs.slice();
	let onCancel: () => void = () => {};
	const whenCancelled = new Promise<{ status: 'cancelled' }>((r) => (onCancel = () => r({ status: 'cancelled' })));
	const cancel = () => {
		cancelled = true;
		closers.forEach((close) => close());
		onCancel();
	};
	const work = (async (): Promise<Outcome<number>> => {
		try {
			const labs: Array<{ api: SweepApi<Req>; failed: Promise<never> }> = [];
			for (let w = 0; w < count && !cancelled; w++) {
				const opened = await openLab(lab);
				closers.push(opened.close);
				labs.push({ api: opened.api as unknown as SweepApi<Req>, failed: opened.failed });
			}
			if (cancelled) return { status: 'cancelled' };
			const reports = await Promise.all(labs.map((l) => l.api.init(o.backend)));
			resolveBackend(reports[0].active);
			const off = reports.find((r) => o.backend !== 'auto' && r.active !== o.backend);
			if (off) throw new Error(backendNotice(off) ?? `The ${o.backend} backend did not start.`);
			// Each run is reported once: streamed as it finishes, or from the worker's answer if the stream is late.
			const reported = new Set<number>();
			const once = (id: number, arms: ArmMetrics[]) => {
				if (cancelled || reported.has(id)) return;
				reported.add(id);
				onRun(id, arms);
			};
			const report = Comlink.proxy(once);
			await Promise.all(
				labs.map(async (l) => {
					while (queue.length && !cancelled) {
						const part = queue.splice(0, chunk);
						const out = await Promise.race([l.api.sweep(part, report), l.failed]);
						if (out.status !== 'done') return;
						for (const r of out.result) once(r.id, r.arms);
					}
				})
			);
			return cancelled ? { status: 'cancelled' } : { status: 'done', result: runs.length };
		} catch (e) {
			if (cancelled) return { status: 'cancelled' };
			throw e;
		} finally {
			closers.forEach((close) => close());
		}
	})();
	// A terminated worker never answers: cancelling resolves at once.
	const done = Promise.race([work, whenCancelled]);
	return { done, cancel, backend };
}
