/** Speed of the rollout lab's many-runs simulation (six strategies per run) in a worker, as the page runs it. */
import { openLab } from '$lib/runtime/compute';
import { defaults } from '$lib/url/schema';
import { rolloutSchema, toConfig } from '$lib/labs/rollout/params';

export interface RolloutRow {
	runs: number;
	hours: number;
	traffic: number;
	seconds: number;
	runsPerSecond: number;
}

export async function benchRollout(runs: number, hours: number, traffic: number): Promise<RolloutRow> {
	const lab = await openLab('rollout');
	try {
		const config = { ...toConfig(defaults(rolloutSchema)), hours, traffic };
		await lab.api.many({ config, runs: 100 }); // warm-up (JIT)
		const t0 = performance.now();
		const out = await lab.api.many({ config, runs });
		const seconds = (performance.now() - t0) / 1000;
		if (out.status !== 'done') throw new Error('The benchmark run was cancelled.');
		return { runs, hours, traffic, seconds, runsPerSecond: runs / seconds };
	} finally {
		lab.close();
	}
}
