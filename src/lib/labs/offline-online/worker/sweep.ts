/**
 * The offline vs online lab's sweep runs: each run is the lab's whole pipeline for one seed (population, logged
 * sessions, the four candidates, an online A/B test of each). As on the lab's scoreboard, the offline winner is the
 * candidate with the best click AUC on the logged data, the online winner the one with the largest revenue lift
 * (and, for comparison, the largest click-through lift). Per run:
 * - agreeRevenue / agreeCtr: 1 when the offline winner is also the online (revenue / CTR) winner;
 * - forgone: the revenue lift given up by shipping the offline winner, best lift − its lift (0 when they agree).
 */
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { simulate } from './simulate';
import type { ModelResult, OfflineOnlineSweepRequest } from '../types';

export type PickMetrics = { agreeRevenue: number; agreeCtr: number; forgone: number };

const best = (xs: ModelResult[], f: (m: ModelResult) => number) => xs.reduce((a, b) => (f(b) > f(a) ? b : a));

export function pickMetrics(models: ModelResult[]): PickMetrics {
	const candidates = models.filter((m) => m.online);
	const offline = best(candidates, (m) => m.offline.clickAuc);
	const revenue = best(candidates, (m) => m.online!.revenue.lift);
	const ctr = best(candidates, (m) => m.online!.ctr.lift);
	return {
		agreeRevenue: offline.id === revenue.id ? 1 : 0,
		agreeCtr: offline.id === ctr.id ? 1 : 0,
		forgone: revenue.online!.revenue.lift - offline.online!.revenue.lift
	};
}

export async function runOfflineOnlineSweep(
	requests: OfflineOnlineSweepRequest[],
	ticket: Ticket,
	onRun: (id: number, arms: PickMetrics[]) => void
): Promise<void> {
	for (const r of requests) {
		const out = await simulate(r.config, ticket, () => {});
		onRun(r.id, [pickMetrics(out.models)]);
		await checkpoint(ticket);
	}
}
