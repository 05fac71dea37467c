/**
 * Pages never load TF.js: from every page-side file (routes, components, each lab's page modules — everything in src
 * but each lab's `worker/` and `src/lib/engine`), no chain of static value imports reaches a file that imports
 * `@tensorflow/*`. ESLint forbids the direct import; this catches the indirect one (a page importing a worker module
 * that imports TF.js would put TF.js in the page's bundle).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, isModule, resolveSpecifier, sourceFiles, staticImports } from './import-graph';
const rel = (f: string) => relative(ROOT, f);
const isWorkerSide = (f: string) => /^src\/lib\/(labs\/[^/]+\/worker|engine)\//.test(rel(f));
/** A .svelte file's scripts (its markup has no imports). */
const codeOf = (f: string) => {
	const text = readFileSync(f, 'utf8');
	return f.endsWith('.svelte') ? [...text.matchAll(/<script[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n') : text;
};

/** The first chain from `start` to a file importing TF.js, or null. */
function chainToTf(start: string, seen = new Set<string>()): string[] | null {
	if (seen.has(start)) return null;
	seen.add(start);
	const specs = staticImports(codeOf(start));
	if (specs.some((s) => s.startsWith('@tensorflow/'))) return [rel(start)];
	for (const spec of specs) {
		const next = resolveSpecifier(start, spec);
		const chain = next ? chainToTf(next, seen) : null;
		if (chain) return [rel(start), ...chain];
	}
	return null;
}

describe('pages never load TF.js', () => {
	const pageFiles = sourceFiles(join(ROOT, 'src'), (name) => isModule(name) || name.endsWith('.svelte')).filter(
		(f) => !isWorkerSide(f) && !rel(f).startsWith('src/lib/ml/losses.ts')
	);

	it('finds page files and worker files that do import TF.js (the check can fail)', () => {
		expect(pageFiles.length).toBeGreaterThan(100);
		expect(chainToTf(join(ROOT, 'src/lib/labs/imbalance/worker/api.ts'))).not.toBeNull();
	});

	it('no page file reaches TF.js through its static imports', () => {
		const seen = new Set<string>();
		const chains = pageFiles.map((f) => chainToTf(f, seen)).filter((c): c is string[] => c !== null);
		expect(chains.map((c) => c.join(' → '))).toEqual([]);
	});
});
