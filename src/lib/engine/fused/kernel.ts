/**
 * The fused training step as a TF.js custom kernel, `MdlFusedTrain`, registered for the CPU and WebAssembly
 * backends: on CPU the plain-JS step (`runBatches`, the float64 reference that reproduces the op-by-op path), on
 * WASM the WebAssembly SIMD step (`wasm-step.ts`; the JS step where SIMD is missing). Inputs are tensors, outputs new
 * tensors, so a lab calls it like any TF.js op and the backend picker decides where it runs. `engineAvailable()` says
 * whether the active backend has it. On WebGPU the kernel is a WGSL program (`webgpu-kernel.ts`); WebGL trains op by op.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { runBatches, Workspace } from './fused-step';
import { simdHasData, simdStep } from './wasm-step';
import { fusedTrainWebGpu } from './webgpu-kernel';
import type { EngineOptimizer, EngineSpec, EngineStep } from './spec';

export const FUSED_TRAIN = 'MdlFusedTrain';
export const ENGINE_BACKENDS = ['cpu', 'wasm', 'webgpu'] as const;

interface ArrayBackend {
	readSync(dataId: object): unknown;
	makeTensorInfo?(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
	makeOutput?(shape: number[], dtype: 'float32', memoryOffset?: number, values?: Float32Array): TensorInfo;
}

let workspace: Workspace | undefined;

/** Which step a backend's kernel runs. */
function stepFor(backendName: string): EngineStep {
	if (backendName === 'webgpu') return 'wgsl';
	return backendName === 'wasm' && simdStep() ? 'simd' : 'js';
}

const fusedTrainOn =
	(backendName: string): KernelFunc =>
	({ inputs, backend, attrs }) => {
		const b = backend as unknown as ArrayBackend;
		const { x, y, idx, batches, params, m, v, acc } = inputs as Record<string, TensorInfo>;
		const spec = attrs!.spec as unknown as EngineSpec;
		const read = <T>(t: TensorInfo) => b.readSync(t.dataId) as T;
		// Outputs are new tensors: work on copies of the state.
		const state = {
			params: Float32Array.from(read<Float32Array>(params)),
			m: Float32Array.from(read<Float32Array>(m)),
			v: Float32Array.from(read<Float32Array>(v)),
			acc: Float32Array.from(read<Float32Array>(acc))
		};
		const idxValues = read<Int32Array>(idx);
		const table = read<Int32Array>(batches);
		let out: { lossSum: Float64Array; batchLosses: Float64Array };
		if (stepFor(backendName) === 'simd') {
			// The inputs stay in the SIMD module's memory while the tensors are the same: read them only when they change.
			const key = [x.dataId, y.dataId] as const;
			const xLength = x.shape.reduce((a, b) => a * b, 1);
			const yLength = y.shape.reduce((a, b) => a * b, 1);
			const fresh = !simdHasData(key, xLength, yLength);
			const data = { x: fresh ? read<Float32Array>(x) : null, y: fresh ? read<Float32Array>(y) : null, xLength, yLength, idx: idxValues, batches: table };
			out = simdStep()!(spec, state, data, key);
		} else {
			// The scratch space is kept between calls; runBatches makes a larger one when a call needs it.
			const data = { x: read<Float32Array>(x), y: read<Float32Array>(y), idx: idxValues, batches: table };
			const js = runBatches(spec, state, data, workspace);
			workspace = js.workspace;
			out = js;
		}
		const { lossSum, batchLosses } = out;
		const make = (shape: number[], values: Float32Array): TensorInfo =>
			b.makeTensorInfo ? b.makeTensorInfo(shape, 'float32', values) : b.makeOutput!(shape, 'float32', undefined, values);
		return [
			make(params.shape, state.params),
			make(m.shape, state.m),
			make(v.shape, state.v),
			make(acc.shape, state.acc),
			make([spec.models.length], Float32Array.from(lossSum)),
			make([batchLosses.length], Float32Array.from(batchLosses))
		];
	};

let registered = false;

/** Register the kernel for the CPU, WebAssembly and WebGPU backends (once). */
export function registerFusedTrain(): void {
	if (registered) return;
	registered = true;
	for (const backendName of ENGINE_BACKENDS) {
		if (tf.getKernel(FUSED_TRAIN, backendName)) continue;
		const kernelFunc = backendName === 'webgpu' ? fusedTrainWebGpu : fusedTrainOn(backendName);
		tf.registerKernel({ kernelName: FUSED_TRAIN, backendName, kernelFunc } as KernelConfig);
	}
}

/** TF.js's `tf.train.adam(lr)` for the engine: β1 0.9, β2 0.999 and the active backend's ε. */
export function tfAdam(lr: number): EngineOptimizer {
	return { kind: 'adam', lr, beta1: 0.9, beta2: 0.999, epsilon: tf.backend().epsilon() };
}

/** What the active backend's fused kernel runs, or null (train op by op). */
export function engineStep(): EngineStep | null {
	return engineAvailable() ? stepFor(tf.getBackend()) : null;
}

/** Whether the active backend runs the fused kernel (otherwise train op by op). */
export function engineAvailable(): boolean {
	registerFusedTrain();
	return !!tf.getKernel(FUSED_TRAIN, tf.getBackend());
}
