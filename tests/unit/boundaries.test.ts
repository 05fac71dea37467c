/**
 * The house's import boundaries (eslint.config.js): worker code never imports page code, the numeric core never
 * imports a lab, TF.js only in worker code and ml/losses.ts. Linted snippets at real paths, so that a rule that stops
 * matching (a moved folder, a changed glob) fails here.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: new URL('../..', import.meta.url).pathname });
async function restricted(filePath: string, code: string): Promise<string[]> {
	const [result] = await eslint.lintText(code, { filePath });
	return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
const TF = "import * as tf from '@tensorflow/tfjs-core';\nexport const t = tf;\n";

describe('import boundaries', () => {
	it('worker code may not import components, runes modules, $app or $env', async () => {
		for (const file of ['src/lib/labs/drift/worker/zz.ts', 'src/lib/engine/zz.ts']) {
			const code = [
				"import A from '$lib/components/LabHeader.svelte';",
				"import { LatestRun } from '$lib/runtime/latest-run.svelte';",
				"import { page } from '$app/state';",
				"import { env } from '$env/dynamic/public';",
				'export const x = [A, LatestRun, page, env];'
			].join('\n');
			expect(await restricted(file, code), file).toHaveLength(4);
			expect(await restricted(file, TF), `${file} may use TF.js`).toEqual([]);
		}
	});

	it('the numeric core may not import a lab, nor TF.js (but ml/losses.ts may)', async () => {
		const code =
			"import { LOSS_LABELS } from '$lib/labs/imbalance/labels';\nimport { x } from '../labs/drift/own-words';\nexport const y = [LOSS_LABELS, x];\n";
		for (const file of ['src/lib/stats/zz.ts', 'src/lib/data/table/zz.ts', 'src/lib/ml/zz.ts', 'src/lib/ml/losses.ts'])
			expect(await restricted(file, code), file).toHaveLength(2);
		expect(await restricted('src/lib/metrics/zz.ts', TF)).toHaveLength(1);
		expect(await restricted('src/lib/ml/losses.ts', TF)).toEqual([]);
	});

	it('page code may not import TF.js', async () => {
		for (const file of ['src/lib/runtime/zz.ts', 'src/lib/labs/imbalance/zz.ts', 'src/routes/zz.ts']) expect(await restricted(file, TF), file).toHaveLength(1);
	});
});
