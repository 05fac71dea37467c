/** Every setting of the offline vs online lab, as URL parameters, and its presets. */
import { param, type Values } from '$lib/url/schema';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import type { OfflineOnlineConfig } from '$lib/labs/offline-online/types';
import { checkMetricsFor, checkSweepFor, type SweepAxes } from '$lib/sweep/lab-sweep';
import { offlineOnlineAxes } from './sweep-axes';

export const MODEL_IDS = ['click-naive', 'click-debiased', 'revenue', 'revenue-miscal'] as const;

/** What the `sweep` and `metrics` parameters are checked against (./sweep.ts describes the rest of the lab's sweeps). */
const sweepAxes: SweepAxes = { ...offlineOnlineAxes, schema: () => offlineOnlineSchema };

export const offlineOnlineSchema = {
	users: param.int(2000, 50, 20000),
	items: param.int(200, 30, 2000),
	bait: param.number(0.1, 0, 0.6),
	bias: param.number(1, 0, 3),
	novelty: param.number(0, 0, 3),
	sessions: param.int(6000, 500, 40000),
	slots: param.int(5, 2, 10),
	pool: param.int(30, 5, 200),
	days: param.int(10, 1, 60),
	perday: param.int(1500, 100, 20000),
	alpha: param.number(0.05, 0.001, 0.2),
	seed: param.int(1, 0, 4294967295),
	show: param.enum('click-debiased', MODEL_IDS),
	backend: param.enum('auto', BACKEND_CHOICES),
	/** A sweep over one setting with seed replicates ($lib/sweep/plan.ts), and the metrics it shows. */
	sweep: param.text('', 200, (raw) => checkSweepFor(sweepAxes, raw)),
	metrics: param.text('', 100, (raw) => checkMetricsFor(sweepAxes, raw))
};

export type OfflineOnlineParams = Values<typeof offlineOnlineSchema>;

export function toConfig(p: OfflineOnlineParams): OfflineOnlineConfig {
	return {
		seed: p.seed,
		users: p.users,
		items: p.items,
		clickbaitShare: p.bait,
		positionBias: p.bias,
		novelty: p.novelty,
		logSessions: p.sessions,
		slots: p.slots,
		pool: Math.max(p.pool, p.slots),
		days: p.days,
		usersPerDay: p.perday,
		alpha: p.alpha
	};
}

export const PRESETS = [
	{ id: 'metric', label: 'Clicks are not revenue (clickbait)', values: { bait: 0.25, bias: 1, novelty: 0 } },
	{ id: 'position', label: 'Position bias: offline picks the wrong model', values: { bias: 2, bait: 0.1, novelty: 0, show: 'click-naive' } },
	{ id: 'novelty', label: 'Novelty effect: early lift that fades', values: { novelty: 1.5, days: 21, show: 'click-debiased' } },
	{ id: 'calibration', label: 'Miscalibration: same purchase AUC, less revenue', values: { bait: 0.1, bias: 1, novelty: 0, show: 'revenue-miscal' } }
] as const satisfies ReadonlyArray<{ id: string; label: string; values: Partial<OfflineOnlineParams> }>;
