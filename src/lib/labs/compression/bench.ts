/** Latency of every compression variant on one backend, measured as the compression lab does, in a fresh worker. */
import { openLab } from '$lib/runtime/compute';
import { backendNotice } from '$lib/components/backend-notice';
import { variantLabel } from '$lib/labs/compression/labels';
import type { BackendName } from '$lib/engine/backend-types';
import type { VariantResult } from '$lib/labs/compression/types';

export interface CompressionBenchResult {
	backend: BackendName;
	device: string;
	note: string | null;
	largeBatch: number;
	variants: Array<Pick<VariantResult, 'id' | 'accuracy' | 'packedBytes' | 'latency1' | 'latencyN' | 'layers'> & { label: string }>;
}

export async function benchCompression(backend: BackendName, width = 512, largeBatch = 2048): Promise<CompressionBenchResult> {
	const lab = await openLab('compression');
	const api = lab.api;
	try {
		const report = await api.init(backend);
		if (report.active !== backend) return { backend, device: '', note: backendNotice(report), largeBatch, variants: [] };
		await api.setup({ seed: 1, width, depth: 2, features: 16, nTrain: 3000, lr: 0.005, batchSize: 64 });
		await api.train(2);
		const out = await api.compress({ sparsity: 0.5, fineTune: false, fineTuneEpochs: 1, largeBatch, runs: 20 });
		if (out.status !== 'done') throw new Error('The benchmark run was cancelled.');
		return {
			backend,
			device: report.device,
			note: null,
			largeBatch,
			variants: out.result.variants.map((v) => ({
				id: v.id,
				label: variantLabel(v),
				accuracy: v.accuracy,
				packedBytes: v.packedBytes,
				latency1: v.latency1,
				latencyN: v.latencyN,
				layers: v.layers
			}))
		};
	} catch (e) {
		return { backend, device: '', note: e instanceof Error ? e.message : String(e), largeBatch, variants: [] };
	} finally {
		lab.close();
	}
}

export interface CrossoverRow {
	width: number;
	/** Training samples/s of the compression lab's model (16-width-width-1, batch 64, Adam) op by op and fused. */
	ops: number | null;
	fused: number | null;
	chosen: 'fused' | 'ops' | null;
	note: string | null;
}

/** Where the fused engine stops paying: both training paths timed on the compression lab's model at each width. */
export async function benchCrossover(backend: BackendName, widths = [16, 64, 128, 256, 512]): Promise<CrossoverRow[]> {
	const rows: CrossoverRow[] = [];
	for (const width of widths) {
		const lab = await openLab('compression');
		try {
			const report = await lab.api.init(backend);
			if (report.active !== backend) {
				rows.push({ width, ops: null, fused: null, chosen: null, note: backendNotice(report) });
				continue;
			}
			await lab.api.setup({ seed: 1, width, depth: 2, features: 16, nTrain: 3000, lr: 0.005, batchSize: 64 });
			const e = await lab.api.estimateTrainMs(1);
			rows.push({ width, ops: e.rates.ops, fused: e.rates.fused || null, chosen: e.path, note: null });
		} catch (err) {
			rows.push({ width, ops: null, fused: null, chosen: null, note: err instanceof Error ? err.message : String(err) });
		} finally {
			lab.close();
		}
	}
	return rows;
}
