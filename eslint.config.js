// ESLint: JavaScript and TypeScript recommended rules, Svelte 5 rules, and Prettier's formatting left to Prettier.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

/**
 * Boundaries (README, Architecture): worker code (each lab's `worker/`, the shared `src/lib/engine`) never imports
 * page code (`.svelte`, `.svelte.ts`, `$app`, `$env`); the numeric core (`stats`, `metrics`, `ml`, `data`,
 * `features`) never imports a lab; TF.js only in worker code and in `ml/losses.ts` (its ops). Groups are disjoint:
 * ESLint does not merge two `no-restricted-imports` settings for one file, the later would replace the earlier.
 */
const WORKER = ['src/lib/labs/*/worker/**', 'src/lib/engine/**'];
const CORE = ['src/lib/stats/**', 'src/lib/metrics/**', 'src/lib/ml/**', 'src/lib/data/**', 'src/lib/features/**'];
const TF_OPS = ['src/lib/ml/losses.ts'];
const PAGE_CODE = {
	group: ['*.svelte', '**/*.svelte', '*.svelte.ts', '**/*.svelte.ts', '*.svelte.js', '**/*.svelte.js', '$app/*', '$env/*'],
	message: 'Worker code does not import page code (components, runes modules, $app, $env): it returns data and the page words it.'
};
const LABS = {
	group: ['$lib/labs/*', '$lib/labs/**', '**/labs/*', '**/labs/**'],
	message: 'The numeric core does not import a lab: labs import the core.'
};
const TFJS = { group: ['@tensorflow/*'], message: 'TF.js is imported only in worker code (src/lib/labs/*/worker, src/lib/engine) and src/lib/ml/losses.ts.' };
const restrict = (...patterns) => ({ 'no-restricted-imports': ['error', { patterns }] });

export default ts.config(
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/results/'] },
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node, ...globals.worker } },
		rules: {
			// Unused arguments are named _x on purpose (an API's shape); everything else unused is an error.
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
			// The static site is served from the root (no `paths.base`): links and replaceState take plain paths, and the
			// lab paths come from the registry as strings, which `resolve()` cannot type.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{ files: WORKER, rules: restrict(PAGE_CODE) },
	{ files: CORE, ignores: TF_OPS, rules: restrict(LABS, TFJS, PAGE_CODE) },
	{ files: TF_OPS, rules: restrict(LABS, PAGE_CODE) },
	{ files: ['src/**'], ignores: [...WORKER, ...CORE], rules: restrict(TFJS) },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	}
);
