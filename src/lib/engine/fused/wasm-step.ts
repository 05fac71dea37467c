/**
 * The fused training step in WebAssembly with SIMD (`assembly/fused-step.ts`, compiled by AssemblyScript when the
 * app is built): same inputs and outputs as `runBatches` in ./fused-step.ts, computed in float32 four samples at a
 * time. The module is compiled once, synchronously (this runs in workers and Node, where that is allowed), and its
 * memory grows to the largest call. Where WebAssembly SIMD is missing, `simdStep()` answers null.
 */
import engineWasm from 'virtual:engine-wasm';
import type { FusedBatches, FusedState } from './fused-step';
import { layerOffsets, parameterCount, type EngineSpec } from './spec';

interface Exports {
	memory: WebAssembly.Memory;
	heapBase(): number;
	run(header: number): void;
}

/**
 * The batches of one call. `x` and `y` may be null when `simdHasData(dataKey)` says they are still in the module's
 * memory from an earlier call (the kernel's key is the tensors' data ids): then they are not read or copied again.
 */
export interface SimdBatches extends Omit<FusedBatches, 'x' | 'y'> {
	x: Float32Array | null;
	y: Float32Array | null;
	xLength: number;
	yLength: number;
}

export type SimdStep = (
	spec: EngineSpec,
	state: FusedState,
	data: SimdBatches,
	dataKey?: readonly [object, object]
) => { lossSum: Float64Array; batches: Int32Array; batchLosses: Float64Array };

/** Which inputs are in the module's memory (they are laid out first, so they keep their place). */
let resident: { key: readonly [object, object]; xLength: number; yLength: number } | null = null;

/** Whether the inputs with this key are still in the module's memory. */
export function simdHasData(key: readonly [object, object], xLength: number, yLength: number): boolean {
	return !!resident && resident.key[0] === key[0] && resident.key[1] === key[1] && resident.xLength === xLength && resident.yLength === yLength;
}

let loaded: Exports | null | undefined;

function load(): Exports | null {
	if (loaded !== undefined) return loaded;
	try {
		const bytes = Uint8Array.from(atob(engineWasm), (c) => c.charCodeAt(0));
		if (!WebAssembly.validate(bytes)) return (loaded = null);
		const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { abort: () => {} } });
		loaded = instance.exports as unknown as Exports;
	} catch {
		loaded = null;
	}
	return loaded;
}

/** The SIMD step, or null where this WebAssembly has no SIMD. */
export function simdStep(): SimdStep | null {
	return load() ? runBatchesSimd : null;
}

const LOSS_KIND = { clipped: 0, logits: 1, squared: 2 } as const;
const OPT_KIND = { sgd: 0, momentum: 1, adam: 2 } as const;

function runBatchesSimd(spec: EngineSpec, state: FusedState, data: SimdBatches, dataKey?: readonly [object, object]): ReturnType<SimdStep> {
	const wasm = load()!;
	const { sizes, models } = spec;
	const L = sizes.length - 1;
	const K = models.length;
	const P = parameterCount(sizes);
	const nb = data.batches.length / 4;
	let maxBatch = 0;
	for (let b = 0; b < nb; b++) {
		const k = data.batches[4 * b];
		const B = data.batches[4 * b + 2];
		if (k < 0 || k >= K || B < 1) throw new RangeError(`Batch ${b} names model ${k} with ${B} rows.`);
		maxBatch = Math.max(maxBatch, B);
	}
	const Bp = (maxBatch + 3) & ~3;
	// Lay out every array from the module's heap base, 16-byte aligned.
	let at = wasm.heapBase();
	const take = (bytes: number) => {
		at = (at + 15) & ~15;
		const start = at;
		at += bytes;
		return start;
	};
	// The inputs first, so that they keep their place from call to call.
	const header = take(32 * 4);
	const xAt = take(4 * data.xLength);
	const yAt = take(4 * data.yLength);
	const sizesAt = take(4 * (L + 1));
	const layersAt = take(8 * L);
	const modelsAt = take(72 * K);
	const paramsAt = take(4 * K * P);
	const mAt = take(4 * K * P);
	const vAt = take(4 * K * P);
	const accAt = take(8 * K);
	const idxAt = take(4 * data.idx.length);
	const batchesAt = take(4 * data.batches.length);
	const actsAt = take(4 * (L + 1));
	const deltasAt = take(4 * (L + 1));
	const actArrays = sizes.map((s) => take(4 * s * Bp));
	const deltaArrays = sizes.map((s) => take(4 * s * Bp));
	const gradAt = take(4 * P);
	const lossSumAt = take(8 * K);
	const countAt = take(4 * K);
	const batchLossesAt = take(8 * nb);
	const need = at - wasm.memory.buffer.byteLength;
	if (need > 0) wasm.memory.grow(Math.ceil(need / 65536));

	const buf = wasm.memory.buffer;
	const i32 = (p: number, n: number) => new Int32Array(buf, p, n);
	const f32 = (p: number, n: number) => new Float32Array(buf, p, n);
	const f64 = (p: number, n: number) => new Float64Array(buf, p, n);
	const layers = layerOffsets(sizes);
	i32(sizesAt, L + 1).set(sizes);
	i32(layersAt, 2 * L).set(layers.flatMap((l) => [l.kernel, l.bias]));
	const mt = f64(modelsAt, 9 * K);
	models.forEach((m, k) => {
		const o = m.optimizer;
		mt.set(
			[
				LOSS_KIND[m.loss.kind],
				m.loss.kind === 'clipped' ? m.loss.weights[0] : 0,
				m.loss.kind === 'clipped' ? m.loss.weights[1] : 0,
				m.loss.kind === 'clipped' ? m.loss.gamma : 0,
				OPT_KIND[o.kind],
				o.lr,
				o.kind === 'momentum' ? o.momentum : o.kind === 'adam' ? o.beta1 : 0,
				o.kind === 'adam' ? o.beta2 : 0,
				o.kind === 'adam' ? o.epsilon : 0
			],
			9 * k
		);
	});
	f32(paramsAt, K * P).set(state.params);
	f32(mAt, K * P).set(state.m);
	f32(vAt, K * P).set(state.v);
	f32(accAt, 2 * K).set(state.acc);
	if (data.x && data.y) {
		f32(xAt, data.xLength).set(data.x);
		f32(yAt, data.yLength).set(data.y);
		resident = dataKey ? { key: dataKey, xLength: data.xLength, yLength: data.yLength } : null;
	} else if (!dataKey || !simdHasData(dataKey, data.xLength, data.yLength)) {
		throw new Error('The training data is not in the SIMD module’s memory.');
	}
	i32(idxAt, data.idx.length).set(data.idx);
	i32(batchesAt, data.batches.length).set(data.batches);
	i32(actsAt, L + 1).set(actArrays);
	i32(deltasAt, L + 1).set(deltaArrays);
	f64(lossSumAt, K).fill(0);
	i32(countAt, K).fill(0);
	// prettier-ignore
	i32(header, 32).set([
		L, spec.activation === 'tanh' ? 0 : 1, P, K, Bp, nb, sizes[0], 0,
		sizesAt, layersAt, modelsAt, paramsAt, mAt, vAt, accAt, xAt, yAt, idxAt, batchesAt,
		actsAt, deltasAt, gradAt, lossSumAt, countAt, batchLossesAt
	]);
	wasm.run(header);
	state.params.set(f32(paramsAt, K * P));
	state.m.set(f32(mAt, K * P));
	state.v.set(f32(vAt, K * P));
	state.acc.set(f32(accAt, 2 * K));
	return { lossSum: f64(lossSumAt, K).slice(), batches: i32(countAt, K).slice(), batchLosses: f64(batchLossesAt, nb).slice() };
}
