import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '404.html', strict: true }),
		// Registered by the app once the page has loaded (src/lib/runtime/offline.ts), not at once.
		serviceWorker: { register: false },
		// A lab's page links ~10 small stylesheets, which held its first frame (a blank one) until all had loaded:
		// inlined into the page's HTML instead (each is a few KB).
		inlineStyleThreshold: 16_384,
		typescript: {
			config(tsconfig) {
				tsconfig.include.push('../tests/**/*.ts', '../bench/**/*.ts');
				// AssemblyScript, type-checked by its own compiler (its tsconfig.json is beside it).
				tsconfig.exclude.push('../src/lib/engine/fused/assembly/**');
				return tsconfig;
			}
		}
	}
};

export default config;
