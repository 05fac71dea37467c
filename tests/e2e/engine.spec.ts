import { test, expect } from './fixtures';

/**
 * The fused training engine in the browser: on the CPU and WebAssembly backends the imbalance lab trains through the
 * MdlFusedTrain kernel in its worker (the op-by-op path elsewhere), K models at once run, and the lab's page trains
 * to the end on it. Speeds are measured by `npm run bench`, not here.
 */
for (const backend of ['wasm', 'cpu'] as const) {
	test(`the imbalance lab trains on the fused engine on ${backend}`, async ({ page }) => {
		await page.goto('/bench');
		await page.waitForFunction(() => 'mdlBench' in window);
		const r = await page.evaluate(
			(b) =>
				(window as unknown as { mdlBench: { engine: (b: string, ms: number, k: number[]) => Promise<Record<string, unknown>> } }).mdlBench.engine(
					b,
					300,
					[1, 3]
				),
			backend
		);
		console.log(`[engine] ${backend}: ${JSON.stringify(r)}`);
		expect(r.note).toBeNull();
		expect(r.path).toBe('fused');
		expect(r.ops as number).toBeGreaterThan(0);
		expect(r.lab as number).toBeGreaterThan(0);
		expect((r.many as Array<{ K: number; samplesPerSecond: number }>).map((m) => m.K)).toEqual([1, 3]);

		await page.goto(`/imbalance?n=2000&epochs=20&backend=${backend}`);
		await expect(page.getByTestId('progress-text')).toContainText('epoch 20 / 20', { timeout: 60_000 });
		const auc = await page.getByTestId('comparison').textContent();
		expect(auc).not.toMatch(/NaN|undefined/);
	});
}

test('on WebGPU the lab keeps the op-by-op path (no fused kernel there yet)', async ({ page }) => {
	await page.goto('/bench');
	await page.waitForFunction(() => 'mdlBench' in window);
	const r = await page.evaluate(() =>
		(window as unknown as { mdlBench: { engine: (b: string, ms: number, k: number[]) => Promise<Record<string, unknown>> } }).mdlBench.engine(
			'webgpu',
			200,
			[1]
		)
	);
	console.log(`[engine] webgpu: path ${r.path}, note ${r.note}`);
	if (r.note === null) {
		expect(r.path).toBe('ops');
		expect(r.many).toEqual([]);
	}
});
