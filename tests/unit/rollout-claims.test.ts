/**
 * The rollout lab's claims, each simulated again on seeds other than those that measured the page's numbers
 * (src/lib/labs/rollout/measured.ts): one definition of better and worse for the verdict and regret, the run the same
 * with and without the replay trace, Thompson sampling's A/A ships not inflated by the hours' noise, the A/B test's
 * false ships at α/2, what each guardrail catches, the sentences' wording for ties and for A/A rollouts, and their
 * comparisons of the best with the runner-up run by run (the tallies of every pair, the false "clear of" rate when two
 * strategies tie but share each run's world, and the power that pairing adds).
 */
import { describe, expect, it } from 'vitest';
import { createRng, mixSeed } from '../../src/lib/data/rng';
import { wilsonInterval } from '../../src/lib/stats/abtest';
import { simulateRollout, truthOf } from '../../src/lib/labs/rollout/worker/simulate';
import { makeWorld } from '../../src/lib/labs/rollout/worker/world';
import { thompson } from '../../src/lib/labs/rollout/worker/bandits';
import { emptyPairs, emptyTallies, runMany, tallyRun, tallyRuns, type RunOutcome } from '../../src/lib/labs/rollout/worker/many';
import { FAILURE_COST, SLOW_COST } from '../../src/lib/labs/rollout/worker/constants';
import { rowOf, STRATEGY_NAMES, tradeOff } from '../../src/lib/labs/rollout/summary';
import { verdictText, whyText } from '../../src/lib/labs/rollout/reasons';
import { AA_SHIPS, GUARDRAIL_CATCHES, MEASURED_RUNS, THOMPSON_AA, type Measured } from '../../src/lib/labs/rollout/measured';
import { defaults } from '../../src/lib/url/schema';
import { rolloutSchema, toConfig, PRESETS } from '../../src/lib/labs/rollout/params';
import { STRATEGIES, type ManyRunsResult, type RolloutConfig, type StrategyId } from '../../src/lib/labs/rollout/types';

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

/**
 * Synthetic runs of a better candidate: canary and the A/B test close (`pair` draws their outcomes of one run from a
 * shared normal `z`, as a shared world would), the other four far behind (wrong calls 60%, regret 200, deciding late).
 */
function synthetic(runs: number, seed: number, pair: (z: number, rng: ReturnType<typeof createRng>) => [RunOutcome, RunOutcome]): ManyRunsResult {
	const rng = createRng(seed);
	const tallies = emptyTallies();
	const pairs = emptyPairs();
	for (let r = 0; r < runs; r++) {
		const [canary, abtest] = pair(rng.normal(), rng);
		const far = (): RunOutcome => ({
			decision: rng.next() < 0.4 ? 'ship' : 'rollback',
			decidedAt: 45 + rng.next() * 3,
			totalRegret: rng.normal(200, 10),
			extraFailures: 0,
			exposed: 0
		});
		const by: Record<StrategyId, RunOutcome> = { bigbang: far(), shadow: far(), canary, abtest, thompson: far(), egreedy: far() };
		tallyRun(
			STRATEGIES.map((id) => by[id]),
			tallies,
			pairs
		);
	}
	const config = with_({ lift: 0.05 });
	return { config, truth: truthOf(config), runs, tallies, pairs, runsPerSecond: 0 };
}

/** The three comparisons of the sentence: wrong calls, regret, decision time. */
function sentences(text: string): [string, string, string] {
	const regret = text.indexOf('The least value lost');
	const time = text.indexOf('Among the strategies');
	const after = text.indexOf('A quick decision');
	return [text.slice(0, regret), text.slice(regret, time), text.slice(time, after)];
}

const clearOfTwin = (s: string) => s.includes(`clear of ${STRATEGY_NAMES.canary}`) || s.includes(`clear of ${STRATEGY_NAMES.abtest}`);

describe('rollout: the many-runs comparisons are paired by run', () => {
	it('tallies every pair of strategies as a recount of the runs one by one does', () => {
		for (const c of [with_({ lift: 0.01, seed: 77 }), preset('slightly-worse'), with_({ lift: 0.05, hours: 24, seed: 5 })]) {
			const runs = 40;
			const tallies = emptyTallies();
			const pairs = emptyPairs();
			tallyRuns({ config: c, runs }, 0, runs, tallies, pairs);
			expect(pairs).toHaveLength(15);
			const outcomes = Array.from({ length: runs }, (_, r) => simulateRollout(c, mixSeed(c.seed, r), { trace: false }).strategies);
			let discordant = 0;
			for (const p of pairs) {
				const i = STRATEGIES.indexOf(p.a);
				const j = STRATEGIES.indexOf(p.b);
				expect(i).toBeLessThan(j);
				const when = (s: (typeof outcomes)[0][0]) => (s.decision === 'none' ? Infinity : s.decidedAt);
				const count = (f: (a: (typeof outcomes)[0][0], b: (typeof outcomes)[0][0]) => boolean) => outcomes.filter((o) => f(o[i], o[j])).length;
				expect(p.runs).toBe(runs);
				expect(p.shipsOnlyA).toBe(count((a, b) => a.decision === 'ship' && b.decision !== 'ship'));
				expect(p.shipsOnlyB).toBe(count((a, b) => b.decision === 'ship' && a.decision !== 'ship'));
				expect(p.aFirst).toBe(count((a, b) => when(a) < when(b)));
				expect(p.bFirst).toBe(count((a, b) => when(b) < when(a)));
				const d = outcomes.map((o) => o[i].totalRegret - o[j].totalRegret);
				expect(p.regretDiff[0]).toBeCloseTo(
					d.reduce((a, b) => a + b, 0),
					6
				);
				expect(p.regretDiff[1]).toBeCloseTo(
					d.reduce((a, b) => a + b * b, 0),
					4
				);
				discordant += p.shipsOnlyA + p.shipsOnlyB + p.aFirst + p.bFirst;
			}
			expect(discordant).toBeGreaterThan(0);
		}
	});

	it('two strategies alike but sharing each run: "clear of" the other at most 5% + 3 SE of the time, in each comparison', () => {
		const sims = 2000;
		const claims = [0, 0, 0];
		// Same marginals, correlated through z: a wrong call (no ship) 25%, regret 50 ± 10.4, decision hour 20 ± 8.5 (10% never).
		const one = (z: number, rng: ReturnType<typeof createRng>): RunOutcome => {
			const shared = rng.next() < 0.7;
			const wrong = shared ? z < -0.674 : rng.normal() < -0.674;
			const undecided = rng.next() < 0.1;
			return {
				decision: undecided ? 'none' : wrong ? 'rollback' : 'ship',
				decidedAt: Math.max(1, 20 + 8 * z + 3 * rng.normal()),
				totalRegret: 50 + 10 * z + 3 * rng.normal(),
				extraFailures: 0,
				exposed: 0
			};
		};
		for (let k = 0; k < sims; k++) {
			const text = tradeOff(synthetic(200, mixSeed(8080, k), (z, rng) => [one(z, rng), one(z, rng)]));
			sentences(text).forEach((s, i) => {
				if (clearOfTwin(s)) claims[i]++;
			});
		}
		const limit = 0.05 + 3 * Math.sqrt((0.05 * 0.95) / sims);
		console.log(
			`[rollout] paired null, ${sims} × 200 runs: "clear of" the twin in wrong calls ${claims[0]}, regret ${claims[1]}, decision time ${claims[2]} (limit ${limit})`
		);
		for (const c of claims) expect(c / sims).toBeLessThanOrEqual(limit);
		// The tests are not dead: each made some claims.
		for (const c of claims) expect(c).toBeGreaterThan(0);
	});

	it('finds a small difference the two intervals overlap on, when the runs pair them', () => {
		// The A/B test: a wrong call whenever the canary makes one and in 3% more runs, 2 more conversions lost, decides an hour later.
		const out = synthetic(1000, 4141, (z, rng) => {
			const wrong = z < -0.524;
			const regret = 100 + 30 * z;
			const at = 20 + 8 * z;
			const extra = rng.next() < 0.03;
			const canary: RunOutcome = { decision: wrong ? 'rollback' : 'ship', decidedAt: at, totalRegret: regret, extraFailures: 0, exposed: 0 };
			const abtest: RunOutcome = {
				decision: wrong || extra ? 'rollback' : 'ship',
				decidedAt: at + 0.5 + rng.next(),
				totalRegret: regret + 2 + 0.5 * rng.normal(),
				extraFailures: 0,
				exposed: 0
			};
			return [canary, abtest];
		});
		const rows = out.tallies.map((t) => rowOf(t, out.truth));
		const [c, a] = [rows.find((r) => r.id === 'canary')!, rows.find((r) => r.id === 'abtest')!];
		const overlap = (x: { lo: number; hi: number }, y: { lo: number; hi: number }) => x.lo <= y.hi && y.lo <= x.hi;
		// Each strategy's own interval overlaps the other's: comparing them by overlap found no difference.
		expect(overlap(c.wrong!, a.wrong!)).toBe(true);
		expect(overlap(c.regret, a.regret)).toBe(true);
		expect(overlap({ lo: c.decision!.lo!, hi: c.decision!.hi! }, { lo: a.decision!.lo!, hi: a.decision!.hi! })).toBe(true);
		const text = tradeOff(out);
		console.log(`[rollout] paired power: ${text}`);
		const [wrong, regret, time] = sentences(text);
		expect(wrong).toMatch(
			/^Over 1,000 runs with a better candidate: Canary with guardrails failed to ship it least often \(\d+\.\d% \[[^\]]+\], clear of A\/B test \(fixed horizon\) at \d+\.\d% \[[^\]]+\], exact McNemar p < 0\.001\)/
		);
		expect(regret).toMatch(
			/Canary with guardrails \([^;]+ conversions; clear of A\/B test \(fixed horizon\) at [^,]+, [^,]+, [\d.]+ \[[\d.]+, [\d.]+\] more per run, paired t p < 0\.001\)/
		);
		expect(time).toMatch(
			/Canary with guardrails decides soonest \(median \d+(\.\d)? hours, clear of A\/B test \(fixed horizon\) at \d+(\.\d)? hours: first in 1,000 runs, second in 0, sign test p < 0\.001\)/
		);
		expect(text).toMatch(/paired by run: runs share their simulated traffic, so strategies are compared run by run\.\)$/);
		expect(text).not.toMatch(/not separated|no difference/);
	});

	it('says "not distinguishable from … with these runs" when the paired test does not find a difference', () => {
		const out = synthetic(300, 99, (z, rng) => {
			const mk = (): RunOutcome => ({
				decision: rng.next() < 0.3 ? 'rollback' : 'ship',
				decidedAt: 20 + 8 * z + rng.normal(),
				totalRegret: 50 + 10 * z + 5 * rng.normal(),
				extraFailures: 0,
				exposed: 0
			});
			return [mk(), mk()];
		});
		const text = tradeOff(out);
		expect(text).toMatch(/not distinguishable from (Canary with guardrails|A\/B test \(fixed horizon\)) with these runs at/);
	});
});
