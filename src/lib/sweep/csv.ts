/**
 * A sweep's runs as CSV rows: one row per run and arm, with the swept value(s), the replicate, its seed, the arm's tag
 * and every metric the lab reports (not only the ones shown). Runs still to come are left out.
 */
import type { PlannedSweep, SweepMetric } from './lab-sweep';
import type { ArmMetrics } from './pool';

export function sweepCsv(
	metrics: SweepMetric[],
	plan: Pick<PlannedSweep<unknown>, 'key' | 'key2' | 'runs' | 'arms'>,
	shown: { results: Array<ArmMetrics[] | undefined> }
): { columns: string[]; rows: Array<Array<number | string>> } {
	const rows: Array<Array<number | string>> = [];
	plan.runs.forEach((r, i) => {
		const res = shown.results[i];
		if (res)
			res.forEach((arm, a) =>
				rows.push([
					plan.key,
					String(r.value),
					...(plan.key2 ? [plan.key2, String(r.value2)] : []),
					r.replicate,
					r.seed,
					plan.arms[a]?.tag ?? String(a),
					...metrics.map((m) => arm[m.id])
				])
			);
	});
	const second = plan.key2 ? ['setting2', 'value2'] : [];
	return { columns: ['setting', 'value', ...second, 'replicate', 'seed', 'arm', ...metrics.map((m) => m.id)], rows };
}
