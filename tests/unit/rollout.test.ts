import { describe, expect, it } from 'vitest';
import { createRng, mixSeed } from '../../src/lib/data/rng';
import { SequentialGuardrail } from '../../src/lib/stats/guardrail';
import { abTestHours, requestValue, simulateRollout, slowShare, truthOf } from '../../src/lib/labs/rollout/worker/simulate';
import { runMany } from '../../src/lib/labs/rollout/worker/many';
import { createRolloutApi } from '../../src/lib/labs/rollout/worker/api';
import { rowOf, tradeOff } from '../../src/lib/labs/rollout/summary';
import { whyText } from '../../src/lib/labs/rollout/reasons';
import { defaults } from '../../src/lib/url/schema';
import { rolloutSchema, toConfig, PRESETS } from '../../src/lib/labs/rollout/params';
import type { RolloutConfig } from '../../src/lib/labs/rollout/types';

const BASE: RolloutConfig = { ...toConfig(defaults(rolloutSchema)) };
const with_ = (over: Partial<RolloutConfig>): RolloutConfig => ({ ...BASE, ...over });

/** Fraction of `runs` A/A sequences (both rates `p`) on which a guardrail ever fires within `hours` looks. */
function falseAlarmRate(p: number, n0: number, n1: number, hours: number, runs: number, harmful: 1 | -1, level: number, seed: number): number {
	let fired = 0;
	for (let r = 0; r < runs; r++) {
		const rng = createRng(mixSeed(seed, r));
		const g = new SequentialGuardrail(harmful, level);
		for (let h = 0; h < hours && !g.fired; h++) g.look(rng.binomial(n0, p), n0, rng.binomial(n1, p), n1);
		if (g.fired) fired++;
	}
	return fired / runs;
}

describe('guardrail: conditional mixture SPRT', () => {
	it('rolls back a candidate that is no worse at most its level, however often it looks — rare events on a 1% canary included', () => {
		// Failures at 0.2% with 20 candidate requests an hour (the 1% stage), checked 300 times: the normal-approximation
		// mSPRT fired in about 6% of these at a level of 1.7%; this test must stay under its level.
		const rare = falseAlarmRate(0.002, 1980, 20, 300, 3000, 1, 0.05, 11);
		const common = falseAlarmRate(0.05, 1000, 1000, 300, 3000, -1, 0.05, 12);
		const even = falseAlarmRate(0.01, 500, 500, 300, 3000, 1, 0.05, 13);
		console.log(`[guardrail] A/A false rollbacks at level 0.05: rare ${rare}, conversions ${common}, slow share ${even}`);
		for (const rate of [rare, common, even]) expect(rate).toBeLessThan(0.05);
	});
	it('fires quickly on a real regression, and only in its harmful direction', () => {
		let crashes = 0;
		let improvements = 0;
		for (let r = 0; r < 300; r++) {
			const rng = createRng(mixSeed(5, r));
			const g = new SequentialGuardrail(1, 0.05 / 3);
			const better = new SequentialGuardrail(1, 0.05 / 3);
			for (let h = 0; h < 24; h++) {
				g.look(rng.binomial(1980, 0.002), 1980, rng.binomial(20, 0.2), 20);
				better.look(rng.binomial(1980, 0.02), 1980, rng.binomial(20, 0.002), 20);
			}
			if (g.fired) crashes++;
			if (better.fired) improvements++;
		}
		expect(crashes).toBe(300);
		expect(improvements).toBe(0);
	});
});

describe('rollout simulation', () => {
	it('replays a seed exactly and differs between seeds', () => {
		const a = simulateRollout(BASE, 7);
		expect(simulateRollout(BASE, 7)).toEqual(a);
		expect(simulateRollout(BASE, 8).strategies.map((s) => s.totalRegret)).not.toEqual(a.strategies.map((s) => s.totalRegret));
	});

	it('accounts regret and failures from what each strategy served', () => {
		// No hourly noise: each model's expected value per request is constant, so regret = the shortfall per request × requests.
		for (const over of [{ lift: -0.05 }, { lift: 0.05 }, { lift: 0.02, crash: 0.01 }, { lift: 0.05, latency: 0.1 }]) {
			const c = with_({ noise: 0, lift: over.lift, errorRegression: over.crash ?? 0, latencyRegression: over.latency ?? 0 });
			const run = simulateRollout(c, 3);
			const { valueCurrent: v0, valueCandidate: v1 } = run.truth;
			const best = Math.max(v0, v1);
			for (const s of run.strategies) {
				const total = c.traffic * c.hours;
				expect(s.exposed).toBe(Math.round(s.share.reduce((a, x) => a + x * c.traffic, 0)));
				expect(s.totalRegret).toBeCloseTo((best - v1) * s.exposed + (best - v0) * (total - s.exposed), 6);
				expect(s.regret[s.regret.length - 1]).toBeCloseTo(s.totalRegret, 9);
				expect(s.extraFailures).toBeCloseTo(s.exposed * c.errorRegression, 9);
			}
		}
		// The same model: nobody loses any.
		for (const s of simulateRollout(with_({ lift: 0 }), 4).strategies) expect(s.totalRegret).toBe(0);
	});

	it('big-bang and shadow switch on the offline score; shadow exposes no user before it decides', () => {
		const run = simulateRollout(with_({ offlineScore: 0.79 }), 1);
		expect(run.strategies.find((s) => s.id === 'bigbang')!.decision).toBe('rollback');
		const crash = simulateRollout(with_({ errorRegression: 0.01 }), 2);
		const shadow = crash.strategies.find((s) => s.id === 'shadow')!;
		expect(shadow.decision).toBe('rollback');
		expect(shadow.exposed).toBe(0);
		expect(shadow.why).toMatchObject({ kind: 'guardrail', where: 'shadow', guardrail: 'errors' });
		expect(whyText(shadow.why, crash.config)).toMatch(
			/^Rejected before any user saw it: on mirrored traffic the candidate fails more requests \(\+\d\.\d\d percentage points, always-valid p = .* ≤ 0\.025\)\.$/
		);
		const canary = crash.strategies.find((s) => s.id === 'canary')!;
		expect(canary.decision).toBe('rollback');
		expect(canary.exposed).toBeGreaterThan(0);
	});

	it('an A/A rollout: the guardrails together roll back at most α of healthy candidates (canary and shadow), the A/B test ships ≤ α/2', async () => {
		const aa = with_({ lift: 0, alpha: 0.05 });
		const out = await runMany({ config: aa, runs: 1000 }, { stale: false });
		const by = Object.fromEntries(out.tallies.map((t) => [t.id, t]));
		console.log(
			`[rollout] A/A: canary rollbacks ${by.canary.rollbacks}/1000, shadow ${by.shadow.rollbacks}/1000, A/B ships ${by.abtest.ships}/1000, Thompson ships ${by.thompson.ships}/1000`
		);
		expect(by.canary.rollbacks / 1000).toBeLessThan(0.05);
		expect(by.shadow.rollbacks / 1000).toBeLessThan(0.05);
		expect(by.abtest.ships / 1000).toBeLessThan(0.05);
		// A bandit's stopping rule, checked every hour, is not a level-α test: it ships a no-better candidate far more often.
		expect(by.thompson.ships / 1000).toBeGreaterThan(0.15);
	});

	it('Thompson sampling moves the traffic to the better model', () => {
		let shipped = 0;
		let lateShare = 0;
		for (let r = 0; r < 100; r++) {
			const run = simulateRollout(with_({ lift: 0.15 }), mixSeed(21, r));
			const ts = run.strategies.find((s) => s.id === 'thompson')!;
			if (ts.decision === 'ship') shipped++;
			lateShare += ts.share.slice(-24).reduce((a, b) => a + b, 0) / 24;
			// Its allocation follows its belief: the share in the first hours is near one half.
			expect(ts.share[0]).toBeGreaterThan(0.4);
			expect(ts.share[0]).toBeLessThan(0.6);
		}
		// Its stopping rule drops the better model now and then (checked every hour, it is not a level-α test).
		expect(shipped).toBeGreaterThanOrEqual(90);
		expect(lateShare / 100).toBeGreaterThan(0.9);
	});

	it('the truth and the plan: slow share, A/B length, verdicts', () => {
		expect(slowShare(0)).toBeCloseTo(0.01, 12);
		expect(slowShare(0.3)).toBeGreaterThan(0.02);
		expect(truthOf(with_({ lift: 0 })).verdict).toBe('same');
		expect(truthOf(with_({ lift: 0.05 })).verdict).toBe('better');
		// One definition: conversions less FAILURE_COST (10) × u per failure and SLOW_COST (1) × u per slow request.
		expect(truthOf(with_({ lift: 0, latencyRegression: 0.1 })).verdict).toBe('worse');
		expect(truthOf(with_({ lift: 0.02, latencyRegression: 0.3 })).verdict).toBe('worse');
		expect(truthOf(with_({ lift: 0.05, latencyRegression: 0.3 })).verdict).toBe('better');
		expect(truthOf(with_({ lift: 0.05, errorRegression: 0.01 })).verdict).toBe('worse');
		// +5% conversions outweigh 0.1% more failed requests at these costs (0.0024 conversions per request gained, 0.0005 charged).
		expect(truthOf(with_({ lift: 0.05, errorRegression: 0.001 })).verdict).toBe('better');
		const t = truthOf(with_({ lift: 0.02, errorRegression: 0.01 }));
		expect(t.valueCandidate).toBeCloseTo(requestValue(0.05 * 1.02, 0.012, 0.01, 0.05), 15);
		expect(t.valueCandidate).toBeCloseTo(0.988 * 0.051 - 0.05 * (10 * 0.012 + 0.988 * 0.01), 15);
		// Twice the traffic, half the hours (±1 for the ceiling).
		expect(Math.abs(abTestHours(with_({ traffic: 4000 })) * 2 - abTestHours(BASE))).toBeLessThanOrEqual(2);
	});

	it('explains impossible settings in words', () => {
		expect(() => simulateRollout(with_({ baseRate: 0.9, lift: 0.2 }), 1)).toThrow(/would exceed 100%/);
		expect(() => simulateRollout(with_({ traffic: 3 }), 1)).toThrow(/at least 10 requests/);
		expect(() => simulateRollout(with_({ errorRate: 0.6, errorRegression: 0.5 }), 1)).toThrow(/between 0 and 100%/);
	});

	it('every preset runs, and its lesson shows', async () => {
		for (const preset of PRESETS) {
			const c = toConfig({ ...defaults(rolloutSchema), ...preset.values });
			const out = await runMany({ config: c, runs: 200 }, { stale: false });
			const by = Object.fromEntries(out.tallies.map((t) => [t.id, t]));
			if (preset.id === 'crash' || preset.id === 'shadow-crash') {
				expect(by.shadow.rollbacks).toBe(200);
				expect(by.shadow.extraFailures[0]).toBe(0);
				expect(by.bigbang.extraFailures[0] / 200).toBeGreaterThan(by.canary.extraFailures[0] / 200);
			}
			if (preset.id === 'latency') expect(by.canary.rollbacks).toBeGreaterThan(190);
			if (preset.id === 'slightly-worse') expect(by.abtest.ships).toBe(0);
			// Every reason of a run in words, without a gap.
			for (const s of simulateRollout(c, 1).strategies) expect(whyText(s.why, c)).not.toMatch(/NaN|undefined|Infinity|\$\{/);
			expect(tradeOff(out)).not.toMatch(/NaN|undefined|Infinity/);
		}
	});
});

describe('many runs: table, sentence, worker', () => {
	it('states the trade-off from the numbers', async () => {
		const out = await runMany({ config: with_({ lift: -0.03 }), runs: 300 }, { stale: false });
		const rows = out.tallies.map((t) => rowOf(t, out.truth));
		const bigbang = rows.find((r) => r.id === 'bigbang')!;
		expect(bigbang.wrong!.value).toBe(1);
		const text = tradeOff(out);
		expect(text).toMatch(/^Over 300 runs with a worse candidate:/);
		expect(text).toMatch(/A\/B test \(fixed horizon\) shipped it least often \(0\.0% \[0\.0%, 1\.3%\]/);
		for (const r of rows) {
			expect(r.ships.lo).toBeLessThanOrEqual(r.ships.value);
			expect(r.regret.lo).toBeLessThanOrEqual(r.regret.mean);
		}
	});

	it('reports progress, and a newer request or a cancel stops the one running', async () => {
		const api = createRolloutApi();
		const seen: number[] = [];
		const first = api.many({ config: BASE, runs: 3000 }, (p) => seen.push(p.done));
		const second = api.many({ config: BASE, runs: 100 });
		expect((await first).status).toBe('cancelled');
		const done = await second;
		expect(done.status).toBe('done');
		const third = api.many({ config: BASE, runs: 5000 });
		setTimeout(() => api.cancel(), 20);
		expect((await third).status).toBe('cancelled');
		await expect(api.many({ config: BASE, runs: 5 })).rejects.toThrow(/between 100 and 20,000/);
		expect(seen.every((d) => d <= 3000)).toBe(true);
	});
});
