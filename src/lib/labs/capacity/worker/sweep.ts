/**
 * The capacity lab's sweep runs: each is the model-wise curve of one seed (the lab's settings with the swept value and
 * the replicate's seed), reported as the metrics of ../sweep-axes.ts, one arm.
 */
import { Cancelled, yieldToEventLoop, type Ticket } from '../../../engine/run-control';
import type { RunMetrics } from '../../../engine/sweep-job';
import { capacityCurve, type Curve } from '../curve';
import { centreAndFlank, peakPoints } from '../evidence';
import type { CapacitySweepRequest } from '../types';
import { validateCapacityConfig } from './run';

/** The sweep metrics of one curve with threshold n (NaN where the grid cannot hold the comparison). */
export function curveMetrics(curve: Curve, n: number): RunMetrics {
	const err = (x: number) => curve.points.find((q) => q.x === x)?.testMse ?? NaN;
	const at = peakPoints(
		curve.points.map((q) => q.x),
		n
	);
	const { centre, flank } = at ? centreAndFlank(curve, at) : { centre: NaN, flank: NaN };
	return {
		peak: Math.log10(centre / flank),
		threshold: Math.log10(centre),
		wide: Math.log10(err(curve.points[curve.points.length - 1].x)),
		best: Math.log10(Math.min(...curve.points.map((q) => q.testMse)))
	};
}

export async function runCapacitySweep(requests: CapacitySweepRequest[], ticket: Ticket, emit: (id: number, arms: RunMetrics[]) => void): Promise<void> {
	for (const req of requests) {
		validateCapacityConfig(req.config);
		await yieldToEventLoop();
		if (ticket.stale) throw new Cancelled();
		const c = req.config;
		const curve = capacityCurve({ ...c.model, n: c.n, capacities: c.capacities }, c.seed);
		emit(req.id, [curveMetrics(curve, c.n)]);
	}
}
