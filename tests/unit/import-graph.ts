/** Reading the app's static import graph as text (shared by import-cycles.test.ts and page-tfjs.test.ts). */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LIB = join(ROOT, 'src/lib');

/** A TypeScript module (declaration files are not). */
export const isModule = (name: string) => name.endsWith('.ts') && !name.endsWith('.d.ts');

/** The files under `dir` (absolute paths) whose name `accept`s, in folders `skipDir` does not skip. */
export function sourceFiles(dir: string, accept: (name: string) => boolean = isModule, skipDir: (path: string) => boolean = () => false): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
		const path = join(dir, e.name);
		if (e.isDirectory()) return skipDir(path) ? [] : sourceFiles(path, accept, skipDir);
		return e.isFile() && accept(e.name) ? [path] : [];
	});
}

/**
 * The specifiers of a file's static, value-level imports and re-exports. Statements start a line (as Prettier writes
 * them), so examples inside comments (` * import …`) and dynamic `import(…)` in code do not match; the clause between
 * the keyword and `from` holds only names, braces, commas and `*`, so a match cannot run past a `=` or `;`.
 */
export function staticImports(source: string): string[] {
	const specs: string[] = [];
	const clause = /^[ \t]*(import|export)\s+(type\s+)?([\w$*{},\s]*?)\s*from\s*['"]([^'"\n]+)['"]/gm;
	for (const m of source.matchAll(clause)) {
		const [, , typeOnly, names, spec] = m;
		if (typeOnly) continue;
		// `import { type A, type B } from` names nothing at run time either.
		const braced = /^\{([\s\S]*)\}$/.exec(names.trim());
		if (braced) {
			const parts = braced[1]
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
			if (parts.length > 0 && parts.every((s) => /^type\s/.test(s))) continue;
		}
		specs.push(spec);
	}
	for (const m of source.matchAll(/^[ \t]*import\s*['"]([^'"\n]+)['"]/gm)) specs.push(m[1]);
	return specs;
}

export function isFile(path: string): boolean {
	return existsSync(path) && statSync(path).isFile();
}

/** The file a specifier names inside the repository, or null (a package, a virtual module, a query import). */
export function resolveSpecifier(from: string, spec: string): string | null {
	if (spec.includes('?')) return null;
	let base: string;
	if (spec.startsWith('$lib/')) base = join(LIB, spec.slice('$lib/'.length));
	else if (spec === '$lib') base = LIB;
	else if (spec.startsWith('./') || spec.startsWith('../')) base = resolve(dirname(from), spec);
	else return null;
	for (const candidate of [base, `${base}.ts`, `${base}.svelte.ts`, `${base}.svelte`, join(base, 'index.ts')]) if (isFile(candidate)) return candidate;
	return null;
}
