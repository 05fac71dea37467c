/**
 * No import cycles among the app's modules. Every .ts and .svelte.ts file under src/lib is read as text (no bundler),
 * and its static `import … from '…'` / `export … from '…'` / `import '…'` statements become edges to the files they
 * name: `$lib/…` and relative specifiers, resolved as Vite does (the exact file, then .ts, .svelte.ts, .svelte,
 * /index.ts). Type-only imports and exports are erased at build time and are left out; so are dynamic `import()`
 * (loaded later, on demand) and Vite query imports (`?worker`, `?url`: a separate bundle or an asset). Svelte
 * components are leaves here (their scripts are not read).
 *
 * A cycle makes one of its modules run before the other's top level has (a `const` read too early throws), and
 * which one depends on which module is imported first — a page, a worker or a test may each see a different order.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LIB, ROOT, resolveSpecifier, sourceFiles, staticImports } from './import-graph';

type Graph = Map<string, string[]>;

function importGraph(): { graph: Graph; unresolved: string[] } {
	const graph: Graph = new Map();
	const unresolved: string[] = [];
	for (const file of sourceFiles(LIB)) {
		const edges = new Set<string>();
		for (const spec of staticImports(readFileSync(file, 'utf8'))) {
			const target = resolveSpecifier(file, spec);
			if (target) edges.add(target);
			else if (spec.startsWith('$lib') || spec.startsWith('.')) {
				if (!spec.includes('?')) unresolved.push(`${rel(file)}: ${spec}`);
			}
		}
		graph.set(file, [...edges]);
	}
	return { graph, unresolved };
}

function rel(path: string): string {
	return relative(ROOT, path);
}

/** The graph's strongly connected components that hold a cycle (two or more modules, or a module importing itself). */
function cycles(graph: Graph, keep: (file: string) => boolean = () => true): string[][] {
	const nodes = [...graph.keys()].filter(keep);
	const inside = new Set(nodes);
	const next = (v: string) => (graph.get(v) ?? []).filter((w) => inside.has(w));
	// Tarjan's algorithm, iterative (no deep recursion on long import chains).
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const onStack = new Set<string>();
	const stack: string[] = [];
	const found: string[][] = [];
	let counter = 0;
	for (const root of nodes) {
		if (index.has(root)) continue;
		const work: Array<{ v: string; edges: string[]; i: number }> = [];
		const enter = (v: string) => {
			index.set(v, counter);
			low.set(v, counter);
			counter++;
			stack.push(v);
			onStack.add(v);
			work.push({ v, edges: next(v), i: 0 });
		};
		enter(root);
		while (work.length) {
			const frame = work[work.length - 1];
			if (frame.i < frame.edges.length) {
				const w = frame.edges[frame.i++];
				if (!index.has(w)) enter(w);
				else if (onStack.has(w)) low.set(frame.v, Math.min(low.get(frame.v)!, index.get(w)!));
				continue;
			}
			work.pop();
			if (work.length) {
				const parent = work[work.length - 1].v;
				low.set(parent, Math.min(low.get(parent)!, low.get(frame.v)!));
			}
			if (low.get(frame.v) === index.get(frame.v)) {
				const component: string[] = [];
				let w: string;
				do {
					w = stack.pop()!;
					onStack.delete(w);
					component.push(w);
				} while (w !== frame.v);
				if (component.length > 1 || next(frame.v).includes(frame.v)) found.push(component.sort());
			}
		}
	}
	return found;
}

/** One concrete loop through a component, as `a → b → a`, for the failure message. */
function describeCycle(graph: Graph, component: string[]): string {
	const members = new Set(component);
	const start = component[0];
	// Breadth-first from the start's successors back to the start: the shortest loop through it.
	const previous = new Map<string, string>();
	const queue = (graph.get(start) ?? []).filter((w) => members.has(w));
	for (const w of queue) previous.set(w, start);
	for (let k = 0; k < queue.length && !previous.has(start); k++) {
		for (const w of graph.get(queue[k]) ?? [])
			if (members.has(w) && !previous.has(w)) {
				previous.set(w, queue[k]);
				queue.push(w);
			}
	}
	const loop = [start];
	for (let v = previous.get(start)!; v !== start; v = previous.get(v)!) loop.unshift(v);
	loop.unshift(start);
	const more = component.length > loop.length - 1 ? ` (${component.length} modules in all: ${component.map(rel).join(', ')})` : '';
	return loop.map(rel).join(' → ') + more;
}

const { graph, unresolved } = importGraph();

describe('import cycles', () => {
	it('reads the imports it should', () => {
		expect(graph.size).toBeGreaterThan(100);
		expect(staticImports("import { a, b } from './x';\nimport type { C } from './y';\nexport type { D } from './z';")).toEqual(['./x']);
		expect(staticImports("import {\n\ttype A,\n\ttype B\n} from './y';\nexport { e } from './e';\nimport './side';")).toEqual(['./e', './side']);
		expect(staticImports(" * import { a } from './doc';\nconst m = await import('./lazy');\nexport const x = 1;")).toEqual([]);
		// Every `$lib` or relative import names a file that exists (or the graph would miss edges).
		expect(unresolved).toEqual([]);
	});

	const labs = readdirSync(join(LIB, 'labs'), { withFileTypes: true })
		.filter((e) => e.isDirectory())
		.map((e) => e.name);

	it.each(labs)('none among the modules of the %s lab', (lab) => {
		const folder = join(LIB, 'labs', lab) + '/';
		const found = cycles(graph, (f) => f.startsWith(folder)).map((c) => describeCycle(graph, c));
		expect(found, `import cycles in src/lib/labs/${lab}:\n${found.join('\n')}`).toEqual([]);
	});

	it('none anywhere in src/lib', () => {
		const found = cycles(graph).map((c) => describeCycle(graph, c));
		expect(found, `import cycles in src/lib:\n${found.join('\n')}`).toEqual([]);
	});
});
