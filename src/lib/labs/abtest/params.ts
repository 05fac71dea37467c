/** Every setting of the A/B test lab, as URL parameters. */
import { param, type Values } from '$lib/url/schema';
import { sampleSizes } from '$lib/stats/abtest';
import type { ExperimentConfig, PeekingConfig, PowerConfig } from '$lib/labs/abtest/types';

export const abtestSchema = {
	mode: param.enum('conversion', ['conversion', 'revenue'] as const),
	base: param.number(0.1, 0.001, 0.9),
	lift: param.number(0.05, -0.5, 1),
	traffic: param.int(4000, 20, 200000),
	split: param.number(0.5, 0.05, 0.95),
	days: param.int(28, 1, 90),
	alpha: param.number(0.05, 0.001, 0.2),
	seed: param.int(7, 0, 4294967295),
	aov: param.number(50, 1, 1000),
	aovsd: param.number(40, 1, 2000),
	bayes: param.number(0.975, 0.8, 0.999),
	mde: param.number(0.1, 0.005, 2),
	mderel: param.bool(true),
	power: param.number(0.8, 0.5, 0.99),
	sims: param.int(10000, 1000, 100000),
	cc: param.int(1204, 0, 1e9),
	cn: param.int(12000, 0, 1e9),
	vc: param.int(1310, 0, 1e9),
	vn: param.int(12050, 0, 1e9)
};

export type AbtestParams = Values<typeof abtestSchema>;

/** The minimum detectable effect as an absolute difference in conversion rate. */
export function mdeAbsolute(p: AbtestParams): number {
	return p.mderel ? p.base * p.mde : p.mde;
}

export interface Plan {
	control: number;
	variant: number;
}

/** Visitors in each arm for the plan at the chosen split, or an explanation of why there is none. */
export function plan(p: AbtestParams): { arms: Plan; error: null } | { arms: null; error: string } {
	try {
		return {
			arms: sampleSizes({ baselineRate: p.base, minDetectableEffect: p.mde, relative: p.mderel, alpha: p.alpha, power: p.power, variantShare: p.split }),
			error: null
		};
	} catch (e) {
		return { arms: null, error: e instanceof Error ? e.message : String(e) };
	}
}

/** Days until both arms reach their planned visitors at the current traffic and split. */
export function daysFor(arms: Plan, p: AbtestParams): number {
	return Math.max(Math.ceil(arms.control / (p.traffic * (1 - p.split))), Math.ceil(arms.variant / (p.traffic * p.split)));
}

/** The Bayesian threshold whose single-look false-positive rate matches the z-test's α (a two-sided rule). */
export function matchingBayesThreshold(alpha: number): number {
	return 1 - alpha / 2;
}

/** mSPRT mixing standard deviation τ: the minimum detectable effect, in the units of the metric. */
export function tau(p: AbtestParams): number {
	const abs = Math.abs(mdeAbsolute(p));
	return p.mode === 'revenue' ? abs * p.aov : abs;
}

export function experimentConfig(p: AbtestParams): ExperimentConfig {
	const pl = plan(p);
	return {
		mode: p.mode,
		baselineRate: p.base,
		lift: p.lift,
		dailyTraffic: p.traffic,
		split: p.split,
		days: p.days,
		alpha: p.alpha,
		seed: p.seed,
		orderValue: p.aov,
		orderSd: p.aovsd,
		tau: tau(p),
		plannedControl: pl.arms?.control ?? Number.MAX_SAFE_INTEGER,
		plannedVariant: pl.arms?.variant ?? Number.MAX_SAFE_INTEGER,
		bayesThreshold: p.bayes
	};
}

export function peekingConfig(p: AbtestParams): PeekingConfig {
	return {
		experiments: p.sims,
		days: p.days,
		dailyTraffic: p.traffic,
		split: p.split,
		baselineRate: p.base,
		alpha: p.alpha,
		tau: Math.abs(mdeAbsolute(p)),
		bayesThreshold: p.bayes,
		seed: p.seed
	};
}

export function powerConfig(p: AbtestParams, arms: Plan): PowerConfig {
	return { baselineRate: p.base, mde: mdeAbsolute(p), alpha: p.alpha, nControl: arms.control, nVariant: arms.variant, experimentsPerPoint: 2000, seed: p.seed };
}

export const PRESETS = [
	{ id: 'aa', label: 'A/A test, peeking every day', values: { lift: 0, days: 28, mode: 'conversion' } },
	{ id: 'real', label: 'A real 10% lift', values: { lift: 0.1, traffic: 4000, days: 28, mode: 'conversion' } },
	{ id: 'underpowered', label: 'Underpowered: small effect, little traffic', values: { lift: 0.03, traffic: 800, days: 14, mode: 'conversion' } },
	{ id: 'revenue', label: 'Revenue per visitor, heavy tails', values: { mode: 'revenue', aov: 50, aovsd: 150, lift: 0.05 } },
	{ id: 'split', label: 'Unequal split (90/10)', values: { split: 0.1, lift: 0.1 } }
] as const satisfies ReadonlyArray<{ id: string; label: string; values: Partial<AbtestParams> }>;
