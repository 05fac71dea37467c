/**
 * What a WebGPU adapter says about itself. Chromium reports a software adapter (SwiftShader) through
 * `adapter.info.isFallbackAdapter` (GPUAdapterInfo); the older `adapter.isFallbackAdapter` is undefined there. Both are
 * read, and the device name is matched against known software renderers as a last resort.
 */
export interface GpuAdapterLike {
	info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
	isFallbackAdapter?: boolean;
}

export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|lavapipe|softpipe|software|basic render/i;

export function describeAdapter(adapter: GpuAdapterLike): { device: string; software: boolean } {
	const info = adapter.info ?? {};
	const device = [info.vendor, info.architecture, info.device, info.description].filter(Boolean).join(' ') || 'unknown adapter';
	const software = info.isFallbackAdapter === true || adapter.isFallbackAdapter === true || SOFTWARE_RENDERER.test(device);
	return { device, software };
}
