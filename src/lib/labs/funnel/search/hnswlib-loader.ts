/**
 * Loads hnswlib-wasm (Yury Malkov's hnswlib compiled to WebAssembly by emscripten; npm `hnswlib-wasm` 0.8.2) on
 * first use, through a dynamic import, so the 709 KB chunk (215 KB gzipped; the .wasm is inlined as base64, no
 * separate fetch) is loaded only by a page or worker that builds an HNSW index.
 *
 * Why the factory chunk and not the package's `loadHnswlib()`: `loadHnswlib` always mounts an IDBFS file system
 * (it creates an IndexedDB database in the browser and aborts where there is no IndexedDB, as in Node), which the
 * lab never uses — it builds indexes in memory and does not save them. The factory alone instantiates the module.
 *
 * Node (unit tests, bench): the module is built with emscripten's ENVIRONMENT=web and refuses to start unless
 * `window` or `importScripts` exists — a check made once, synchronously, when the factory is called. In a module
 * Worker `importScripts` exists (it throws if called, and the module never calls it: its wasm is a data: URL read
 * with fetch). In Node a stand-in `importScripts` is defined for that one synchronous call and removed at once, so
 * no other library sees it (emscripten builds such as TF.js's WASM backend read it to detect a worker).
 */
import type { HnswlibModule } from 'hnswlib-wasm/dist/hnswlib-317962d7.js';

let loading: Promise<HnswlibModule> | null = null;

export function loadHnswlib(): Promise<HnswlibModule> {
	loading ??= (async () => {
		const { default: factory } = await import('hnswlib-wasm/dist/hnswlib-317962d7.js');
		const g = globalThis as { importScripts?: unknown; window?: unknown };
		const standIn = typeof g.window !== 'object' && typeof g.importScripts !== 'function';
		if (standIn)
			g.importScripts = () => {
				throw new Error('importScripts is a stand-in for hnswlib-wasm’s environment check.');
			};
		let ready: Promise<HnswlibModule>;
		try {
			ready = factory();
		} finally {
			if (standIn) delete g.importScripts;
		}
		return ready;
	})();
	loading.catch(() => (loading = null));
	return loading;
}
