/**
 * The many-runs table of the rollout lab and its sentence: per strategy, how often it ships (and so how often it
 * ships a worse candidate or rejects a better one), its regret, the failed requests it caused, its exposure and its
 * time to decision — each with a 95% interval over the runs (Wilson for shares, t for means, order statistics for the
 * median) — and the trade-off between them stated from those numbers.
 */
import { wilsonInterval } from '$lib/stats/abtest';
import { studentTPpf } from '$lib/stats/distributions';
import { medianInterval } from '$lib/stats/replicates';
import type { ManyRunsResult, StrategyId, StrategyTally, Truth } from '$workers/rollout.types';

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

const pct = (v: number) => `${(v * 100).toFixed(v > 0 && v < 0.01 ? 1 : 0)}%`;
const int = (v: number) => Math.round(v).toLocaleString('en-US');
/** Counts as whole numbers, small averages with two significant digits (0.37, not 0). */
const amount = (v: number) => (Math.abs(v) >= 100 || v === 0 ? int(v) : String(Number(v.toPrecision(2))));
const hours = (h: number) => `${h} hour${h === 1 ? '' : 's'}`;
const list = (names: string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/** The lowest of a quantity, and whether its interval clears the runner-up's. */
function lowest<T extends { lo: number; hi: number }>(rows: StrategyRow[], get: (r: StrategyRow) => T | null, value: (x: T) => number) {
	const ranked = rows
		.map((r) => ({ r, x: get(r) }))
		.filter((e): e is { r: StrategyRow; x: T } => e.x !== null && Number.isFinite(value(e.x)))
		.sort((a, b) => value(a.x) - value(b.x));
	if (!ranked.length) return null;
	const [top, next] = ranked;
	const ties = ranked.filter((e) => value(e.x) === value(top.x)).map((e) => e.r.name);
	return { top, next: next && value(next.x) !== value(top.x) ? next : null, clear: next ? top.x.hi < next.x.lo : false, ties };
}

/** The trade-off in words, from the table's numbers. */
export function tradeOff(result: ManyRunsResult): string {
	const { truth } = result;
	const rows = result.tallies.map((t) => rowOf(t, truth));
	const parts: string[] = [];
	const kind =
		truth.verdict === 'worse' ? 'a worse candidate' : truth.verdict === 'better' ? 'a better candidate' : 'a candidate that is neither better nor worse';
	parts.push(`Over ${int(result.runs)} runs with ${kind}:`);
	const wrong = wrongLabel(truth);
	if (wrong) {
		const low = lowest(
			rows,
			(r) => r.wrong,
			(x) => x.value
		)!;
		const high = [...rows].sort((a, b) => b.wrong!.value - a.wrong!.value)[0];
		const verb = truth.verdict === 'worse' ? 'shipped it' : 'failed to ship it';
		parts.push(
			`${list(low.ties)} ${verb} least often (${pct(low.top.x.value)}${low.next ? `, ${low.clear ? 'clear of' : 'not separated from'} ${low.next.r.name} at ${pct(low.next.x.value)}` : ''}); ${high.name} most often (${pct(high.wrong!.value)}).`
		);
	} else {
		parts.push(`shipping it changes nothing, so what matters is the time and traffic spent deciding.`);
	}
	if (truth.verdict !== 'same' && truth.valueCandidate !== truth.valueCurrent) {
		const low = lowest(
			rows,
			(r) => r.regret,
			(x) => x.mean
		)!;
		parts.push(
			`The fewest conversions lost against always serving the better model: ${list(low.ties)} (${amount(low.top.x.mean)}${low.next ? `; next ${low.next.r.name} at ${amount(low.next.x.mean)}, ${low.clear ? 'a clear difference' : 'not separated'}` : ''}).`
		);
	}
	if (result.tallies.some((t) => t.extraFailures[0] > 0)) {
		const none = rows.filter((r) => r.extraFailures.mean === 0).map((r) => r.name);
		const worst = [...rows].sort((a, b) => b.extraFailures.mean - a.extraFailures.mean)[0];
		parts.push(
			`${none.length ? `${list(none)} let no user hit its extra failures` : 'Every strategy let some users hit its extra failures'}; ${worst.name} the most (${amount(worst.extraFailures.mean)} failed requests per run on average).`
		);
	}
	const timed = rows.filter((r) => r.decision && r.id !== 'bigbang' && r.id !== 'egreedy');
	if (timed.length) {
		const fastest = [...timed].sort((a, b) => a.decision!.median - b.decision!.median)[0];
		parts.push(
			`Among the strategies that look at live traffic before deciding, ${fastest.name} decides soonest (median ${hours(fastest.decision!.median)}${fastest.decision!.decided < result.runs ? ` in the ${pct(fastest.decision!.decided / result.runs)} of runs that decided` : ''}).`
		);
	}
	return parts.join(' ');
}
