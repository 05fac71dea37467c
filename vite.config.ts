import { sveltekit } from '@sveltejs/kit/vite';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The labs' workers (and the TF.js WASM binaries they load) are bundled by Vite's worker pipeline, so SvelteKit's
 * service-worker `build` list does not include them. These two plugins record every file of the worker bundles and
 * write the list to `_app/worker-files.json`, which the service worker precaches on install (offline lectures).
 */
const workerFiles = new Set<string>();
const WORKER_FILES_JSON = '_app/worker-files.json';

/** Chunks fetched only when a Parquet file arrives (src/lib/data/table/parquet.ts): not precached (README, Dependencies). */
const ON_DEMAND = /\/src\/lib\/data\/table\/(hyparquet-lib|parquet-codecs)\.ts$/;
/**
 * TF.js's WebAssembly binary without SIMD (311 KB), loaded only by a browser without WebAssembly SIMD (every current
 * browser has it): not precached, like the Parquet chunks; such a browser offline falls back to the CPU backend
 * (engine/backend.ts says so on the page).
 */
const NO_SIMD_WASM = /(^|\/)tfjs-backend-wasm-[^/]*\.wasm$/;
const precached = (fileName: string) => !NO_SIMD_WASM.test(fileName) || fileName.includes('-simd');

function recordWorkerFiles(): Plugin {
	return {
		name: 'mdl:record-worker-files',
		generateBundle(_options, bundle) {
			for (const [fileName, file] of Object.entries(bundle))
				if (!(file.type === 'chunk' && file.facadeModuleId && ON_DEMAND.test(file.facadeModuleId)) && precached(fileName)) workerFiles.add(fileName);
		}
	};
}

function emitWorkerFileList(): Plugin {
	return {
		name: 'mdl:emit-worker-file-list',
		apply: 'build',
		generateBundle() {
			if (this.environment?.config.consumer !== 'client' || workerFiles.size === 0) return;
			this.emitFile({
				type: 'asset',
				fileName: WORKER_FILES_JSON,
				source: JSON.stringify([...workerFiles].sort().map((f) => `/${f}`))
			});
		}
	};
}

/**
 * `virtual:engine-wasm`: the training engine's WebAssembly SIMD step, compiled from AssemblyScript
 * (`src/lib/engine/fused/assembly/fused-step.ts`) when the app is built or tested, as a base64 string.
 */
const ENGINE_WASM = 'virtual:engine-wasm';
const ENGINE_SOURCE = fileURLToPath(new URL('./src/lib/engine/fused/assembly/fused-step.ts', import.meta.url));

function engineWasm(): Plugin {
	return {
		name: 'mdl:engine-wasm',
		resolveId: (id) => (id === ENGINE_WASM ? `\0${ENGINE_WASM}` : undefined),
		async load(id) {
			if (id !== `\0${ENGINE_WASM}`) return;
			this.addWatchFile(ENGINE_SOURCE);
			const { default: asc } = await import('assemblyscript/asc');
			const { error, binary, stderr } = await asc.compileString(readFileSync(ENGINE_SOURCE, 'utf8'), {
				optimizeLevel: 3,
				shrinkLevel: 0,
				runtime: 'stub',
				noAssert: true,
				enable: ['simd'],
				initialMemory: 2
			});
			if (error || !binary) this.error(`AssemblyScript could not compile ${ENGINE_SOURCE}: ${stderr.toString()}`);
			return `export default ${JSON.stringify(Buffer.from(binary).toString('base64'))};`;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), emitWorkerFileList(), engineWasm()],
	worker: { format: 'es', plugins: () => [recordWorkerFiles(), engineWasm()] },
	build: { target: 'es2022', chunkSizeWarningLimit: 1500 },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Both cores, and TF.js loaded once per worker thread instead of once per file: the heavy files (TF.js on the
		// CPU backend) run side by side. Tests measure tensors relative to their own start, so sharing is safe.
		pool: 'threads',
		maxWorkers: 2,
		isolate: false
	}
});
