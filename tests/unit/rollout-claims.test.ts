/**
 * The rollout lab's claims, each simulated again on seeds other than those that measured the page's numbers
 * (src/lib/labs/rollout/measured.ts): one definition of better and worse for the verdict and regret, the run the same
 * with and without the replay trace, Thompson sampling's A/A ships not inflated by the hours' noise, the A/B test's
 * false ships at α/2, what each guardrail catches, and the sentences' wording for ties and for A/A rollouts.
 */
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed } from '../../src/lib/data/rng';
import { wilsonInterval } from '../../src/lib/stats/abtest';
import { simulateRollout, truthOf } from '../../workers/rollout/simulate';
import { makeWorld } from '../../workers/rollout/world';
import { thompson } from '../../workers/rollout/bandits';
import { runMany } from '../../workers/rollout/many';
import { FAILURE_COST, SLOW_COST } from '../../workers/rollout/constants';
import { tradeOff } from '../../src/lib/labs/rollout/summary';
import { verdictText, whyText } from '../../src/lib/labs/rollout/reasons';
import { AA_SHIPS, GUARDRAIL_CATCHES, MEASURED_RUNS, THOMPSON_AA, type Measured } from '../../src/lib/labs/rollout/measured';
import { defaults } from '../../src/lib/url/schema';
import { rolloutSchema, toConfig, PRESETS } from '../../src/lib/labs/rollout/params';
import type { RolloutConfig } from '../../workers/rollout.types';

const BASE: RolloutConfig = toConfig(defaults(rolloutSchema));
const with_ = (over: Partial<RolloutConfig>): RolloutConfig => ({ ...BASE, ...over });
const preset = (id: string) => toConfig({ ...defaults(rolloutSchema), ...PRESETS.find((p) => p.id === id)!.values });

/**
 * Is `k` of `n` (new seeds) consistent with the page's `stated` share? Their difference within 3.5 standard errors
 * of both samples together, with half a count of slack for rates at 0 or 1.
 */
function consistent(k: number, n: number, stated: Measured, statedRuns = MEASURED_RUNS): boolean {
	const p = k / n;
	const q = (k + stated.value * statedRuns) / (n + statedRuns);
	const se = Math.sqrt(Math.max(q * (1 - q), 0.5 / n) * (1 / n + 1 / statedRuns));
	return Math.abs(p - stated.value) <= 3.5 * se;
}

function thompsonShips(c: RolloutConfig, runs: number, seed: number, fixedShare?: number): number {
	let ships = 0;
	for (let r = 0; r < runs; r++) {
		const rng = createRng(mixSeed(seed, r));
		if (thompson(makeWorld(c, rng), rng.fork('thompson'), false, [], fixedShare).decision === 'ship') ships++;
	}
	return ships;
}

describe('rollout: one definition of better and worse', () => {
	it('the verdict and regret both use the value per request: a crash that converts 2% more is worse, and regret says so', async () => {
		const c = preset('shadow-crash');
		const t = truthOf(c);
		expect(t.conversionsCandidate / t.conversionsCurrent - 1).toBeGreaterThan(0.015);
		expect(t.verdict).toBe('worse');
		expect(verdictText(t, c)).toBe('worse: more failed requests outweigh its +2.0% conversions');
		// The page's break-even: the candidate would be better only if a failure cost less than about two requests' conversions.
		const b = c.baseRate;
		const gain = t.conversionsCandidate - t.conversionsCurrent + b * SLOW_COST * 0.01 * c.errorRegression;
		const breakEven = gain / (b * c.errorRegression);
		expect(breakEven).toBeGreaterThan(1.9);
		expect(breakEven).toBeLessThan(2.1);
		expect(FAILURE_COST).toBeGreaterThan(breakEven);
		// Regret against the better model by that value: never shipping it loses nothing; shipping it loses.
		const run = simulateRollout(c, 5);
		for (const s of run.strategies) expect(s.totalRegret).toBeGreaterThanOrEqual(0);
		expect(run.strategies.find((s) => s.id === 'bigbang')!.totalRegret).toBeGreaterThan(0);
		expect(run.strategies.find((s) => s.id === 'shadow')!.totalRegret).toBe(0);
		const out = await runMany({ config: c, runs: 200 }, { stale: false });
		const text = tradeOff(out);
		expect(text).toMatch(/^Over 200 runs with a worse candidate:/);
		expect(text).toMatch(/The least value lost against serving the better model in every hour: Shadow, then switch \(0 conversions;/);
		expect(text).not.toMatch(/fewest conversions/);
	});
});

describe('rollout: the replay trace changes nothing', () => {
	it('every strategy decides the same at the same hour, with the same regret, with and without the trace (A/A and a 1% crash, 600 seeds)', () => {
		let differ = 0;
		let compared = 0;
		for (const c of [with_({ lift: 0 }), preset('shadow-crash'), with_({ lift: 0, latencyRegression: 0.05, shadowHours: 48 })]) {
			for (let r = 0; r < 200; r++) {
				const seed = mixSeed(4242, r);
				const off = simulateRollout(c, seed, { trace: false }).strategies;
				const on = simulateRollout(c, seed, { trace: true }).strategies;
				off.forEach((s, i) => {
					compared++;
					const o = on[i];
					if (o.decision !== s.decision || o.decidedAt !== s.decidedAt || o.totalRegret !== s.totalRegret || o.exposed !== s.exposed) differ++;
					else expect(o.why).toEqual(s.why);
				});
			}
		}
		expect(compared).toBe(3600);
		expect(differ).toBe(0);
	});
});

describe('rollout: Thompson sampling in A/A rollouts', () => {
	it('compares the models within each hour: its false ships do not grow with the hour-to-hour noise, and match the page', () => {
		const runs = 1500;
		const quiet = thompsonShips(with_({ lift: 0, noise: 0 }), runs, 901);
		const noisy = thompsonShips(with_({ lift: 0, noise: 0.3 }), runs, 902);
		const fixed = thompsonShips(with_({ lift: 0 }), runs, 903, 0.5);
		const [qlo, qhi] = wilsonInterval({ conversions: quiet, visitors: runs });
		const [nlo, nhi] = wilsonInterval({ conversions: noisy, visitors: runs });
		console.log(
			`[rollout] Thompson A/A ships: noise 0 ${quiet}/${runs} [${qlo}, ${qhi}], noise 0.3 ${noisy}/${runs} [${nlo}, ${nhi}], fixed 50/50 ${fixed}/${runs}`
		);
		// Pooled over hours it went from 31.5% to 45.8%; stratified, the difference is within Monte Carlo error.
		const se = Math.sqrt((quiet * (runs - quiet) + noisy * (runs - noisy)) / runs ** 3);
		expect(Math.abs(noisy - quiet) / runs).toBeLessThan(3 * se);
		expect(consistent(quiet, runs, THOMPSON_AA.noise0)).toBe(true);
		expect(consistent(noisy, runs, THOMPSON_AA.noise03)).toBe(true);
		// The rule, not the allocation: the same stopping rule on a fixed 50/50 split ships about as often.
		expect(consistent(fixed, runs, THOMPSON_AA.fixedSplit)).toBe(true);
		expect(Math.abs(fixed - quiet) / runs).toBeLessThan(0.06);
		// Far above α: the page calls it peeking.
		expect(quiet / runs).toBeGreaterThan(0.2);
	});
});

describe('rollout: the A/A rates the page states', () => {
	it('the A/B test ships α/2 (one side of its two-sided test), the others as stated', async () => {
		const runs = 1500;
		const out = await runMany({ config: with_({ lift: 0, seed: 31337 }), runs }, { stale: false });
		const by = Object.fromEntries(out.tallies.map((t) => [t.id, t]));
		const [lo, hi] = wilsonInterval({ conversions: by.abtest.ships, visitors: runs }, 0.01);
		console.log(`[rollout] A/A ships of ${runs}: ${out.tallies.map((t) => `${t.id} ${t.ships}`).join(', ')}; A/B 99% interval [${lo}, ${hi}]`);
		expect(lo).toBeLessThan(BASE.alpha / 2);
		expect(hi).toBeGreaterThan(BASE.alpha / 2);
		for (const id of ['abtest', 'canary', 'shadow', 'thompson', 'egreedy'] as const) expect(consistent(by[id].ships, runs, AA_SHIPS[id]), id).toBe(true);
		expect(by.bigbang.ships).toBe(runs);
		// At α = 0.1 the A/B test's false ships move to 5%.
		const wide = await runMany({ config: with_({ lift: 0, alpha: 0.1, seed: 4711 }), runs: 800 }, { stale: false });
		const ab = wide.tallies.find((t) => t.id === 'abtest')!;
		const [wlo, whi] = wilsonInterval({ conversions: ab.ships, visitors: 800 }, 0.01);
		expect(wlo).toBeLessThan(0.05);
		expect(whi).toBeGreaterThan(0.05);
	});

	it('what each guardrail catches at the defaults, as the page states', () => {
		const runs = 300;
		for (const g of GUARDRAIL_CATCHES) {
			let canary = 0;
			let shadow = 0;
			for (let r = 0; r < runs; r++) {
				const run = simulateRollout(with_(g.over), mixSeed(2718, r), { trace: false });
				const by = (id: string) => run.strategies.find((s) => s.id === id)!;
				const caught = (id: string) =>
					by(id).decision === 'rollback' && by(id).why.kind === 'guardrail' && (by(id).why as { guardrail: string }).guardrail === g.id;
				if (caught('canary')) canary++;
				if (caught('shadow')) shadow++;
			}
			expect(consistent(canary, runs, g.canary), `canary, ${g.regression}: ${canary}/${runs}`).toBe(true);
			if (g.shadow) expect(consistent(shadow, runs, g.shadow), `shadow, ${g.regression}: ${shadow}/${runs}`).toBe(true);
			else expect(shadow).toBe(0);
		}
	});
});

describe('rollout: the sentences', () => {
	it('says ties as ties, and weighs a quick decision by what it gets right', async () => {
		const out = await runMany({ config: preset('crash'), runs: 200 }, { stale: false });
		const text = tradeOff(out);
		expect(text).toMatch(/Shadow, then switch and Canary with guardrails decide soonest, tied at a median of 1 hour\./);
		expect(text).toMatch(/A quick decision is worth what it gets right: they ship the worse candidate in 0\.0% \[0\.0%, 1\.9%\] \(Shadow, then switch\)/);
		expect(text).toMatch(/shipped it least often \(tied, 0\.0% \[0\.0%, 1\.9%\]/);
		expect(text).toMatch(/Shadow, then switch .*let no user hit its extra failures; Big-bang switch the most/);
	});

	it('in an A/A rollout: no praise of speed, each strategy with its reason, every share with its interval', async () => {
		const out = await runMany({ config: with_({ lift: 0 }), runs: 300 }, { stale: false });
		const text = tradeOff(out);
		expect(text).toMatch(/^Over 300 runs with a candidate whose value per request equals the current model's: .*a decision to ship is not a finding\./);
		expect(text).not.toMatch(/soonest|coin flip/);
		expect(text).toMatch(/Speed is no merit here/);
		expect(text).toMatch(/A\/B test \(fixed horizon\) \d+\.\d% \[\d+\.\d%, \d+\.\d%\] \(by design α\/2 = 2\.5%: it ships only a significant improvement/);
		expect(text).toMatch(/Thompson sampling \d+\.\d% \[\d+\.\d%, \d+\.\d%\] \(its stopping rule checks a posterior probability every hour/);
		expect(text).toMatch(/Canary with guardrails \d+\.\d% \[[^\]]+\] \(its guardrails look only for harm/);
		// Every simulated share is followed by its interval (the only bare percentages: α/2 in the A/B test's reason and the intervals' 95%).
		const bare = text.replace(/\d+\.\d% \[\d+\.\d%, \d+\.\d%\]/g, '').match(/\d+(\.\d+)?%/g) ?? [];
		expect(bare).toEqual(['2.5%', '95%']);
	});

	it('the canary passing is not sold as proof: the reason quotes what the conversions guardrail catches', () => {
		const run = simulateRollout(BASE, 1);
		const canary = run.strategies.find((s) => s.id === 'canary')!;
		expect(canary.why.kind).toBe('canary-passed');
		const text = whyText(canary.why, BASE);
		expect(text).not.toMatch(/clear regression/);
		expect(text).toMatch(/Passing is no evidence that it is better: .* rolls back 9\.2% \[8\.3%, 10\.1%\] of candidates 10% worse\./);
	});
});
