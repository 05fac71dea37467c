/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline support: on install, cache every file of the build (pages' code; the labs' workers and the TF.js WASM
 * binaries, listed in /_app/worker-files.json), the static files and the prerendered lab pages. Pages are served
 * network-first with the cached copy as the fallback, matched without the query string (a lab's settings live
 * there); everything else cache-first.
 * A lecture hall without network keeps working once the site has been opened.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `mdl-${version}`;
const ASSETS = [...new Set([...build, ...files, ...prerendered, '/'])];
/** Written by vite.config.ts: every file of the workers' bundles (SvelteKit's `build` list does not have them). */
const WORKER_FILES = '/_app/worker-files.json';

async function workerFiles(): Promise<string[]> {
	if (build.length === 0) return []; // `vite dev`: nothing is bundled, there is no list
	const response = await fetch(WORKER_FILES, { cache: 'no-store' });
	if (!response.ok) throw new Error(`${WORKER_FILES}: HTTP ${response.status}`);
	const list: unknown = await response.json();
	return Array.isArray(list) ? list.filter((f): f is string => typeof f === 'string') : [];
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll([...ASSETS, ...(await workerFiles())]);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		caches
			.keys()
			.then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
			.then(() => sw.clients.claim())
	);
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== location.origin) return;
	event.respondWith(
		(async () => {
			const cache = await caches.open(CACHE);
			if (request.mode === 'navigate') {
				try {
					const response = await fetch(request);
					if (response.ok) cache.put(url.pathname, response.clone());
					return response;
				} catch {
					const cached = (await cache.match(url.pathname)) ?? (await cache.match('/'));
					if (cached) return cached;
					throw new Error(`Offline, and ${url.pathname} is not cached.`);
				}
			}
			const cached = await cache.match(request, { ignoreSearch: true });
			if (cached) return cached;
			const response = await fetch(request);
			if (response.ok && response.type === 'basic') cache.put(request, response.clone());
			return response;
		})()
	);
});
