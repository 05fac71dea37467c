/**
 * Rates the rollout lab's text states, measured by simulation at the default settings (MEASURED_RUNS seeded
 * rollouts each, run r seeded by mixSeed(1, r); Thompson sampling's alone by mixSeed(77, r)), each with its 95%
 * Wilson interval. tests/unit/rollout-claims.test.ts measures them again on other seeds and checks that they hold.
 */
import type { GuardrailId, RolloutConfig } from '$lib/labs/rollout/types';

export const MEASURED_RUNS = 4000;

/** A simulated share and its 95% Wilson interval. */
export interface Measured {
	value: number;
	lo: number;
	hi: number;
}

const m = (value: number, lo: number, hi: number): Measured => ({ value: value / 100, lo: lo / 100, hi: hi / 100 });

/** How often each guardrail rolls back a regression of its own kind: the canary's (by that guardrail) and the shadow's (24 hours mirrored). */
export const GUARDRAIL_CATCHES: ReadonlyArray<{
	id: GuardrailId;
	regression: string;
	over: Partial<RolloutConfig>;
	canary: Measured;
	shadow: Measured | null;
}> = [
	{ id: 'metric', regression: 'conversions −3%', over: { lift: -0.03 }, canary: m(1.0, 0.7, 1.3), shadow: null },
	{ id: 'metric', regression: 'conversions −10%', over: { lift: -0.1 }, canary: m(9.2, 8.3, 10.1), shadow: null },
	{ id: 'metric', regression: 'conversions −30%', over: { lift: -0.3 }, canary: m(98.1, 97.7, 98.5), shadow: null },
	{
		id: 'errors',
		regression: 'failed requests 0.2% → 0.4%',
		over: { lift: 0, errorRegression: 0.002 },
		canary: m(39.5, 37.9, 41.0),
		shadow: m(99.3, 99.0, 99.5)
	},
	{ id: 'errors', regression: 'failed requests 0.2% → 1.2%', over: { lift: 0, errorRegression: 0.01 }, canary: m(99.7, 99.5, 99.8), shadow: m(100, 99.9, 100) },
	{ id: 'latency', regression: 'latency +10%', over: { lift: 0, latencyRegression: 0.1 }, canary: m(84.8, 83.7, 85.9), shadow: m(99.7, 99.5, 99.8) },
	{ id: 'latency', regression: 'latency +30%', over: { lift: 0, latencyRegression: 0.3 }, canary: m(99.9, 99.7, 99.9), shadow: m(99.9, 99.7, 99.9) }
];

/** The A/A rollout (the candidate equal to the current model) at the defaults: how often each strategy ships it. */
export const AA_SHIPS = {
	abtest: m(2.7, 2.3, 3.3),
	canary: m(98.8, 98.4, 99.1),
	shadow: m(98.8, 98.4, 99.1),
	thompson: m(32.1, 30.7, 33.6),
	egreedy: m(45.1, 43.6, 46.7)
} as const;

/** Thompson sampling's A/A ships with no hour-to-hour noise and with a lot, and its stopping rule on a fixed 50/50 split. */
export const THOMPSON_AA = {
	noise0: m(31.9, 30.5, 33.4),
	noise03: m(31.3, 29.9, 32.8),
	fixedSplit: m(32.9, 31.5, 34.4)
} as const;

/** "9.2% [8.3%, 10.1%]". */
export function measuredText(x: Measured, digits = 1): string {
	const p = (v: number) => `${(v * 100).toFixed(digits)}%`;
	return `${p(x.value)} [${p(x.lo)}, ${p(x.hi)}]`;
}
