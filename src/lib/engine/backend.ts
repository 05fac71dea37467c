/**
 * Chooses and verifies the TF.js backend inside a worker. Each candidate is loaded on demand (its code is split
 * into its own chunk), initialised, and verified with a small computation read back from the device: WebGPU in
 * workers has failed in the field (tfjs#7914) in ways that only show at the first kernel, so registration alone
 * proves nothing. A candidate that throws, returns a wrong value or takes longer than the timeout is skipped and
 * the next one tried; the report lists every attempt so the page can say what happened (backend-notice.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { BACKEND_LABELS, BACKEND_ORDER, type BackendAttempt, type BackendChoice, type BackendName, type BackendReport } from './backend-types';
import { SOFTWARE_RENDERER, describeAdapter, type GpuAdapterLike } from './gpu-adapter';

const loaders: Record<BackendName, () => Promise<unknown>> = {
	webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
	webgl: () => import('@tensorflow/tfjs-backend-webgl'),
	wasm: async () => {
		const wasm = await import('@tensorflow/tfjs-backend-wasm');
		const { wasmPaths } = await import('./wasm-paths');
		// The threaded binary is not shipped (see wasm-paths.ts): never try it.
		tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
		wasm.setWasmPaths(wasmPaths);
	},
	cpu: () => import('@tensorflow/tfjs-backend-cpu')
};

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
	return new Promise<T>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms / 1000} s`)), ms);
		promise.then(
			(v) => {
				clearTimeout(timer);
				resolve(v);
			},
			(e) => {
				clearTimeout(timer);
				reject(e);
			}
		);
	});
}

function describeError(e: unknown): string {
	const msg = e instanceof Error ? e.message : String(e);
	return msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
}

/** Describes the device behind a GPU backend, and whether it is a software emulation (no real GPU). */
async function probeDevice(name: BackendName, timeoutMs: number): Promise<{ device: string; software: boolean }> {
	if (name === 'webgpu') {
		if (!(globalThis.navigator && 'gpu' in globalThis.navigator)) throw new Error('this browser has no WebGPU (navigator.gpu is missing)');
		const gpu = (globalThis.navigator as unknown as { gpu: { requestAdapter(): Promise<GpuAdapterLike | null> } }).gpu;
		const adapter = await withTimeout(gpu.requestAdapter(), timeoutMs, 'The WebGPU adapter request');
		if (!adapter) throw new Error('no WebGPU adapter is available (no GPU, or WebGPU is disabled)');
		return describeAdapter(adapter);
	}
	if (name === 'webgl') {
		if (typeof OffscreenCanvas === 'undefined') throw new Error('OffscreenCanvas is missing, so WebGL cannot run in a worker');
		const gl = new OffscreenCanvas(1, 1).getContext('webgl2') as WebGL2RenderingContext | null;
		if (!gl) throw new Error('WebGL 2 is unavailable in this worker');
		const ext = gl.getExtension('WEBGL_debug_renderer_info');
		const device = String(ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
		gl.getExtension('WEBGL_lose_context')?.loseContext();
		return { device, software: SOFTWARE_RENDERER.test(device) };
	}
	return { device: name === 'wasm' ? 'WebAssembly on the CPU' : 'JavaScript on the CPU', software: false };
}

async function tryBackend(name: BackendName, timeoutMs: number): Promise<void> {
	await withTimeout(loaders[name](), timeoutMs, `Loading ${BACKEND_LABELS[name]}`);
	const ok = await withTimeout(tf.setBackend(name), timeoutMs, `Starting ${BACKEND_LABELS[name]}`);
	if (!ok) throw new Error(`${BACKEND_LABELS[name]} failed to initialise`);
	await tf.ready();
	// Verify with a real computation read back from the device.
	const t = tf.tidy(() => tf.sum(tf.mul(tf.tensor1d([1, 2, 3, 4]), tf.scalar(2))));
	const values = await withTimeout(t.data(), timeoutMs, `A test computation on ${BACKEND_LABELS[name]}`);
	t.dispose();
	if (Math.abs(values[0] - 20) > 1e-4) throw new Error(`a test computation returned ${values[0]} instead of 20`);
}

/**
 * Start the requested backend, or the fastest that works for 'auto'. Falls back along WebGPU → WebGL → WASM → CPU
 * from the requested one; CPU always works.
 */
export async function initBackend(requested: BackendChoice, timeoutMs = 15000): Promise<BackendReport> {
	const start = requested === 'auto' ? 0 : BACKEND_ORDER.indexOf(requested);
	if (start < 0) throw new RangeError(`Unknown backend '${requested}'.`);
	const attempts: BackendAttempt[] = [];
	// While the GPUs are probed (tens of ms each, and on a machine without one both are passed over), the WebAssembly
	// backend's code already loads: it is the usual answer on such machines, and loading it twice costs nothing.
	if (BACKEND_ORDER.indexOf('wasm') > start) void loaders.wasm().catch(() => undefined);
	for (const name of BACKEND_ORDER.slice(start)) {
		const t0 = performance.now();
		try {
			const { device, software } = await probeDevice(name, timeoutMs);
			if (software && requested === 'auto') {
				attempts.push({
					backend: name,
					ok: false,
					skipped: true,
					error: `only a software emulation of a GPU is available (${device}), which is slower than the CPU backends; choose it explicitly to try it`,
					ms: performance.now() - t0
				});
				continue;
			}
			await tryBackend(name, timeoutMs);
			attempts.push({ backend: name, ok: true, device, software, ms: performance.now() - t0 });
			return { requested, active: name, device, software, attempts };
		} catch (e) {
			attempts.push({ backend: name, ok: false, error: describeError(e), ms: performance.now() - t0 });
		}
	}
	throw new Error(`No TF.js backend could start: ${attempts.map((a) => `${a.backend}: ${a.error}`).join('; ')}`);
}

/** Report for code running in Node tests, where the CPU backend is registered by the test itself. */
export async function useCpuBackend(): Promise<BackendReport> {
	return initBackend('cpu');
}
