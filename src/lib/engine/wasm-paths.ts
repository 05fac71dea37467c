/**
 * URLs of the TF.js WebAssembly binaries, emitted by Vite as hashed assets (loaded only when WASM is chosen).
 * Only the two binaries that run without cross-origin isolation ship: the multi-threaded one needs
 * SharedArrayBuffer, which browsers give only to cross-origin-isolated pages (COOP/COEP headers a static host
 * does not send), so it could never run here. TF.js insists on an entry for it: it points at the SIMD binary and
 * threading is switched off before the backend starts (`disableWasmThreads`).
 */
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';

export const wasmPaths = {
	'tfjs-backend-wasm.wasm': wasm,
	'tfjs-backend-wasm-simd.wasm': wasmSimd,
	'tfjs-backend-wasm-threaded-simd.wasm': wasmSimd
};
