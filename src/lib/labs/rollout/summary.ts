/**
 * The many-runs table of the rollout lab and its sentence: per strategy, how often it ships (and so how often it
 * ships a worse candidate or rejects a better one), its regret, the failed requests it caused, its exposure and its
 * time to decision — each with a 95% interval over the runs (Wilson for shares, t for means, order statistics for the
 * median) — and the trade-off between them stated from those numbers. Every strategy of a run sees the same seeded
 * world, so the sentence compares the best with the runner-up run by run (src/lib/stats/paired-tests.ts): wrong calls
 * by the exact McNemar test on the runs where exactly one of them made it, regret by the paired t-test on the per-run
 * difference, decision times by a sign test on which decided first. "Clear of" when p < 0.05.
 */
import { fmtHours } from '$lib/format';
import { wilsonInterval } from '$lib/stats/abtest';
import { studentTPpf } from '$lib/stats/distributions';
import { medianInterval } from '$lib/stats/replicates';
import { signTestP, tInterval, tTestP } from '$lib/stats/paired-tests';
import { fmtP } from '$lib/sweep/verdict-text';
import type { ManyRunsResult, PairTally, StrategyId, StrategyTally, Truth } from '$lib/labs/rollout/types';

export const STRATEGY_NAMES: Record<StrategyId, string> = {
	bigbang: 'Big-bang switch',
	shadow: 'Shadow, then switch',
	canary: 'Canary with guardrails',
	abtest: 'A/B test (fixed horizon)',
	thompson: 'Thompson sampling',
	egreedy: 'ε-greedy'
};

export interface Share {
	value: number;
	lo: number;
	hi: number;
}

export interface MeanCi {
	mean: number;
	lo: number;
	hi: number;
}

export interface StrategyRow {
	id: StrategyId;
	name: string;
	/** Share of runs that end with the candidate shipped. */
	ships: Share;
	/** The wrong call for this candidate: shipping a worse one, or not shipping a better one; null when it is neither. */
	wrong: Share | null;
	regret: MeanCi;
	extraFailures: MeanCi;
	exposed: MeanCi;
	/** Median hour of decision among runs that decided, with its interval; null when none did. */
	decision: { median: number; lo: number | null; hi: number | null; decided: number } | null;
}

function share(k: number, n: number): Share {
	const [lo, hi] = wilsonInterval({ conversions: k, visitors: n });
	return { value: n > 0 ? k / n : NaN, lo, hi };
}

function meanCi([s, ss]: [number, number], n: number): MeanCi {
	const mean = s / n;
	if (n < 2) return { mean, lo: mean, hi: mean };
	const variance = Math.max(0, (ss - (s * s) / n) / (n - 1));
	const half = studentTPpf(0.975, n - 1) * Math.sqrt(variance / n);
	return { mean, lo: mean - half, hi: mean + half };
}

/** What counts as the wrong call for this candidate, in words. */
export function wrongLabel(truth: Truth): string | null {
	if (truth.verdict === 'worse') return 'Ships the worse candidate';
	if (truth.verdict === 'better') return 'Does not ship the better candidate';
	return null;
}

export function rowOf(t: StrategyTally, truth: Truth): StrategyRow {
	const ships = share(t.ships, t.runs);
	const wrong = truth.verdict === 'worse' ? ships : truth.verdict === 'better' ? share(t.runs - t.ships, t.runs) : null;
	let decision: StrategyRow['decision'] = null;
	if (t.decidedAt.length) {
		const m = medianInterval(t.decidedAt);
		decision = { median: m.median, lo: m.lo, hi: m.hi, decided: t.decidedAt.length };
	}
	return {
		id: t.id,
		name: STRATEGY_NAMES[t.id],
		ships,
		wrong,
		regret: meanCi(t.regret, t.runs),
		extraFailures: meanCi(t.extraFailures, t.runs),
		exposed: meanCi(t.exposed, t.runs),
		decision
	};
}

/** A share with one decimal; the sentences carry each simulated share with its 95% Wilson interval. */
const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
const shareText = (s: Share) => `${pct(s.value)} [${pct(s.lo)}, ${pct(s.hi)}]`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');
/** Counts as whole numbers, small averages with two significant digits (0.37, not 0). */
const amount = (v: number) => (Math.abs(v) >= 100 || v === 0 ? int(v) : String(Number(v.toPrecision(2))));
const meanText = (m: MeanCi) => (m.hi > m.lo ? `${amount(m.mean)} [${amount(m.lo)}, ${amount(m.hi)}]` : amount(m.mean));
const hours = fmtHours;
/** "a, b and c"; with semicolons when an item has a comma of its own ("Shadow, then switch"). */
const list = (names: string[]) =>
	names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(names.some((n) => n.includes(',')) ? '; ' : ', ')} and ${names[names.length - 1]}`;
/** The runs' pairing of x and y, oriented so that x comes first. */
function pairOf(result: ManyRunsResult, x: StrategyId, y: StrategyId) {
	const p = result.pairs.find((q: PairTally) => (q.a === x && q.b === y) || (q.a === y && q.b === x));
	if (!p) throw new Error(`No paired tally of ${x} and ${y}.`);
	const flip = p.a !== x;
	return {
		runs: p.runs,
		shipsOnly: flip ? [p.shipsOnlyB, p.shipsOnlyA] : [p.shipsOnlyA, p.shipsOnlyB],
		regretDiff: [flip ? -p.regretDiff[0] : p.regretDiff[0], p.regretDiff[1]],
		first: flip ? [p.bFirst, p.aFirst] : [p.aFirst, p.bFirst]
	};
}

/** One paired comparison of x with y: its two-sided p and whether x is the better side. */
interface Paired {
	p: number;
	xBetter: boolean;
	/** Regret only: the mean of y − x per run with its 95% t-interval. */
	diff?: { mean: number; lo: number; hi: number };
}

/** Wrong calls, exact McNemar: the runs where x made the wrong call and y did not, against the reverse. */
function wrongTest(result: ManyRunsResult, x: StrategyId, y: StrategyId): Paired {
	const [onlyX, onlyY] = pairOf(result, x, y).shipsOnly;
	// A worse candidate: shipping is the wrong call; a better one: not shipping it, the same discordant runs swapped.
	const [wx, wy] = result.truth.verdict === 'worse' ? [onlyX, onlyY] : [onlyY, onlyX];
	return { p: signTestP(wx, wy), xBetter: wx < wy };
}

/** Regret, paired t on y − x per run (n − 1 degrees of freedom). */
function regretTest(result: ManyRunsResult, x: StrategyId, y: StrategyId): Paired {
	const { runs: n, regretDiff } = pairOf(result, x, y);
	const [s, ss] = regretDiff;
	const mean = -s / n;
	const raw = n > 1 ? (ss - (s * s) / n) / (n - 1) : NaN;
	// A constant difference leaves only rounding in the sum of squares: no spread.
	const sd = raw > 1e-12 * (ss / n) ? Math.sqrt(raw) : 0;
	const iv = tInterval(mean, sd, n, 0.95) ?? [mean, mean];
	return { p: tTestP(mean, sd, n), xBetter: mean > 0, diff: { mean, lo: iv[0], hi: iv[1] } };
}

/** Decision times, sign test on which decided first in each run (never deciding is later than any decision). */
function timeTest(result: ManyRunsResult, x: StrategyId, y: StrategyId): Paired & { first: number[] } {
	const { first } = pairOf(result, x, y);
	return { p: signTestP(first[0], first[1]), xBetter: first[0] > first[1], first };
}

/** Each strategy tied at the best against the runner-up: clear only when every one is (p < 0.05, on the better side); the largest p. */
function compareTied<T extends Paired>(tied: StrategyId[], next: StrategyId, test: (x: StrategyId, y: StrategyId) => T) {
	const tests = tied.map((x) => test(x, next));
	const worst = tests.reduce((a, b) => (b.p > a.p ? b : a));
	return { clear: tests.every((t) => t.p < 0.05 && t.xBetter), worst, pText: `${tests.length > 1 ? 'largest ' : ''}${fmtP(worst.p)}` };
}

const verdict = (clear: boolean, name: string) => (clear ? `clear of ${name}` : `not distinguishable from ${name} with these runs`);

/** The extreme of a quantity (lowest, or highest with `sign` −1): every strategy tied at it, and the runner-up. */
function extreme<T>(rows: StrategyRow[], get: (r: StrategyRow) => T | null, value: (x: T) => number, sign: 1 | -1 = 1) {
	const ranked = rows
		.map((r) => ({ r, x: get(r) }))
		.filter((e): e is { r: StrategyRow; x: T } => e.x !== null && Number.isFinite(value(e.x)))
		.sort((a, b) => sign * (value(a.x) - value(b.x)));
	if (!ranked.length) return null;
	const top = ranked[0];
	const tied = ranked.filter((e) => value(e.x) === value(top.x));
	const next = ranked.find((e) => value(e.x) !== value(top.x)) ?? null;
	return { top, tied, ids: tied.map((e) => e.r.id), names: tied.map((e) => e.r.name), next };
}

/** Why each strategy ships a candidate equal to the current model (the A/A rollout), in words. */
function whyShipsEqual(id: StrategyId, result: ManyRunsResult): string {
	const { config: c, truth } = result;
	switch (id) {
		case 'bigbang':
			return 'on the offline score alone';
		case 'shadow':
			return 'on the offline score, once its failure and latency guardrails stay quiet';
		case 'canary':
			return 'its guardrails look only for harm, so passing them is no evidence that it is better';
		case 'abtest':
			return truth.abHours <= c.hours
				? `by design α/2 = ${pct(c.alpha / 2)}: it ships only a significant improvement, one side of its two-sided test at α = ${c.alpha}`
				: `it needs ${hours(truth.abHours)} for its sample size, beyond the horizon`;
		case 'thompson':
			return 'its stopping rule checks a posterior probability every hour and stops at the first crossing: peeking, not evidence';
		case 'egreedy':
			return 'its greedy pick at the horizon between two equal models';
	}
}

/** The trade-off in words, from the table's numbers. */
export function tradeOff(result: ManyRunsResult): string {
	const { truth } = result;
	const rows = result.tallies.map((t) => rowOf(t, truth));
	const parts: string[] = [];
	const note =
		'(Better and worse by the value per request, which counts conversions and charges failed and slow requests; 95% intervals over the runs in brackets.)';
	if (truth.verdict === 'same') {
		parts.push(
			`Over ${int(result.runs)} runs with a candidate whose value per request equals the current model's: shipping it gains nothing and loses nothing, so a decision to ship is not a finding.`
		);
		const ships = [...rows].sort((a, b) => b.ships.value - a.ships.value);
		parts.push(`How often each ships it: ${ships.map((r) => `${r.name} ${shareText(r.ships)} (${whyShipsEqual(r.id, result)})`).join('; ')}.`);
		const guarded = rows.filter((r) => r.id === 'canary' || r.id === 'shadow');
		const alarms = result.tallies.filter((t) => t.id === 'canary' || t.id === 'shadow').map((t) => share(t.rollbacks, t.runs));
		parts.push(
			`${list(guarded.map((r) => r.name))} roll it back — a false alarm — in ${list(alarms.map(shareText))} of runs (their guardrails together at most α = ${result.config.alpha}).`
		);
		parts.push('Speed is no merit here: with nothing to find, a quick decision is a quick false ship or a quick false alarm.');
		parts.push(note);
		return parts.join(' ');
	}
	const worse = truth.verdict === 'worse';
	const tests: string[] = [];
	parts.push(`Over ${int(result.runs)} runs with ${worse ? 'a worse' : 'a better'} candidate:`);
	const low = extreme(
		rows,
		(r) => r.wrong,
		(x) => x.value
	)!;
	const high = extreme(
		rows,
		(r) => r.wrong,
		(x) => x.value,
		-1
	)!;
	const verb = worse ? 'shipped it' : 'failed to ship it';
	let lowNext = '';
	if (low.next) {
		const c = compareTied(low.ids, low.next.r.id, (x, y) => wrongTest(result, x, y));
		lowNext = `, ${verdict(c.clear, low.next.r.name)} at ${shareText(low.next.x)}, exact McNemar ${c.pText}`;
		tests.push('exact McNemar for the wrong calls');
	}
	parts.push(
		`${list(low.names)} ${verb} least often (${low.tied.length > 1 ? 'tied, ' : ''}${shareText(low.top.x)}${lowNext}); ${list(high.names)} most often (${high.tied.length > 1 ? 'tied, ' : ''}${shareText(high.top.x)}).`
	);
	if (truth.valueCandidate !== truth.valueCurrent) {
		const lr = extreme(
			rows,
			(r) => r.regret,
			(x) => x.mean
		)!;
		let next = '';
		if (lr.next) {
			const c = compareTied(lr.ids, lr.next.r.id, (x, y) => regretTest(result, x, y));
			const d = c.worst.diff!;
			// The per-run difference, unless the best lost nothing in any run (then it is the runner-up's regret again).
			const none = lr.top.x.mean === 0 && lr.top.x.hi === lr.top.x.lo;
			const more = none ? '' : `, ${d.hi > d.lo ? `${amount(d.mean)} [${amount(d.lo)}, ${amount(d.hi)}]` : amount(d.mean)} more per run`;
			next = `; ${verdict(c.clear, lr.next.r.name)} at ${meanText(lr.next.x)}${more}, paired t ${c.pText}`;
			tests.push('paired t for regret');
		}
		parts.push(
			`The least value lost against serving the better model in every hour: ${list(lr.names)} (${lr.tied.length > 1 ? 'tied, ' : ''}${meanText(lr.top.x)} conversions${next}).`
		);
	}
	if (result.tallies.some((t) => t.extraFailures[0] > 0)) {
		const none = rows.filter((r) => r.extraFailures.mean === 0).map((r) => r.name);
		const most = extreme(
			rows,
			(r) => r.extraFailures,
			(x) => x.mean,
			-1
		)!;
		parts.push(
			`${none.length ? `${list(none)} let no user hit its extra failures` : 'Every strategy let some users hit its extra failures'}; ${list(most.names)} the most (${meanText(most.top.x)} failed requests per run on average).`
		);
	}
	const timed = rows.filter((r) => r.decision && r.id !== 'bigbang' && r.id !== 'egreedy');
	if (timed.length) {
		const median = (r: StrategyRow) => r.decision!.median;
		const soonest = Math.min(...timed.map(median));
		const fastest = timed.filter((r) => median(r) === soonest);
		const partial = (r: StrategyRow) => r.decision!.decided < result.runs;
		const decided = (r: StrategyRow) => `${pct(r.decision!.decided / result.runs)} of runs decided`;
		let when: string;
		if (fastest.length > 1) {
			const shares = fastest.some(partial) ? ` (${fastest.map((r) => `${r.name}: ${decided(r)}`).join('; ')})` : '';
			when = `${list(fastest.map((r) => r.name))} decide soonest, tied at a median of ${hours(soonest)}${shares}`;
		} else {
			const [f] = fastest;
			const rest = timed.filter((r) => r !== f).sort((a, b) => median(a) - median(b));
			const next = rest[0];
			let close = '';
			if (next) {
				const t = timeTest(result, f.id, next.id);
				const clear = t.p < 0.05 && t.xBetter;
				close = `, ${verdict(clear, next.name)} at ${hours(median(next))}: first in ${int(t.first[0])} runs, second in ${int(t.first[1])}, sign test ${fmtP(t.p)}`;
				tests.push('a sign test on which decided first for decision times');
			}
			when = `${f.name} decides soonest (median ${hours(soonest)}${partial(f) ? `, among the ${pct(f.decision!.decided / result.runs)} of runs that decided` : ''}${close})`;
		}
		const plural = fastest.length > 1;
		const verb = worse ? `${plural ? 'ship' : 'ships'} the worse candidate` : `${plural ? 'do not' : 'does not'} ship the better candidate`;
		const calls = fastest.map((r) => `${shareText(r.wrong!)}${plural ? ` (${r.name})` : ''}`);
		parts.push(
			`Among the strategies that look at live traffic before deciding, ${when}. A quick decision is worth what it gets right: ${plural ? 'they' : 'it'} ${verb} in ${list(calls)} of runs.`
		);
	}
	parts.push(
		tests.length
			? `${note.slice(0, -2)}; the best against the runner-up by ${list(tests)}, paired by run: runs share their simulated traffic, so strategies are compared run by run.)`
			: note
	);
	return parts.join(' ');
}

/**
 * The strategies the trade-off sentence names as best, and whether the runner-up comparison (paired, as there) is
 * clear: fewest wrong calls and least regret (null when there is no such quantity or no runner-up).
 */
export function leaders(result: ManyRunsResult): {
	wrong: { ids: StrategyId[]; next: StrategyId | null; clear: boolean } | null;
	regret: { ids: StrategyId[]; next: StrategyId | null; clear: boolean } | null;
} {
	const rows = result.tallies.map((t) => rowOf(t, result.truth));
	const low = extreme(
		rows,
		(r) => r.wrong,
		(x) => x.value
	);
	const lr = extreme(
		rows,
		(r) => r.regret,
		(x) => x.mean
	);
	const of = <T>(e: ReturnType<typeof extreme<T>>, test: (x: StrategyId, y: StrategyId) => Paired) =>
		e && { ids: e.ids, next: e.next?.r.id ?? null, clear: e.next ? compareTied(e.ids, e.next.r.id, test).clear : false };
	return {
		wrong: result.truth.verdict === 'same' ? null : of(low, (x, y) => wrongTest(result, x, y)),
		regret: result.truth.valueCandidate === result.truth.valueCurrent ? null : of(lr, (x, y) => regretTest(result, x, y))
	};
}
