/**
 * The comparisons behind a sweep's sentences. Replicate r runs with the same seed at every swept value and for every
 * arm, so two values (or two arms) are compared seed by seed (stats/paired-tests.ts: paired t for scores, exact
 * McNemar for yes/no, a sign test on which run got there first for times), never by whether two intervals overlap.
 * A sentence that scans several comparisons (several arms, the values in between, the values of a sweep, the pairs of
 * a heat map's cells) controls the chance of any false claim at 5% over all of them — Holm, or Bonferroni where only
 * the most extreme pair is claimed — and says which.
 */
import { holm, pairedTest, type PairedTest } from '$lib/stats/paired-tests';
import type { PointSummary } from './summary';
import { ALPHA, fmtMetric, fmtP, lowerIsBetter, type VerdictMetric } from './verdict-text';

export interface Comparison {
	test: PairedTest;
	/** The p-value after the family's correction. */
	adjusted: number;
	/** The claim the correction allows: a's values are larger ('a') or smaller ('b'), or none (null). */
	claim: 'a' | 'b' | null;
}

/** Compare the runs of `a` and `b` seed by seed for each pair, Holm-adjusted over `family` (at least the pairs given). */
export function compareFamily(kind: PairedTest['kind'], pairs: Array<[ArrayLike<number>, ArrayLike<number>]>, family = pairs.length): Comparison[] {
	const tests = pairs.map(([a, b]) => pairedTest(kind, a, b));
	const adjusted = holm(
		tests.map((t) => t.p),
		family
	);
	return tests.map((test, i) => ({ test, adjusted: adjusted[i], claim: adjusted[i] <= ALPHA ? test.larger : null }));
}

/** The test's name as a sentence says it. */
export function testName(m: VerdictMetric): string {
	if (m.kind === 'mean') return 'paired t-test';
	if (m.kind === 'proportion') return 'exact McNemar test';
	return 'sign test on which of a seed’s two runs got there first — a run that never did counts as the later, ties are dropped';
}

/** Names in an evidence clause: the difference ("last − first"), and each side after "at" ("the last value", "the first"). */
export interface Sides {
	diff: string;
	a: string;
	b: string;
}

/** What a comparison of `a` against `b` counted, in a few words: "last − first = 0.05 on average over 10 seeds, p = 0.004". */
export function evidence(m: VerdictMetric, t: PairedTest, names: Sides, p = t.p): string {
	if (m.kind === 'mean') return t.n < 2 ? 'too few seeds to compare' : `${names.diff} = ${fmtMetric(m, t.mean)} on average over ${t.n} seeds, ${fmtP(p)}`;
	if (m.kind === 'proportion') return `changed in ${t.wins + t.losses} of ${t.n} seeds (${t.wins} up, ${t.losses} down), ${fmtP(p)}`;
	const tied = t.ties ? `, ${t.ties} tied` : '';
	return `the run at ${names.a} got there first in ${t.losses} seeds, the one at ${names.b} in ${t.wins}${tied}, ${fmtP(p)}`;
}

/** Whether a claim that a's values are larger/smaller means that a is better. */
export function better(m: VerdictMetric, claim: 'a' | 'b' | null): boolean {
	return claim !== null && (lowerIsBetter(m) ? claim === 'b' : claim === 'a');
}

export interface InnerBest {
	/** Per arm, the values in between (indices into the points) shown better than both ends, best centre first. */
	claims: number[][];
	/** Per arm, the inner value with the best centre when it beats both ends' centres (shown or not). */
	peak: Array<number | null>;
	/** How many (arm, value in between) were scanned: the Holm family. */
	family: number;
}

/**
 * An optimum in between: a value in between is claimed better than both ends only if it is better than the first and
 * than the last (an intersection–union test: its p is the larger of the two paired p-values, each in the claimed
 * direction), Holm-adjusted over every (arm, value in between) scanned.
 */
export function innerBest(m: VerdictMetric, points: PointSummary[], arms: number[]): InnerBest {
	const lower = lowerIsBetter(m);
	const inner = points.slice(1, -1);
	const first = points[0];
	const last = points[points.length - 1];
	const ps: number[] = [];
	const at: Array<[number, number]> = [];
	for (const a of arms) {
		for (const pt of inner) {
			const t0 = pairedTest(m.kind, pt.seeds[a], first.seeds[a]);
			const t1 = pairedTest(m.kind, pt.seeds[a], last.seeds[a]);
			const good = better(m, t0.larger) && better(m, t1.larger);
			ps.push(good ? Math.max(t0.p, t1.p) : 1);
			at.push([a, pt.point]);
		}
	}
	const adjusted = holm(ps);
	const centre = (a: number, i: number) => points[i].arms[a].center;
	const claims = arms.map((a) =>
		at
			.filter(([aa], k) => aa === a && adjusted[k] <= ALPHA)
			.map(([, i]) => i)
			.sort((i, j) => (lower ? centre(a, i) - centre(a, j) : centre(a, j) - centre(a, i)))
	);
	const peak = arms.map((a) => {
		const valid = inner.filter((pt) => pt.arms[a].n > 0 && !Number.isNaN(pt.arms[a].center));
		if (!valid.length) return null;
		const best = valid.reduce((b, pt) => ((lower ? pt.arms[a].center < b.arms[a].center : pt.arms[a].center > b.arms[a].center) ? pt : b));
		const ends = [first.arms[a].center, last.arms[a].center];
		const beats = lower ? best.arms[a].center < Math.min(...ends) : best.arms[a].center > Math.max(...ends);
		return beats ? best.point : null;
	});
	return { claims, peak, family: ps.length };
}
