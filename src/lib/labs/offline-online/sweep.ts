/**
 * The offline vs online lab's sweeps: how often the model that wins offline (click AUC on the logs) also wins
 * online (revenue lift in the A/B test), as position bias or the share of clickbait grows.
 */
import { checkMetricsFor, checkSweepFor, type LabSweep } from '$lib/sweep/lab-sweep';
import type { OfflineOnlineSweepRequest } from '$lib/labs/offline-online/types';
import { offlineOnlineSchema, toConfig, type OfflineOnlineParams } from './params';

export const offlineOnlineSweep: LabSweep<OfflineOnlineParams, OfflineOnlineSweepRequest> = {
	lab: 'offline-online',
	schema: () => offlineOnlineSchema,
	sweepable: [
		{ key: 'bias', label: 'Position bias η' },
		{ key: 'bait', label: 'Share of clickbait items' },
		{ key: 'novelty', label: 'Novelty effect' },
		{ key: 'sessions', label: 'Logged sessions' },
		{ key: 'perday', label: 'A/B test users per day' },
		{ key: 'days', label: 'A/B test days' }
	],
	metrics: [
		{
			id: 'agreeCtr',
			label: 'Offline winner is the online winner (clicks)',
			short: 'Agree (clicks)',
			kind: 'proportion',
			bounds: [0, 1],
			note: 'Offline winner: the best click AUC on the logged data (as on the scoreboard); online winner: the largest click-through lift in the A/B test — the same target, measured offline on biased logs and online on fresh traffic.'
		},
		{
			id: 'agreeRevenue',
			label: 'Offline winner is the online winner (revenue)',
			short: 'Agree (revenue)',
			kind: 'proportion',
			bounds: [0, 1],
			note: 'Online winner by revenue per session instead: the metric the business cares about, which click AUC does not measure.'
		},
		{
			id: 'forgone',
			label: 'Revenue lift given up by shipping the offline winner',
			short: 'Lift forgone',
			kind: 'mean',
			percent: true,
			bounds: [0, Infinity],
			better: 'lower',
			note: 'The best candidate’s revenue lift minus the offline winner’s (0 when they agree), as measured in the A/B tests.'
		}
	],
	defaultMetrics: ['agreeCtr', 'agreeRevenue'],
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
	cost: () => 1,
	viewOnly: ['backend', 'show']
};

export const checkSweep = (text: string): string | null => checkSweepFor(offlineOnlineSweep, text);
export const checkMetrics = (text: string): string | null => checkMetricsFor(offlineOnlineSweep, text);
