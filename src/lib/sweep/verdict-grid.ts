/**
 * The sentence under a two-setting sweep's heat maps. For each arm its best and worst combination, and whether the
 * seeds separate them: best against worst seed by seed (sweep/compare.ts), Bonferroni over every pair of combinations
 * (× arms) — the pair is picked as the most extreme of all of them, so it is tested as one of all the pairs that could
 * have been picked. With two arms and a mean, in how many combinations A − B's interval, simultaneous over the
 * combinations (Bonferroni, sweep/summary.ts), excludes 0.
 */
import { fmtInt } from '$lib/format';
import { better, testName } from './compare';
import { pairedTest } from '$lib/stats/paired-tests';
import type { PointSummary } from './summary';
import { ALPHA, describe, fmtLevel, fmtP, lowerIsBetter, type VerdictMetric } from './verdict-text';

/** A threshold as the page writes it: 0.05 / 4,950 → "0.00001". */
function fmtThreshold(x: number): string {
	return String(Number(x.toPrecision(2)));
}

/**
 * `points` are row-major over `rows` × `cols` combinations; `where(i, j)` names combination (i, j).
 */
export function verdictGrid(m: VerdictMetric, points: PointSummary[], arms: string[], cols: number, where: (i: number, j: number) => string): string {
	const seeds = points.reduce((n, pt) => Math.max(n, ...pt.arms.map((e) => e.n)), 0);
	if (!points.length || !seeds) return `${m.label}: no runs finished yet.`;
	const lowerBetter = lowerIsBetter(m);
	const at = (k: number) => where(Math.floor(k / cols), k % cols);
	const pairs = (points.length * (points.length - 1)) / 2;
	const found = arms.map((_, a) => {
		const cells = points.map((pt, k) => ({ e: pt.arms[a], k })).filter(({ e }) => e.n > 0 && !Number.isNaN(e.center));
		if (!cells.length) return null;
		const sorted = [...cells].sort((x, y) => (lowerBetter ? x.e.center - y.e.center : y.e.center - x.e.center));
		return { best: sorted[0], worst: sorted[sorted.length - 1] };
	});
	const scanned = found.filter((f) => f && f.best.e.center !== f.worst.e.center).length;
	const family = pairs * Math.max(1, scanned);
	const threshold = ALPHA / family;
	const parts = arms.map((label, a) => {
		const f = found[a];
		if (!f) return `${label}: not enough runs`;
		const { best, worst } = f;
		const name = arms.length > 1 ? `${label}: ` : '';
		if (best.e.center === worst.e.center) return `${name}${describe(m, best.e)} at every combination`;
		const t = pairedTest(m.kind, points[best.k].seeds[a], points[worst.k].seeds[a]);
		const shown = t.p <= threshold && better(m, t.larger);
		const how = `${fmtP(t.p)}, needs p ≤ ${fmtThreshold(threshold)}`;
		const claim =
			m.kind === 'mean' && t.n < 2
				? 'too few seeds to compare them'
				: shown
					? `the seeds separate them (${how})`
					: `not distinguishable with these seeds (${how})`;
		return `${name}best at ${at(best.k)} (${describe(m, best.e)}), worst at ${at(worst.k)} (${describe(m, worst.e)}); ${claim}`;
	});
	const over = `${fmtInt(pairs)} pair${pairs === 1 ? '' : 's'} of combinations${scanned > 1 ? ` × ${scanned} arms` : ''}`;
	const rule = scanned && points.length > 1 ? ` Best against worst seed by seed (${testName(m)}), Bonferroni over the ${over}.` : '';
	let text = `${m.label} over ${seeds} seed${seeds === 1 ? '' : 's'} — ${parts.join('; ')}.${rule}`;
	const paired = points.filter((pt) => pt.paired && pt.paired.better !== null);
	if (paired.length) {
		const a = paired.filter((pt) => pt.paired!.better === 'A').length;
		const b = paired.filter((pt) => pt.paired!.better === 'B').length;
		const level = paired[0].paired!.difference.level;
		const sim = points.length > 1 ? `, simultaneous 95% intervals over the ${points.length} combinations (Bonferroni: each at ${fmtLevel(level)})` : '';
		text += ` Paired A − B${sim}: the interval excludes 0 in ${a + b} of ${points.length} combinations (A higher in ${a}, B higher in ${b}).`;
	}
	return text;
}
