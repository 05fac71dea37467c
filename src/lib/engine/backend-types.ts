/** Backend names and the report a worker returns after choosing one (no TF.js import: pages use these types). */
export type BackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';
export type BackendChoice = 'auto' | BackendName;

/** Preference order for 'auto', fastest first. */
export const BACKEND_ORDER: BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export const BACKEND_CHOICES: BackendChoice[] = ['auto', ...BACKEND_ORDER];

export const BACKEND_LABELS: Record<BackendChoice, string> = {
	auto: 'Automatic (fastest available)',
	webgpu: 'WebGPU',
	webgl: 'WebGL',
	wasm: 'WebAssembly',
	cpu: 'CPU (plain JavaScript)'
};

export interface BackendAttempt {
	backend: BackendName;
	ok: boolean;
	/** Not tried: 'auto' passes over software-emulated GPUs. */
	skipped?: boolean;
	/** The device behind it (GPU adapter / renderer name). */
	device?: string;
	software?: boolean;
	/** Why it failed, in words. */
	error?: string;
	ms: number;
}

export interface BackendReport {
	requested: BackendChoice;
	active: BackendName;
	/** The device the active backend runs on. */
	device: string;
	/** The active backend is a software emulation of a GPU. */
	software?: boolean;
	attempts: BackendAttempt[];
}
