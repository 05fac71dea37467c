/**
 * The compression lab's numbers as they arrive (issue 28): the sizes the page shows before training are the ones the
 * worker measures; every progress report carries the variants measured so far, in order, accuracy before latency;
 * reporting changes no number; the table's rows never show a blank or NaN; and the sweep's time estimate formula
 * reproduces the lab's own measured times at the lab's settings and adds up over seeds and values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createCompressionApi } from '../../src/lib/labs/compression/worker/api';
import { knownVariants, layerWidths, parameterCount, structuredWidths, variantSpecs } from '../../src/lib/labs/compression/known';
import { draftRows, rowsOfResult, WAIT_WORDS, type DraftPhase } from '../../src/lib/labs/compression/table-rows';
import { draftStatus } from '../../src/lib/labs/compression/labels';
import { compressionSweep } from '../../src/lib/labs/compression/sweep';
import { DEFAULT_KAPPA, MASK_COST, measuredSweep, OP_OVERHEAD_PARAMS, runWork, sweepSpeed, trainWork } from '../../src/lib/labs/compression/sweep-cost';
import { compressionSchema, type CompressionParams } from '../../src/lib/labs/compression/params';
import { planLabSweep } from '../../src/lib/sweep/lab-sweep';
import { defaults } from '../../src/lib/url/schema';
import type { CompressionConfig, CompressProgress, CompressResult, CompressSpec, VariantResult } from '../../src/lib/labs/compression/types';

const config: CompressionConfig = { seed: 5, width: 16, depth: 2, features: 8, nTrain: 1000, lr: 0.01, batchSize: 64 };
const spec: CompressSpec = { sparsity: 0.5, fineTune: true, fineTuneEpochs: 1, largeBatch: 64, runs: 3 };

/** Everything but the timed latencies (they are the device's). */
const untimed = (v: VariantResult) => ({ ...v, latency1: v.latency1.runs, latencyN: v.latencyN.runs });

describe('compression: numbers as they arrive (CPU backend)', () => {
	const api = createCompressionApi();
	beforeAll(async () => {
		await api.init('cpu');
	});

	async function trainedAndCompressed(c: CompressionConfig, cs: CompressSpec, onProgress?: (p: CompressProgress) => void): Promise<CompressResult> {
		await api.setup(c);
		expect((await api.train(2)).status).toBe('done');
		const out = await api.compress(cs, onProgress);
		if (out.status !== 'done') throw new Error('cancelled');
		return out.result;
	}

	it('the sizes known before training are the measured ones, for every variant, in the order they are built', async () => {
		const cases: Array<[CompressionConfig, CompressSpec]> = [
			[config, spec],
			[
				{ ...config, depth: 1, width: 24 },
				{ ...spec, sparsity: 0.9, fineTune: false }
			],
			[
				{ ...config, features: 5 },
				{ ...spec, sparsity: 0.3 }
			]
		];
		for (const [c, cs] of cases) {
			const setup = await api.setup(c);
			expect(setup.layers).toEqual(layerWidths(c));
			expect(setup.parameters).toBe(parameterCount(setup.layers));
			const result = await trainedAndCompressed(c, cs);
			const known = knownVariants(layerWidths(c), cs);
			expect(result.variants.map((v) => v.id)).toEqual(known.map((k) => k.id));
			expect(known.map((k) => k.id)).toEqual(variantSpecs(cs).map((s) => s.id));
			result.variants.forEach((v, i) => {
				const k = known[i];
				const label = `${JSON.stringify(cs)} ${v.id}`;
				expect(k.packedBytes, label).toBe(v.packedBytes);
				expect(k.storage, label).toEqual(v.storage);
				expect(k.exportEncoding, label).toEqual(v.exportEncoding);
				expect(k.total, label).toBe(v.total);
				expect(k.layers, label).toEqual(v.layers);
				// Known early wherever the export's manifest holds no number of the weights: all but per-tensor quantization.
				if (v.kind === 'quantized' && !v.perChannel) expect(k.exportBytes, label).toBeNull();
				else expect(k.exportBytes, label).toBe(v.exportBytes);
			});
			expect(known.find((k) => k.id === 'neurons')!.layers).toEqual(structuredWidths(layerWidths(c), cs.sparsity));
		}
		await api.dispose();
	});

	it('reports every variant measured so far, in order, accuracy before latency; with progress the result is the same as without', async () => {
		const n0 = tf.memory().numTensors;
		const reports: CompressProgress[] = [];
		const withProgress = await trainedAndCompressed(config, spec, (p) => reports.push(structuredClone(p)));
		const without = await trainedAndCompressed(config, spec);
		expect(withProgress.variants.map(untimed)).toEqual(without.variants.map(untimed));
		expect(withProgress.histogram).toEqual(without.histogram);
		expect(withProgress.largeBatch).toBe(without.largeBatch);
		expect(withProgress.fineTuneRate).toBeGreaterThan(0);

		const ids = withProgress.variants.map((v) => v.id);
		let previous: CompressProgress | null = null;
		let accuracyBeforeLatency = 0;
		for (const r of reports) {
			const partial = r.partial!;
			expect(r.total).toBe(ids.length);
			expect(partial.map((v) => v.id)).toEqual(ids.slice(0, partial.length));
			// The finished variants, then at most the one in progress.
			expect([r.done, r.done + 1]).toContain(partial.length);
			for (const v of partial.slice(0, r.done)) expect(v.latency1 && v.latencyN).toBeTruthy();
			if (partial.length > r.done && !partial[r.done].latencyN) accuracyBeforeLatency++;
			expect(r.variant?.id ?? null).toBe(ids[r.done] ?? null);
			if (previous) {
				expect(r.done).toBeGreaterThanOrEqual(previous.done);
				expect(partial.length).toBeGreaterThanOrEqual(previous.partial!.length);
				// What was finished stays as it was.
				expect(partial.slice(0, previous.done)).toEqual(previous.partial!.slice(0, previous.done));
			}
			previous = r;
		}
		expect(accuracyBeforeLatency).toBeGreaterThanOrEqual(2 * ids.length);
		const last = reports[reports.length - 1];
		expect(last.done).toBe(ids.length);
		expect(last.variant).toBeNull();
		expect(last.partial).toEqual(withProgress.variants);
		await api.dispose();
		expect(tf.memory().numTensors).toBe(n0);

		// The table's rows at every report: known sizes, the numbers measured so far, and a word in every other cell.
		const known = knownVariants(layerWidths(config), spec);
		for (const r of reports) {
			const rows = draftRows(known, { kind: 'compressing', progress: r });
			expect(rows.map((x) => x.id)).toEqual(ids);
			rows.forEach((row, i) => {
				const measured = r.partial![i];
				expect(row.accuracy).toBe(measured ? measured.accuracy : null);
				expect(row.latencyN).toEqual(measured?.latencyN ?? null);
				expect(row.packedBytes).toBe(withProgress.variants[i].packedBytes);
				if (row.accuracy === null) expect(row.waitMeasure).toMatch(/\S/);
				if (row.latencyN === null) expect(row.waitTime).toMatch(/\S/);
			});
			expect(draftStatus({ kind: 'compressing', progress: r }, rows, 2)).not.toMatch(/NaN|undefined/);
		}
		expect(rowsOfResult(withProgress).map((x) => x.accuracy)).toEqual(withProgress.variants.map((v) => v.accuracy));
	});
});

describe('compression table before any measurement', () => {
	const known = knownVariants(layerWidths({ features: 16, width: 256, depth: 2 }), { sparsity: 0.5, fineTune: true });
	it('says what each cell waits for', () => {
		const phases: Array<[DraftPhase, string, string]> = [
			[{ kind: 'untrained' }, WAIT_WORDS.untrained, WAIT_WORDS.untrained],
			[{ kind: 'training' }, WAIT_WORDS.training, WAIT_WORDS.untrained],
			[{ kind: 'compressing', progress: null }, WAIT_WORDS.queued, WAIT_WORDS.queued]
		];
		for (const [phase, measure, time] of phases) {
			const rows = draftRows(known, phase);
			expect(rows).toHaveLength(18);
			expect(rows.slice(1).every((r) => r.waitMeasure === measure && r.waitTime === time && r.accuracy === null)).toBe(true);
			for (const r of rows) expect(Number.isFinite(r.packedBytes) && r.packedBytes > 0).toBe(true);
			expect(draftStatus(phase, rows, 12)).toMatch(/12 epochs|variants/);
		}
		const building = draftRows(known, { kind: 'compressing', progress: { done: 16, total: 18, variant: known[16], partial: [] } });
		expect(building[16].waitMeasure).toBe(WAIT_WORDS.fineTuning);
		// A report of other settings (here: no matching ids) adds nothing.
		const other = draftRows(known, { kind: 'compressing', progress: { done: 1, total: 18, variant: known[1], partial: [{ ...known[0], id: 'x' } as never] } });
		expect(other[0].accuracy).toBeNull();
	});
});

describe('compression sweep time estimate (sweep-cost.ts)', () => {
	const p: CompressionParams = { ...defaults(compressionSchema), sweep: 'sparsity:0.5/1' };
	const P = parameterCount(layerWidths(p));
	const Ps = parameterCount(structuredWidths(layerWidths(p), p.sparsity));
	const lab = {
		parameters: P,
		estimate: { fused: 30000, ops: 2000 },
		training: { rate: 20000, path: 'fused' as const },
		fineTuneRate: 4000,
		fineTuneComing: true
	};
	const seconds = (q: CompressionParams, m = lab) => {
		const s = sweepSpeed(m)!;
		return (
			planLabSweep(
				measuredSweep(compressionSweep, () => s.kappa),
				q
			).cost / s.speed
		);
	};

	it('at the lab’s own settings, one run takes the lab’s measured training time plus its measured fine-tuning time', () => {
		const evaluate = ((0.3 / 0.7) * p.ntrain * (2 * P + 2 * Ps)) / 3;
		const expected =
			(p.epochs * p.ntrain) / lab.training.rate +
			(p.ftepochs * p.ntrain) / lab.fineTuneRate +
			(p.ftepochs * p.ntrain * (Ps + OP_OVERHEAD_PARAMS) + evaluate) / (lab.fineTuneRate * MASK_COST * (P + OP_OVERHEAD_PARAMS));
		expect(seconds(p)).toBeCloseTo(expected, 9);
	});

	it('adds up: a seed’s training once, every run its fine-tuning; bigger models cost more', () => {
		const s = sweepSpeed(lab)!;
		const plan = (sweep: string) =>
			planLabSweep(
				measuredSweep(compressionSweep, () => s.kappa),
				{ ...p, sweep }
			);
		const train = s.kappa * trainWork(p);
		expect(plan('sparsity:0.5/3').cost).toBeCloseTo(3 * (train + runWork(p)), 3);
		expect(plan('sparsity:0,0.9/2').cost).toBeCloseTo(2 * (train + runWork({ ...p, sparsity: 0 }) + runWork({ ...p, sparsity: 0.9 })), 3);
		// Each fine-tuning epoch count shares the seed's model; each width trains its own.
		expect(plan('ftepochs:1,2/1').cost).toBeCloseTo(train + runWork({ ...p, ftepochs: 1 }) + runWork({ ...p, ftepochs: 2 }), 3);
		expect(plan('width:64,128/1').cost).toBeCloseTo(
			s.kappa * (trainWork({ ...p, width: 64 }) + trainWork({ ...p, width: 128 })) + runWork({ ...p, width: 64 }) + runWork({ ...p, width: 128 }),
			3
		);
		expect(runWork({ ...p, width: 512 })).toBeGreaterThan(runWork(p));
		expect(runWork({ ...p, sparsity: 0.9 })).toBeLessThan(runWork({ ...p, sparsity: 0.1 }));
		// The lab's description without measurements uses the default κ.
		expect(planLabSweep(compressionSweep, p).cost).toBeCloseTo(
			planLabSweep(
				measuredSweep(compressionSweep, () => DEFAULT_KAPPA),
				p
			).cost,
			6
		);
	});

	it('waits for the lab’s own fine-tuning while it is coming; else uses the timing before training, scaled by the warm-up seen in training', () => {
		expect(sweepSpeed({ ...lab, fineTuneRate: null })).toBeNull();
		const early = sweepSpeed({ ...lab, fineTuneRate: null, fineTuneComing: false })!;
		// The cold op-by-op timing (2,000/s) scaled by how much faster training ran than its cold timing (at least 1×).
		expect(early.speed).toBeCloseTo(2000 * (P + OP_OVERHEAD_PARAMS), 6);
		const warmer = sweepSpeed({ ...lab, training: { rate: 60000, path: 'fused' }, fineTuneRate: null, fineTuneComing: false })!;
		expect(warmer.speed).toBeCloseTo(2 * 2000 * (P + OP_OVERHEAD_PARAMS), 6);
		// Training op by op (no fused kernel): its rate is warm and serves both.
		const ops = sweepSpeed({ ...lab, estimate: { fused: 0, ops: 900 }, training: { rate: 1500, path: 'ops' }, fineTuneRate: null })!;
		expect(ops.speed).toBeCloseTo(1500 * (P + OP_OVERHEAD_PARAMS), 6);
		expect(ops.kappa).toBeCloseTo((P + OP_OVERHEAD_PARAMS) / P, 9);
		expect(sweepSpeed({ ...lab, estimate: null, training: null, fineTuneRate: null, fineTuneComing: false })).toBeNull();
		// Estimates grow with the sweep and are finite.
		expect(seconds({ ...p, sweep: 'sparsity:0,0.25,0.5,0.75,0.9/10' })).toBeGreaterThan(seconds(p) * 10);
	});
});
