/**
 * The offline vs online lab's sweep axes: the settings a sweep may vary and the metrics it reports, as plain data. The URL
 * schema (./params.ts) checks its `sweep` and `metrics` parameters against them, and the sweep description (./sweep.ts),
 * which builds on that schema, spreads them in. Kept apart from both so that neither imports the other.
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const offlineOnlineAxes = {
	sweepable: [
		{ key: 'bias', label: 'Position bias η' },
		{ key: 'bait', label: 'Share of clickbait items' },
		{ key: 'novelty', label: 'Novelty effect' },
		{ key: 'sessions', label: 'Logged sessions' },
		{ key: 'perday', label: 'A/B test users per day' },
		{ key: 'days', label: 'A/B test days' }
	] as const,
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
	] satisfies SweepMetric[],
	defaultMetrics: ['agreeCtr', 'agreeRevenue']
};
