import { test, expect } from './fixtures';

/**
 * The fused training engine in the browser: on the WebGPU, WebAssembly and CPU backends the imbalance lab trains
 * through the MdlFusedTrain kernel in its worker (WGSL, SIMD, JS), K models at once run, each kernel trains as the JS
 * step does, and the lab's page trains to the end on it. Speeds are measured by `npm run bench`, not here.
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
		expect(r.step).toBe(backend === 'wasm' ? 'simd' : 'js');
		expect(r.ops as number).toBeGreaterThan(0);
		expect(r.lab as number).toBeGreaterThan(0);
		expect((r.many as Array<{ K: number; samplesPerSecond: number }>).map((m) => m.K)).toEqual([1, 3]);

		await page.goto(`/imbalance?n=2000&epochs=20&backend=${backend}`);
		await expect(page.getByTestId('progress-text')).toContainText('epoch 20 / 20', { timeout: 60_000 });
		const auc = await page.getByTestId('comparison').textContent();
		expect(auc).not.toMatch(/NaN|undefined/);
	});
}

type Bench = {
	mdlBench: {
		engineAgreement: (
			b: string,
			epochs: number
		) => Promise<{ backend: string; step: string | null; steps: number; lossErr: number; weightErr: number; leaked: number; note: string | null }>;
	};
};

/**
 * Each backend's fused kernel against the JS step (which the unit tests match against TF.js op by op): three models
 * at once, 30 steps each, same weights and batches. WebGPU runs wherever an adapter exists (SwiftShader here); the
 * test says which ran.
 */
for (const [backend, step] of [
	['webgpu', 'wgsl'],
	['wasm', 'simd'],
	['cpu', 'js']
] as const) {
	test(`the ${backend} kernel (${step}) trains as the JS step does`, async ({ page }) => {
		await page.goto('/bench');
		await page.waitForFunction(() => 'mdlBench' in window);
		const r = await page.evaluate((b) => (window as unknown as Bench).mdlBench.engineAgreement(b, 3), backend);
		console.log(`[engine] ${backend} agreement: ${JSON.stringify(r)}`);
		if (backend === 'webgpu' && r.note !== null) {
			test.info().annotations.push({ type: 'skipped-backend', description: `WebGPU did not start here: ${r.note}` });
			return;
		}
		expect(r.note).toBeNull();
		expect(r.step).toBe(step);
		expect(r.steps).toBe(30);
		// Float32 (GPU, SIMD) against float64 activations; WGSL's exp and log are not correctly rounded.
		// The JS kernel is the JS step: equal weights, losses up to their float32 output.
		expect(r.lossErr).toBeLessThan(step === 'js' ? 1e-6 : 1e-4);
		if (step === 'js') expect(r.weightErr).toBe(0);
		else expect(r.weightErr).toBeLessThan(1e-4);
		expect(r.leaked).toBe(0);
	});
}

test('on WebGPU the lab trains through the WGSL kernel, to the end', async ({ page }) => {
	await page.goto('/bench');
	await page.waitForFunction(() => 'mdlBench' in window);
	const r = await page.evaluate(() =>
		(window as unknown as { mdlBench: { engine: (b: string, ms: number, k: number[]) => Promise<Record<string, unknown>> } }).mdlBench.engine(
			'webgpu',
			200,
			[2]
		)
	);
	console.log(`[engine] webgpu: path ${r.path}, step ${r.step}, lab ${r.lab} samples/s, note ${r.note}`);
	if (r.note !== null) {
		test.info().annotations.push({ type: 'skipped-backend', description: `WebGPU did not start here: ${r.note}` });
		return;
	}
	expect(r.path).toBe('fused');
	expect(r.step).toBe('wgsl');
	expect((r.many as Array<{ K: number }>).map((m) => m.K)).toEqual([2]);
	await page.goto('/imbalance?n=1000&epochs=5&backend=webgpu');
	await expect(page.getByTestId('progress-text')).toContainText('epoch 5 / 5', { timeout: 90_000 });
	expect(await page.getByTestId('comparison').textContent()).not.toMatch(/NaN|undefined/);
});
