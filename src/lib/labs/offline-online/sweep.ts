/**
 * The offline vs online lab's sweeps: how often the model that wins offline (click AUC on the logs) also wins
 * online (revenue lift in the A/B test), as position bias or the share of clickbait grows.
 */
import type { LabSweep } from '$lib/sweep/lab-sweep';
import type { OfflineOnlineSweepRequest } from '$lib/labs/offline-online/types';
import { offlineOnlineSchema, toConfig, type OfflineOnlineParams } from './params';
import { offlineOnlineAxes } from './sweep-axes';

export const offlineOnlineSweep: LabSweep<OfflineOnlineParams, OfflineOnlineSweepRequest> = {
	lab: 'offline-online',
	schema: () => offlineOnlineSchema,
	...offlineOnlineAxes,
	defaultSweep: 'bias:0,0.5,1,2,3/10',
	presets: [
		{
			id: 'position',
			label: 'Does the offline winner win online? vs position bias η (10 seeds)',
			settings: { bait: 0.1, novelty: 0, users: 1000, items: 150, sessions: 4000, days: 7, perday: 1000 },
			sweep: 'bias:0,0.5,1,2,3/10',
			metrics: 'agreeCtr,agreeRevenue'
		},
		{
			id: 'clickbait',
			label: 'Does the offline winner earn the most? vs the share of clickbait (10 seeds)',
			settings: { bias: 1, novelty: 0, users: 1000, items: 150, sessions: 4000, days: 7, perday: 1000 },
			sweep: 'bait:0,0.1,0.2,0.4,0.6/10',
			metrics: 'agreeRevenue,forgone'
		}
	],
	arms: () => [{ label: 'Offline winner', tag: 'offline-pick' }],
	request: (p, id) => ({ id, config: toConfig(p) }),
	// A run is the lab's whole pipeline: one lab run.
	// Sweep work per unit of `cost` against the lab's own run (measured, `npm run bench -- --only=estimates`: no charts, offline metrics and A/B tests only).
	sweepSpeedup: 1.3,
	cost: () => 1,
	viewOnly: ['backend', 'show']
};
