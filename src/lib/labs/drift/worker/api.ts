/**
 * The data drift lab's worker API: runs the drifting-stream simulation (TF.js models, retraining policies,
 * drift statistics, detectors) on the chosen backend. A newer run supersedes an older one.
 */
import { initBackend } from '../../../engine/backend';
import type { BackendChoice, BackendReport } from '../../../engine/backend-types';
import { Exclusive, checkpoint, throttle } from '../../../engine/run-control';
import { CANCELLED, type Outcome } from '../../../engine/outcome';
import { simulateDrift } from './simulate';
import type { DriftConfig, DriftProgress, DriftResult, DriftSweepRequest } from '../types';
import { runDriftSweep } from './sweep';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import * as tf from '@tensorflow/tfjs-core';
import type { Dictionary, StoredTable } from '$lib/data/table/column-store';
import { inFile, readTable, streamCsv, type FileSummary, type ReadProgress, type Slot } from './own-data';
import { driftReport, type DriftRoles, type OwnDriftReport } from './own-report';
import { periodSummary, type PeriodSummary } from './own-periods';

export function createDriftApi() {
	const runs = new Exclusive();
	// The user's files: read and analysed apart from the simulation (an import does not cancel a run).
	const imports = new Exclusive();
	const reports = new Exclusive();
	let dictionaries = new Map<string, Dictionary>();
	const own: Record<Slot, { table: StoredTable; summary: FileSummary } | null> = { reference: null, current: null };
	let last: DriftResult | null = null;
	const summaries = (): OwnFiles => ({ reference: own.reference?.summary ?? null, current: own.current?.summary ?? null });

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			return initBackend(choice);
		},

		async run(config: DriftConfig, onProgress?: (p: DriftProgress) => void): Promise<Outcome<DriftResult>> {
			const report = throttle(100);
			return runs.run<Outcome<DriftResult>>(
				async (ticket) => {
					// Each report carries all the batches done so far, not only the new ones: the page keeps the newest report of a
					// frame. The first comes with the first batch served after the reference window (the first the policy table counts).
					const t0 = performance.now();
					let streamMs = 0;
					const result = await simulateDrift(config, ticket, (done, soFar) => {
						if (done === config.batches) streamMs = performance.now() - t0;
						if (onProgress && done > config.referenceBatches && report(done === config.batches)) onProgress({ done, total: config.batches, partial: soFar() });
					});
					last = result;
					return { status: 'done', result: { ...result, streamMs } };
				},
				() => CANCELLED
			);
		},

		cancel(): void {
			runs.cancel();
		},

		/** Detector evaluation runs (false alarms on a stationary stream, delay after the onset); cancellable, superseded by any other request. */
		async sweep(requests: DriftSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runDriftSweep);
		},

		/**
		 * Read a file into a slot (the reference, or the current data to compare with it). On success the slot holds
		 * it; a failed or cancelled read leaves both slots as they were. Returns both slots' summaries.
		 */
		importFile(slot: Slot, file: Blob, onProgress?: (p: ReadProgress) => void): Promise<Outcome<OwnFiles>> {
			const report = throttle(100);
			return imports.run<Outcome<OwnFiles>>(
				async (ticket) => {
					try {
						const read = await readTable(file, dictionaries, ticket, (rows, fraction) => {
							if (onProgress && report()) onProgress({ slot, rows, fraction });
						});
						// Forgotten or superseded while it finished: keep nothing.
						await checkpoint(ticket);
						own[slot] = read;
					} catch (e) {
						throw inFile(e, slot);
					}
					return { status: 'done', result: summaries() };
				},
				() => CANCELLED,
				// One lane per slot: a newer file for the same slot supersedes the older; the other slot's read waits its turn.
				{ lane: slot, wait: true }
			);
		},

		/** Stop reading a file into `slot` (both slots when none is given). */
		cancelImport(slot?: Slot): void {
			imports.cancel(slot);
		},

		cancelReport(): void {
			reports.cancel();
		},

		/** The drift report of the loaded files with these roles (null before a reference file is loaded). */
		ownReport(roles: DriftRoles, onProgress?: (fraction: number) => void): Promise<Outcome<OwnDriftReport | null>> {
			return reports.run<Outcome<OwnDriftReport | null>>(
				async (ticket) => {
					if (!own.reference) return { status: 'done', result: null };
					const data = { reference: own.reference.table, current: own.current?.table ?? null };
					return { status: 'done', result: await driftReport(data, roles, ticket, onProgress) };
				},
				() => CANCELLED
			);
		},

		/**
		 * How a date column would split the rows (the current file's when there is one) into days, weeks, months,
		 * quarters and years, with the default grouping for its span; null for a column that is not dates.
		 */
		ownPeriods(column: string, swapDayMonth = false): PeriodSummary | null {
			const table = (own.current ?? own.reference)?.table;
			const dates = table?.columns.find((c) => c.name === column)?.dates;
			if (!dates) return null;
			return periodSummary(swapDayMonth && dates.other ? dates.other : dates.values);
		},

		/** Forget one file, or both (and every value read). */
		forgetOwn(slot: Slot | null): OwnFiles {
			imports.cancel();
			reports.cancel();
			if (slot) own[slot] = null;
			else {
				own.reference = own.current = null;
				dictionaries = new Map();
			}
			return summaries();
		},

		/** The last simulated stream as the CSV the import reads (batch, x1, x2, label); null before a run. */
		streamCsv(): string | null {
			return last ? streamCsv(last) : null;
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type DriftApi = ReturnType<typeof createDriftApi>;

export interface OwnFiles {
	reference: FileSummary | null;
	current: FileSummary | null;
}

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createDriftApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		drift: DriftApi;
	}
}
