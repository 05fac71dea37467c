/** The compression lab's inference latency of every variant per backend. */
import { BACKENDS, flag } from '../options.mjs';
import { table } from '../tables.mjs';

export async function benchCompression({ page }) {
	// 1b. Compression lab: latency of every variant per backend.
	for (const backend of BACKENDS) {
		const c = await page.evaluate(([b, w, n]) => window.mdlBench.compression(b, w, n), [backend, flag('quick') ? 256 : 512, 2048]);
		if (!c.variants.length) {
			console.log(`\nCompression lab on ${backend}: not available (${(c.note ?? '').slice(0, 120)})`);
			continue;
		}
		const base = c.variants.find((v) => v.id === 'fp32');
		table(
			`Compression lab on ${backend} (${c.device}): latency per variant, 16-${flag('quick') ? 256 : 512}-${flag('quick') ? 256 : 512}-1 MLP, 20 timed runs`,
			['variant', 'batch 1 median (ms)', 'batch 1 p95', `batch ${c.largeBatch} median (ms)`, `batch ${c.largeBatch} p95`, 'speed-up', 'layers'],
			c.variants.map((v) => [
				v.label,
				v.latency1.median.toFixed(3),
				v.latency1.p95.toFixed(3),
				v.latencyN.median.toFixed(2),
				v.latencyN.p95.toFixed(2),
				`${(base.latencyN.median / v.latencyN.median).toFixed(2)}x`,
				v.layers.join('-')
			])
		);
	}
}
