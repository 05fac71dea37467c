/**
 * The feature scaling lab's worker API: identical models trained on five scalings of the same data in lockstep,
 * and 2-D loss surfaces (src/lib/labs/scaling/worker/). Imported directly by Node tests; the compute worker loads it on demand.
 */
import * as tf from '@tensorflow/tfjs-core';
import { initBackend } from '../../../engine/backend';
import type { BackendChoice, BackendReport } from '../../../engine/backend-types';
import { Exclusive } from '../../../engine/run-control';
import { buildState, disposeState, snapshot, surfaces, trainSteps, type ScalingState } from './runs';
import type { ScalingConfig, ScalingProgress, ScalingSetup, ScalingSweepRequest, Surface, SurfaceRequest } from '../types';
import { runScalingSweep } from './sweep';
import { sweepJob, type RunMetrics, type RunResult } from '../../../engine/sweep-job';
import type { Outcome } from '../../../engine/outcome';

export type ScalingOutcome = { status: 'done' | 'cancelled'; step: number };

export function createScalingApi() {
	const runs = new Exclusive();
	let state: ScalingState | null = null;

	function current(): ScalingState {
		if (!state) throw new Error('Call setup() first.');
		return state;
	}

	function free(): void {
		if (state) disposeState(state);
		state = null;
	}

	return {
		async init(choice: BackendChoice): Promise<BackendReport> {
			return initBackend(choice);
		},

		/** Build data, scalers and models. Cancels any training in progress first. */
		async setup(config: ScalingConfig): Promise<ScalingSetup> {
			await runs.stop();
			free();
			const built = await buildState(config);
			state = built.state;
			return built.setup;
		},

		async peek(): Promise<ScalingProgress> {
			const s = current();
			return { step: s.step, runs: snapshot(s), stepsPerSecond: 0 };
		},

		/** Train every run `steps` more full-batch steps; cancellable, newest request wins. */
		async train(steps: number, onProgress?: (p: ScalingProgress) => void, reportMs = 120): Promise<ScalingOutcome> {
			current();
			return runs.run<ScalingOutcome>(
				async (ticket) => {
					// The state as it is when this job starts (a setup() queued before it has replaced it).
					const s = current();
					await trainSteps(s, steps, ticket, onProgress, reportMs);
					return { status: 'done', step: s.step };
				},
				() => ({ status: 'cancelled', step: state?.step ?? 0 })
			);
		},

		cancel(): void {
			runs.cancel();
		},

		/** Sweep runs (each a full setup of the lab, trained and measured per scaling); cancellable, superseded by any other request. */
		async sweep(requests: ScalingSweepRequest[], onRun?: (id: number, arms: RunMetrics[]) => void): Promise<Outcome<RunResult[]>> {
			return sweepJob(runs, requests, onRun, runScalingSweep);
		},

		/** Loss surfaces of the two-weight model on raw features and on the chosen scaling. */
		surfaces(req: SurfaceRequest): Surface[] {
			return surfaces(req);
		},

		async dispose(): Promise<void> {
			await runs.stop();
			free();
		},

		numTensors(): number {
			return tf.memory().numTensors;
		}
	};
}

export type ScalingApi = ReturnType<typeof createScalingApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createScalingApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		scaling: ScalingApi;
	}
}
