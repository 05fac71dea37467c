/** Names of the scalings and features as shown to users. */
import { FEATURES } from '$lib/labs/scaling/worker/tabular';

export const RUN_LABELS: Record<string, string> = {
	none: 'None (raw)',
	minmax: 'Min-max',
	standard: 'Standard (z-score)',
	robust: 'Robust (median / IQR)',
	log: 'Log (log1p)',
	'standard-leaky': 'Standard, fitted on all data (leak)'
};

export function featureLabel(i: number | string): string {
	const f = FEATURES[Number(i)];
	return `${f.name} (${f.unit})`;
}

export function featureOptions() {
	return FEATURES.map((f, i) => ({ value: String(i) as '0' | '1' | '2' | '3', label: `${f.name} (${f.unit})` }));
}
