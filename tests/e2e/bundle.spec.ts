import { test, expect } from '@playwright/test';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The production build (made by `npm run test:e2e` before these tests): one compute worker, so TF.js core and each
 * backend are bundled once; only the WASM binaries that run without cross-origin isolation; under 4.3 MB in all
 * (3.79 MB measured with the funnel lab: 2.97 MB before it, 0.71 MB its HNSW library hnswlib-wasm — loaded only when an
 * index is built — and 0.11 MB its own code; 4.10 MB on 6 Dec 2026 with the capacity lab, distillation and the
 * lessons of nine labs — 3.83 MB for the same build config before them, so +0.27 MB: page code, lessons loaded only
 * when opened, and the workers' new code).
 */
const BUILD = 'build';

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((f) => {
		const p = join(dir, f);
		return statSync(p).isDirectory() ? files(p) : [p];
	});
}

/** A string each TF.js package's code contains exactly once. */
const MARKERS: Record<string, string> = {
	'tfjs-core': 'Cannot evaluate flag',
	'tfjs-backend-cpu': 'zerosLike is not supported for string tensors',
	'tfjs-backend-wasm': 'WASM_HAS_SIMD_SUPPORT',
	'tfjs-backend-webgl': 'WEBGL_VERSION',
	'tfjs-backend-webgpu': 'WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE'
};

test('the build holds one copy of TF.js, one worker entry, no threaded WASM, under 4.3 MB', () => {
	const all = files(BUILD);
	const bytes = all.reduce((s, f) => s + statSync(f).size, 0);
	console.log(`[bundle] build/: ${(bytes / 1e6).toFixed(2)} MB in ${all.length} files`);
	expect(bytes).toBeLessThan(4.3e6);
	const scripts = all.filter((f) => f.endsWith('.js'));
	for (const [pkg, marker] of Object.entries(MARKERS)) {
		const holders = scripts.filter((f) => readFileSync(f, 'utf8').includes(marker));
		expect(holders, `${pkg} is bundled once`).toHaveLength(1);
	}
	const entries = all.filter((f) => /\/workers\/[^/]+\.worker-[^/]+\.js$/.test(f));
	expect(entries.map((f) => f.replace(/^.*\/workers\//, ''))).toEqual([expect.stringMatching(/^compute\.worker-/)]);
	const wasm = all.filter((f) => f.endsWith('.wasm')).map((f) => f.replace(/^.*\//, ''));
	expect(wasm).toHaveLength(2);
	expect(wasm.some((f) => f.includes('threaded'))).toBe(false);
});
