/** Every setting of the rollout lab, as URL parameters, and its named scenarios. */
import { param, type Values } from '$lib/url/schema';
import type { ManyRunsConfig, RolloutConfig } from '$lib/labs/rollout/types';

export const rolloutSchema = {
	lift: param.number(0.03, -0.3, 0.3),
	crash: param.number(0, 0, 0.5),
	latency: param.number(0, 0, 2),
	traffic: param.int(2000, 50, 100000),
	base: param.number(0.05, 0.005, 0.5),
	errors: param.number(0.002, 0, 0.1),
	noise: param.number(0.1, 0, 1),
	changed: param.number(0.2, 0, 1),
	offline: param.number(0.82, 0.5, 1),
	hours: param.int(168, 24, 720),
	shadow: param.int(24, 1, 168),
	hold: param.int(6, 1, 48),
	alpha: param.number(0.05, 0.001, 0.2),
	mde: param.number(0.05, 0.01, 0.5),
	eps: param.number(0.1, 0.01, 1),
	seed: param.int(1, 0, 4294967295),
	runs: param.int(1000, 100, 20000)
};

export type RolloutParams = Values<typeof rolloutSchema>;

export function toConfig(p: RolloutParams): RolloutConfig {
	return {
		baseRate: p.base,
		lift: p.lift,
		errorRate: p.errors,
		errorRegression: p.crash,
		latencyRegression: p.latency,
		traffic: p.traffic,
		noise: p.noise,
		changed: p.changed,
		offlineScore: p.offline,
		hours: p.hours,
		shadowHours: p.shadow,
		hold: p.hold,
		alpha: p.alpha,
		mde: p.mde,
		epsilon: p.eps,
		seed: p.seed
	};
}

export function manyConfig(p: RolloutParams): ManyRunsConfig {
	return { config: toConfig(p), runs: p.runs };
}

/** A scenario resets the candidate to a healthy one first, then applies its own changes. */
const HEALTHY = { lift: 0.03, crash: 0, latency: 0, offline: 0.82 } as const;

export const PRESETS: ReadonlyArray<{ id: string; label: string; values: Partial<RolloutParams> }> = [
	{ id: 'crash', label: 'The candidate crashes (20% of its requests fail)', values: { ...HEALTHY, crash: 0.2 } },
	{ id: 'slightly-worse', label: 'Slightly worse (−3% conversions), looks better offline', values: { ...HEALTHY, lift: -0.03 } },
	{ id: 'better', label: 'Better (+5% conversions)', values: { ...HEALTHY, lift: 0.05 } },
	{ id: 'latency', label: 'Latency regression only (+30%, same conversions)', values: { ...HEALTHY, lift: 0, latency: 0.3 } },
	{ id: 'shadow-crash', label: 'Shadow catches a crash before any user sees it (1% fail)', values: { ...HEALTHY, crash: 0.01 } }
];
