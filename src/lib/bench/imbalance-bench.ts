/** Throughput of the class-imbalance lab's model, per backend and data size, each run in a fresh worker. */
import { openLab } from '$lib/runtime/compute';
import { backendNotice } from '$lib/components/backend-notice';
import type { BackendName } from '$workers/lib/backend-types';
import { toConfig } from '$lib/labs/imbalance/params';
import { defaults } from '$lib/url/schema';
import { imbalanceSchema } from '$lib/labs/imbalance/params';

export interface ThroughputRow {
	backend: BackendName;
	device: string;
	n: number;
	/** null when the backend could not run here (see note). */
	samplesPerSecond: number | null;
	note: string | null;
}

export async function benchImbalance(backend: BackendName, n: number, ms = 2500): Promise<ThroughputRow> {
	const lab = await openLab('imbalance');
	const api = lab.api;
	try {
		const report = await api.init(backend);
		if (report.active !== backend) return { backend, device: '', n, samplesPerSecond: null, note: backendNotice(report) };
		await api.setup({ ...toConfig({ ...defaults(imbalanceSchema), n }) });
		const r = await api.benchmark(ms);
		return { backend, device: report.device, n, samplesPerSecond: r.samplesPerSecond, note: null };
	} catch (e) {
		return { backend, device: '', n, samplesPerSecond: null, note: e instanceof Error ? e.message : String(e) };
	} finally {
		lab.close();
	}
}
