/**
 * The house rule: no source file over 450 lines (small modules named for what they do). Every .ts, .svelte, .js and
 * .mjs file under src/, tests/ and bench/ is counted (node_modules, build output, .svelte-kit and the test fixtures
 * skipped); the test names each file over the limit.
 */
import { readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './import-graph';

const MAX_LINES = 450;
const ROOT = join(__dirname, '../..');
const ROOTS = ['src', 'tests', 'bench'];
const EXTENSIONS = /\.(ts|svelte|js|mjs)$/;
const SKIP_DIRS = new Set(['node_modules', 'build', '.svelte-kit']);
const SKIP_PATHS = new Set(['tests/fixtures']);

/** Lines as `wc -l` counts them, plus a last line without its newline. */
function lineCount(text: string): number {
	if (text === '') return 0;
	const newlines = text.split('\n').length - 1;
	return text.endsWith('\n') ? newlines : newlines + 1;
}

const rel = (path: string) => relative(ROOT, path).split('\\').join('/');
const skipped = (dir: string) => SKIP_DIRS.has(basename(dir)) || SKIP_PATHS.has(rel(dir));

describe('file size', () => {
	it('counts lines as wc -l does', () => {
		expect(lineCount('')).toBe(0);
		expect(lineCount('a\n')).toBe(1);
		expect(lineCount('a\nb')).toBe(2);
		expect(lineCount('a\n\nb\n')).toBe(3);
	});

	const files = ROOTS.flatMap((r) => sourceFiles(join(ROOT, r), (name) => EXTENSIONS.test(name), skipped).map(rel)).sort();

	it('finds the source files', () => {
		expect(files).toContain('src/lib/stats/abtest.ts');
		expect(files).toContain('bench/run.mjs');
		expect(files).toContain('tests/unit/file-size.test.ts');
		expect(files.some((f) => f.startsWith('tests/fixtures/'))).toBe(false);
	});

	it(`no source file is over ${MAX_LINES} lines`, () => {
		const over = files
			.map((f) => ({ file: f, lines: lineCount(readFileSync(join(ROOT, f), 'utf8')) }))
			.filter((f) => f.lines > MAX_LINES)
			.map((f) => `${f.file}: ${f.lines} lines`);
		expect(over, `Files over ${MAX_LINES} lines (split them by job):\n${over.join('\n')}`).toEqual([]);
	});
});
