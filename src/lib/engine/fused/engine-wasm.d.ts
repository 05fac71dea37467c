/** The SIMD training step compiled from `assembly/fused-step.ts` (see `engineWasm` in vite.config.ts), as base64. */
declare module 'virtual:engine-wasm' {
	const base64: string;
	export default base64;
}
