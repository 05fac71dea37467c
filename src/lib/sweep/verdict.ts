/**
 * The sentence under a one-setting sweep's chart, computed from its summaries. Every comparison is made seed by seed
 * (sweep/compare.ts: replicate r runs with the same seed at every value and for every arm), and every sentence that
 * scans several comparisons names its correction:
 * - two arms and a mean metric: the paired difference A − B at each value, its interval simultaneous over the values
 *   (Bonferroni), and "not distinguishable from 0 with these seeds" where it includes 0 (never "no difference");
 * - otherwise each arm from the first value to the last (paired, Holm over the arms), a value in between shown better
 *   than both ends (Holm over the arms × values in between), and at each value the best arm against the runner-up
 *   (paired, Holm over the values).
 * The two-setting sentence is in verdict-grid.ts.
 */
import { fmtNum } from '$lib/format';
import { better, compareFamily, evidence, innerBest, testName } from './compare';
import type { Estimate } from './estimate';
import type { PointSummary } from './summary';
import { describe, fmtLevel, fmtMetric, lowerIsBetter, type VerdictMetric } from './verdict-text';

export { fmtMetric, type VerdictMetric } from './verdict-text';
export { verdictGrid } from './verdict-grid';

const valid = (e: Estimate) => e.n > 0 && !Number.isNaN(e.center);

/** A − B at each value, its interval simultaneous over the values. */
function pairedSentence(m: VerdictMetric, points: PointSummary[], seeds: number, where: (v: number | string) => string): string {
	if (seeds < 2) return `With one seed there is no seed-to-seed spread to compare with: add seeds to see whether A and B differ.`;
	const level = points.find((pt) => pt.paired)?.paired?.difference.level ?? 0.95;
	const many = points.length > 1;
	const parts = points.map((pt) => {
		const paired = pt.paired!;
		const d = paired.difference;
		if (paired.better === null || d.lo === null || d.hi === null) return `${where(pt.value)}: not enough seeds yet`;
		const ci = `${fmtMetric(m, d.mean)} (${many ? 'simultaneous ' : ''}95% CI ${fmtMetric(m, d.lo)} to ${fmtMetric(m, d.hi)})`;
		const sd = fmtNum(paired.seedSpread, 2);
		if (paired.better === 'neither') return `${where(pt.value)}: A − B = ${ci} is not distinguishable from 0 with these seeds (seed-to-seed sd ${sd})`;
		const size =
			Math.abs(d.mean) > paired.seedSpread
				? `larger than the seed-to-seed spread (sd ${sd})`
				: `smaller than the seed-to-seed spread (sd ${sd}) but consistent from seed to seed`;
		return `${where(pt.value)}: ${paired.better} is higher, A − B = ${ci} excludes 0, ${size}`;
	});
	const family = many ? `; the intervals are simultaneous over the ${points.length} values (Bonferroni: each at ${fmtLevel(level)})` : '';
	return `${m.label}, A − B paired over ${seeds} seeds${family} — ${parts.join('; ')}.`;
}

/** `setting`: the swept setting's name; `valueLabel`: a value as the page writes it. */
export function verdict(m: VerdictMetric, points: PointSummary[], arms: string[], setting: string, valueLabel: (v: number | string) => string): string {
	const where = (v: number | string) => `${setting} = ${valueLabel(v)}`;
	const seeds = points.reduce((n, pt) => Math.max(n, ...pt.arms.map((e) => e.n)), 0);
	if (!points.length || !seeds) return `${m.label}: no runs finished yet.`;
	if (points.some((pt) => pt.paired)) return pairedSentence(m, points, seeds, where);
	const lowerBetter = lowerIsBetter(m);
	const first = points[0];
	const last = points[points.length - 1];
	// Arms whose first and last values can be compared; an arm the setting does not touch repeats the same runs.
	const same = (a: number) =>
		points.every(
			(pt) =>
				pt.arms[a].n === first.arms[a].n &&
				pt.arms[a].center === first.arms[a].center &&
				pt.arms[a].lo === first.arms[a].lo &&
				pt.arms[a].hi === first.arms[a].hi
		);
	const neverAny = (a: number) => m.kind === 'time' && points.every((pt) => pt.arms[a].center === Infinity);
	const moving = arms.map((_, a) => a).filter((a) => points.length > 1 && valid(first.arms[a]) && valid(last.arms[a]) && !same(a) && !neverAny(a));
	const changes = compareFamily(
		m.kind,
		moving.map((a) => [last.seeds[a], first.seeds[a]])
	);
	const inner = points.length > 2 ? innerBest(m, points, moving) : null;
	const ordered = typeof points[1]?.value !== 'string';
	const trends = arms.map((label, a) => {
		const [e0, e1] = [first.arms[a], last.arms[a]];
		if (!valid(e0) || !valid(e1)) return `${label}: not enough runs`;
		const name = arms.length > 1 ? `${label}: ` : '';
		if (neverAny(a)) return `${name}not reached by half or more of the seeds at any value`;
		if (points.length > 1 && same(a))
			return `${name}${describe(m, e0)} at every value${m.kind === 'mean' ? ` (identical runs: ${setting} does not affect this arm here)` : ''}`;
		if (points.length < 2) return `${name}${describe(m, e0)} at ${where(first.value)}`;
		const head = `${name}${describe(m, e0)} at ${where(first.value)} → ${describe(m, e1)} at ${where(last.value)}`;
		const k = moving.indexOf(a);
		const c = changes[k];
		const ev = evidence(m, c.test, { diff: 'last − first', a: 'the last value', b: 'the first' }, c.adjusted);
		const word = m.kind === 'time' ? (c.claim === 'a' ? 'later' : 'sooner') : c.claim === 'a' ? 'higher' : 'lower';
		const sep =
			m.kind === 'mean' && c.test.n < 2
				? 'too few seeds with both values to compare'
				: c.claim
					? `${word} at the last value, beyond the seed-to-seed noise: ${ev}`
					: `not distinguishable with these seeds: ${ev}`;
		let tail = '';
		if (inner) {
			const claims = inner.claims[k];
			const ends = ordered ? 'both ends' : 'the first and the last';
			if (claims.length)
				tail = `; better than ${ends} at ${claims.map((p) => `${where(points[p].value)} (${describe(m, points[p].arms[a])})`).join(' and at ')}`;
			else if (inner.peak[k] !== null)
				tail = `; the best ${ordered ? 'in between' : 'of the others'}, at ${where(points[inner.peak[k]!].value)} (${fmtMetric(m, points[inner.peak[k]!].arms[a].center)}), is not shown better than ${ends} with these seeds`;
		}
		return `${head} (${sep})${tail}`;
	});
	const rule = [`${testName(m)}${moving.length > 1 ? `, p Holm-adjusted over the ${moving.length} arms` : ''}`];
	if (inner && inner.family)
		rule.push(
			`a value ${ordered ? 'in between' : 'other than the first and last'} is called better only if it beats both, Holm-adjusted over the ${inner.family} ${moving.length > 1 ? 'arm × value pairs' : 'values'} scanned`
		);
	let text = `${m.label} over ${seeds} seed${seeds === 1 ? '' : 's'} — ${trends.join('; ')}.`;
	if (moving.length) text += ` The same seeds run at every value, so the first and last values are compared seed by seed (${rule.join('; ')}).`;
	if (arms.length > 1) text += ` ${bestArms(m, points, arms, where, valueLabel, lowerBetter, moving.length > 0)}`;
	return text;
}

/** At each value, the best arm, and whether the seeds separate it from the runner-up (paired, Holm over the values). */
function bestArms(
	m: VerdictMetric,
	points: PointSummary[],
	arms: string[],
	where: (v: number | string) => string,
	valueLabel: (v: number | string) => string,
	lowerBetter: boolean,
	named: boolean
): string {
	const word = lowerBetter ? (m.kind === 'time' ? 'fastest' : 'lowest') : 'highest';
	const orders = points.map((pt) =>
		pt.arms
			.map((e, a) => ({ e, a }))
			.filter(({ e }) => valid(e))
			.sort((x, y) => (lowerBetter ? x.e.center - y.e.center : y.e.center - x.e.center))
	);
	const alike = orders.map((order) => order.length > 0 && order.every(({ e }) => e.center === order[0].e.center));
	const tested = points.map((_, i) => i).filter((i) => orders[i].length > 1 && !alike[i]);
	const cmp = compareFamily(
		m.kind,
		tested.map((i) => [points[i].seeds[orders[i][0].a], points[i].seeds[orders[i][1].a]])
	);
	const says = points.map((_, i) => {
		const order = orders[i];
		if (!order.length) return 'no values';
		const [top, next] = order;
		if (alike[i]) return m.kind === 'time' && top.e.center === Infinity ? 'none got there in half or more of the seeds' : 'all alike';
		if (!next) return arms[top.a];
		const c = cmp[tested.indexOf(i)];
		return `${arms[top.a]}${better(m, c.claim) ? `, clear of ${arms[next.a]}` : `, not distinguishable from ${arms[next.a]} with these seeds`}`;
	});
	// Neighbouring values that say the same are said once ("a = 1 to 3: …").
	const parts: string[] = [];
	for (let i = 0; i < points.length;) {
		let j = i;
		while (j + 1 < points.length && says[j + 1] === says[i]) j++;
		parts.push(`${where(points[i].value)}${j > i ? ` to ${valueLabel(points[j].value)}` : ''}: ${says[i]}`);
		i = j + 1;
	}
	const family = tested.length > 1 ? `, Holm-adjusted over the ${tested.length} values` : '';
	const rule = tested.length ? ` (against the runner-up, seed by seed: ${named ? 'the same test' : testName(m)}${family})` : '';
	return `${word[0].toUpperCase()}${word.slice(1)} at each value${rule} — ${parts.join('; ')}.`;
}
