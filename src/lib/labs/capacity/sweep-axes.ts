/**
 * The capacity lab's sweep axes: the settings a sweep may vary and the metrics one model-wise curve reports, as plain
 * data (the URL schema in ./params.ts checks its `sweep` and `metrics` parameters against them; ./sweep.ts builds on
 * both). Errors are on the log₁₀ scale: across seeds they are heavy-tailed near the threshold and close to normal
 * in log (./evidence.ts).
 */
import type { SweepMetric } from '$lib/sweep/lab-sweep';

export const capacityAxes = {
	sweepable: [
		{ key: 'noise', label: 'Label noise σ' },
		{ key: 'ridge', label: 'Ridge penalty λ' },
		{ key: 'n', label: 'Training points n' },
		{ key: 'target', label: 'Target' }
	] as const,
	metrics: [
		{
			id: 'peak',
			label: 'Height of the peak at p = n (log₁₀ of centre ÷ larger flank)',
			short: 'log₁₀ peak',
			kind: 'mean',
			better: 'lower',
			note: 'Per curve: log₁₀ of the test error at p = n (geometric mean of the two capacities beside n) over the larger of the errors at p ≈ n/2 and at the largest p. Above 0: a peak.'
		},
		{
			id: 'threshold',
			label: 'Test error near p = n (log₁₀ MSE)',
			short: 'log₁₀ MSE at p = n',
			kind: 'mean',
			better: 'lower',
			note: 'log₁₀ of the test mean squared error at p = n (geometric mean of the two capacities beside n; p = n itself is not fitted: see the page).'
		},
		{
			id: 'wide',
			label: 'Test error at the largest capacity (log₁₀ MSE)',
			short: 'log₁₀ MSE at p = 4n',
			kind: 'mean',
			better: 'lower',
			note: 'log₁₀ of the test mean squared error at the largest capacity of the grid (4n).'
		},
		{
			id: 'best',
			label: 'Lowest test error over the capacities (log₁₀ MSE)',
			short: 'log₁₀ best MSE',
			kind: 'mean',
			better: 'lower',
			note: 'log₁₀ of the smallest test mean squared error of the curve (each seed its own best capacity).'
		}
	] satisfies SweepMetric[],
	defaultMetrics: ['peak', 'threshold']
};
