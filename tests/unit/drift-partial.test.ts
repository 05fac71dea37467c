import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import { simulateDrift } from '../../src/lib/labs/drift/worker/simulate';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import { jensenShannonDivergence, ksTwoSample, psiDetail, wasserstein1 } from '../../src/lib/stats/drift';
import { PSI_BINS, type DriftConfig, type DriftPartial, type DriftProgress, type DriftResult, type PolicyName } from '../../src/lib/labs/drift/types';
import { policyOutcomes, summarize } from '../../src/lib/labs/drift/summary';

// The controller's only use of the worker module is requireApi; the real module also starts workers.
vi.mock('../../src/lib/runtime/lab-worker.svelte', () => ({
	requireApi: <T>(api: T | null): T => {
		if (!api) throw new Error('The worker is not running.');
		return api;
	}
}));
const { DriftController } = await import('../../src/lib/labs/drift/controller.svelte');

/** A short concept drift with a retraining every 4 batches and a label delay: retrainings happen part-way. */
const C: DriftConfig = {
	covariate: 0,
	prior: 0,
	concept: 1,
	schedule: 'sudden',
	onset: 10,
	span: 4,
	noise: 0.3,
	seed: 5,
	batches: 24,
	batchSize: 100,
	referenceBatches: 4,
	labelDelay: 1,
	retrainEvery: 4,
	detector: 'ddm',
	window: 3,
	ddmLevel: 3.5,
	phLambda: 80
};

const retrainedIn = (batches: DriftResult['batches']): Record<PolicyName, number> => ({
	never: batches.filter((b) => b.policies.never.retrained).length,
	periodic: batches.filter((b) => b.policies.periodic.retrained).length,
	alarm: batches.filter((b) => b.policies.alarm.retrained).length
});

const api = createDriftApi();
async function runApi(onProgress?: (p: DriftProgress) => void): Promise<DriftResult> {
	const out = await api.run(C, onProgress);
	if (out.status !== 'done') throw new Error('cancelled');
	// The stream's measured time (for the sweep estimate) is the device's, not the result's: checked, then left out.
	const { streamMs, ...result } = out.result;
	expect(streamMs).toBeGreaterThan(0);
	return result;
}

describe('drift lab: the batches done so far, sent while the stream runs', () => {
	beforeAll(async () => {
		await api.init('cpu');
	});

	it('after every batch, what the simulation has so far is exactly the first batches of its result, never changed after', async () => {
		const dones: number[] = [];
		const copies: DriftPartial[] = [];
		const result = await simulateDrift(C, NEVER_STALE, (done, soFar) => {
			dones.push(done);
			// A copy as postMessage makes it: a batch changed after it was reported would differ from the result.
			copies.push(structuredClone(soFar()));
		});
		expect(dones).toEqual(Array.from({ length: C.batches }, (_, i) => i + 1));
		copies.forEach((p, i) => {
			expect(p.batches.length).toBe(i + 1);
			expect(p.batches).toEqual(result.batches.slice(0, i + 1));
			expect(p.retrainings).toEqual(retrainedIn(p.batches));
			expect(p.referenceAccuracy).toBe(result.referenceAccuracy);
		});
		expect(copies.at(-1)!.retrainings).toEqual(result.retrainings);
		// The running count moves part-way through the stream (the test would pass vacuously without retrainings).
		expect(result.retrainings.periodic).toBeGreaterThanOrEqual(3);
		expect(new Set(copies.map((p) => p.retrainings.periodic)).size).toBeGreaterThanOrEqual(3);
		// And the result is the one the worker gives without anyone asking for the batches so far.
		expect(result).toEqual(await runApi());
	});

	it('the worker sends them with its progress: the first with the first batch served after the reference window, the last with every batch; the result is the same as without reports', async () => {
		const reports: DriftProgress[] = [];
		const result = await runApi((p) => reports.push(structuredClone(p)));
		expect(reports.length).toBeGreaterThanOrEqual(2);
		expect(reports[0].done).toBe(C.referenceBatches + 1);
		expect(reports.at(-1)!.done).toBe(C.batches);
		for (const [i, p] of reports.entries()) {
			expect(p.total).toBe(C.batches);
			if (i > 0) expect(p.done).toBeGreaterThan(reports[i - 1].done);
			expect(p.partial.batches).toEqual(result.batches.slice(0, p.done));
			expect(p.partial.retrainings).toEqual(retrainedIn(p.partial.batches));
		}
		expect(result).toEqual(await runApi());
	});

	it('each batch’s feature statistics equal the library’s on the unsorted columns (the reference is sorted once per run)', async () => {
		const r = await runApi();
		const column = (x: Float32Array, j: number) => Float64Array.from({ length: x.length / 2 }, (_, i) => x[2 * i + j]);
		const ref = [column(r.reference, 0), column(r.reference, 1)];
		for (const b of r.batches) {
			for (const j of [0, 1]) {
				const cur = column(r.x[b.t], j);
				const p = psiDetail(ref[j], cur, { bins: PSI_BINS });
				const ks = ksTwoSample(ref[j], cur);
				expect(b.features[j]).toStrictEqual({
					psi: p.psi,
					ks: ks.statistic,
					ksP: ks.pValue,
					js: jensenShannonDivergence(p.expectedCounts, p.actualCounts),
					wasserstein: wasserstein1(ref[j], cur)
				});
			}
		}
	});

	it('the policy table’s running numbers: the same function as the result’s, a dash (NaN) where no batch is in yet', async () => {
		const r = await runApi();
		expect(policyOutcomes(r.batches, r.retrainings, C)).toEqual(summarize(r, C).policies);
		// Before the onset nothing drifts yet: no "while drifting" mean.
		const early = r.batches.slice(0, C.onset);
		const rows = policyOutcomes(early, retrainedIn(early), C);
		expect(rows.every((row) => Number.isNaN(row.meanAfter) && Number.isFinite(row.meanBefore))).toBe(true);
	});
});

describe('drift controller: the batches so far are shown only while their run is the one going', () => {
	afterEach(() => vi.useRealTimers());

	it('appear with a report, go when the result arrives, and when the run is cancelled', async () => {
		vi.useFakeTimers();
		const calls: Array<{ config: DriftConfig; report: (p: DriftProgress) => void; finish: (o: { status: 'done'; result: DriftResult }) => void }> = [];
		const fake = {
			run: (config: DriftConfig, report: (p: DriftProgress) => void) => new Promise((finish) => calls.push({ config, report, finish })),
			cancel: () => undefined
		};
		const ctl = new DriftController();
		ctl.attach(fake as never);
		const batch = (t: number) => ({ t }) as unknown as DriftResult['batches'][number];
		const soFar = (n: number): DriftPartial => ({
			batches: Array.from({ length: n }, (_, t) => batch(t)),
			retrainings: { never: 0, periodic: 0, alarm: 0 },
			referenceAccuracy: 0.9
		});
		const first = ctl.run(C);
		expect(ctl.busy).toBe(true);
		expect(ctl.partial).toBe(null);
		calls[0].report({ done: 3, total: C.batches, partial: soFar(3) });
		vi.advanceTimersByTime(20);
		expect(ctl.partial).toEqual({ soFar: soFar(3), config: C, total: C.batches });
		const result = { batches: soFar(C.batches).batches } as DriftResult;
		calls[0].finish({ status: 'done', result });
		expect(await first).toBe(true);
		expect(ctl.partial).toBe(null);
		expect(ctl.result).toBe(result);
		// A newer run's batches replace the result on the page; cancelling it brings the last result back.
		const other = { ...C, seed: 6 };
		const second = ctl.run(other);
		calls[1].report({ done: 2, total: C.batches, partial: soFar(2) });
		vi.advanceTimersByTime(20);
		expect(ctl.partial?.config).toBe(other);
		ctl.cancel();
		expect(ctl.partial).toBe(null);
		expect(ctl.result).toBe(result);
		calls[1].finish({ status: 'done', result: { batches: [] } as unknown as DriftResult });
		expect(await second).toBe(false);
		expect(ctl.result).toBe(result);
	});
});
