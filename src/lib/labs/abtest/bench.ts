/** Speed of the A/B lab's A/A peeking simulation in a worker, as the page runs it. */
import { openLab } from '$lib/runtime/compute';

export interface AaRow {
	experiments: number;
	days: number;
	dailyTraffic: number;
	seconds: number;
	experimentsPerSecond: number;
}

export async function benchAa(experiments: number, days: number, dailyTraffic: number): Promise<AaRow> {
	const lab = await openLab('abtest');
	const api = lab.api;
	try {
		const config = { experiments, days, dailyTraffic, split: 0.5, baselineRate: 0.1, alpha: 0.05, tau: 0.01, bayesThreshold: 0.95, seed: 1 };
		await api.peeking({ ...config, experiments: 1000 }); // warm-up (JIT)
		const t0 = performance.now();
		const out = await api.peeking(config);
		const seconds = (performance.now() - t0) / 1000;
		if (out.status !== 'done') throw new Error('The benchmark run was cancelled.');
		return { experiments, days, dailyTraffic, seconds, experimentsPerSecond: experiments / seconds };
	} finally {
		lab.close();
	}
}
