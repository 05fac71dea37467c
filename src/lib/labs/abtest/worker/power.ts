/**
 * Simulated power curve: for true differences from 0 to 2 × MDE, run many fixed-horizon experiments with the
 * calculator's sample size and count how often the z-test rejects (with a 95% Wilson interval), next to the
 * analytic power of the same test. At 0 the rate is the false positive rate alpha; at the MDE it is the target power.
 */
import { createRng, mixSeed } from '$lib/data/rng';
import { normalSf } from '$lib/stats/distributions';
import { powerTwoProportions, wilsonInterval } from '$lib/stats/abtest';
import type { PowerConfig, PowerPoint, PowerResult } from '../types';
import { checkpoint, type Ticket } from '../../../engine/run-control';

export const POWER_MULTIPLES = [0, 0.25, 0.5, 0.75, 1, 1.25, 1.5, 2];

export function validatePower(c: PowerConfig): void {
	if (!(c.baselineRate > 0 && c.baselineRate < 1)) throw new RangeError(`The baseline rate must be between 0 and 1 (got ${c.baselineRate}).`);
	if (!(c.baselineRate + 2 * c.mde < 1 && c.baselineRate + 2 * c.mde > 0)) {
		throw new RangeError('Twice the minimum detectable effect must keep the variant rate inside (0, 1) for the power curve.');
	}
	for (const [arm, n] of [
		['control', c.nControl],
		['variant', c.nVariant]
	] as const) {
		if (!Number.isInteger(n) || n < 2) throw new RangeError(`Visitors in the ${arm} arm must be a whole number ≥ 2 (got ${n}).`);
	}
}

export function simulatePowerPoint(c: PowerConfig, multiple: number): PowerPoint {
	const rng = createRng(mixSeed(c.seed, Math.round(multiple * 1000)));
	const p1 = c.baselineRate;
	const p2 = c.baselineRate + multiple * c.mde;
	const nA = c.nControl;
	const nB = c.nVariant;
	let rejected = 0;
	for (let e = 0; e < c.experimentsPerPoint; e++) {
		const a = rng.binomial(nA, p1);
		const b = rng.binomial(nB, p2);
		const pooled = (a + b) / (nA + nB);
		const se = Math.sqrt(pooled * (1 - pooled) * (1 / nA + 1 / nB));
		if (se > 0 && 2 * normalSf(Math.abs(b / nB - a / nA) / se) < c.alpha) rejected++;
	}
	const [lo, hi] = wilsonInterval({ conversions: rejected, visitors: c.experimentsPerPoint });
	return { diff: multiple * c.mde, rate: rejected / c.experimentsPerPoint, lo, hi };
}

export function analyticPower(c: PowerConfig): PowerResult['analytic'] {
	const diff: number[] = [];
	const power: number[] = [];
	for (let i = 0; i <= 80; i++) {
		const d = (2 * c.mde * i) / 80;
		diff.push(d);
		power.push(powerTwoProportions({ rateControl: c.baselineRate, rateVariant: c.baselineRate + d, n: c.nControl, nVariant: c.nVariant, alpha: c.alpha }));
	}
	return { diff, power };
}

/** The simulated power at each multiple of the planned effect (a checkpoint after each), beside the analytic curve. */
export async function runPower(config: PowerConfig, ticket: Ticket): Promise<PowerResult> {
	validatePower(config);
	const simulated: PowerPoint[] = [];
	for (const m of POWER_MULTIPLES) {
		simulated.push(simulatePowerPoint(config, m));
		await checkpoint(ticket);
	}
	return { simulated, analytic: analyticPower(config) };
}
