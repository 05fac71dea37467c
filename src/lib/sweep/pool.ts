/**
 * Runs a sweep's training runs on a pool of compute workers, one per core (at most 4), apart from the lab's own
 * worker so that the lab stays usable. Runs are dealt out in chunks as workers become free; each finished run is
 * passed to `onRun` as it arrives. Cancelling terminates the pool's workers (nothing half-trained is kept).
 */
import * as Comlink from 'comlink';
import { openLab, type OpenedLab } from '$lib/runtime/compute';
import { backendNotice } from '$lib/components/backend-notice';
import type { BackendChoice } from '$workers/lib/backend-types';
import type { Outcome } from '$workers/lib/outcome';
import type { SweepArmMetrics, SweepRunRequest } from '$workers/imbalance.types';

export interface PoolOptions {
	backend: BackendChoice;
	threshold: number;
	/** Workers to use (default: one per core, at most 4). */
	workers?: number;
	/** Runs handed to a worker at a time (a worker trains them together on its engine). */
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

export function runImbalanceSweep(runs: SweepRunRequest[], o: PoolOptions, onRun: (id: number, arms: SweepArmMetrics[]) => void): SweepPool {
	const count = Math.max(1, Math.min(o.workers ?? defaultWorkers(), runs.length));
	// Small enough chunks that results stream in and the workers finish together, large enough to train many at once.
	const chunk = Math.max(1, o.chunk ?? Math.min(16, Math.ceil(runs.length / (count * 4))));
	const labs: Array<OpenedLab<'imbalance'>> = [];
	let cancelled = false;
	let resolveBackend: (name: string) => void = () => {};
	const backend = new Promise<string>((r) => (resolveBackend = r));
	const queue = runs.slice();
	let onCancel: () => void = () => {};
	const whenCancelled = new Promise<{ status: 'cancelled' }>((r) => (onCancel = () => r({ status: 'cancelled' })));
	const cancel = () => {
		cancelled = true;
		labs.forEach((l) => l.close());
		onCancel();
	};
	const work = (async (): Promise<Outcome<number>> => {
		try {
			for (let w = 0; w < count && !cancelled; w++) labs.push(await openLab('imbalance'));
			if (cancelled) return { status: 'cancelled' };
			const reports = await Promise.all(labs.map((l) => l.api.init(o.backend)));
			resolveBackend(reports[0].active);
			const off = reports.find((r) => o.backend !== 'auto' && r.active !== o.backend);
			if (off) throw new Error(backendNotice(off) ?? `The ${o.backend} backend did not start.`);
			// Each run is reported once: streamed as it finishes, or from the worker's answer if the stream is late.
			const reported = new Set<number>();
			const once = (id: number, arms: SweepArmMetrics[]) => {
				if (cancelled || reported.has(id)) return;
				reported.add(id);
				onRun(id, arms);
			};
			const report = Comlink.proxy(once);
			await Promise.all(
				labs.map(async (lab) => {
					while (queue.length && !cancelled) {
						const part = queue.splice(0, chunk);
						const out = await Promise.race([lab.api.sweep(part, o.threshold, report), lab.failed]);
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
			labs.forEach((l) => l.close());
		}
	})();
	// A terminated worker never answers: cancelling resolves at once.
	const done = Promise.race([work, whenCancelled]);
	return { done, cancel, backend };
}
