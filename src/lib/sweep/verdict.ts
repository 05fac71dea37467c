/**
 * The sentence under a sweep's chart, computed from its summaries: with two arms and a mean metric, whether the
 * paired difference A − B excludes 0 and how it compares with the seed-to-seed spread; otherwise, at each value, the
 * best arm and whether its interval separates it from the runner-up (or, with one arm, its estimate).
 */
import { fmtNum, fmtPct } from '$lib/format';
import type { Estimate, MetricKind } from './estimate';
import type { PointSummary } from './summary';

export interface VerdictMetric {
	label: string;
	kind: MetricKind;
	/** Whether a higher value is better (default: higher, but lower for times). */
	better?: 'higher' | 'lower';
	/** Unit of a time, singular ('step', 'batch'). */
	unit?: string;
	/** A relative quantity written as a percentage (e.g. a lift). */
	percent?: boolean;
}

/** 'step' → 'steps', 'batch' → 'batches'. */
function pluralOf(unit: string): string {
	return /(s|x|ch|sh)$/.test(unit) ? `${unit}es` : `${unit}s`;
}

export function fmtMetric(m: VerdictMetric, v: number | null): string {
	if (v === null) return '–';
	if (v === Infinity) return 'beyond the budget';
	if (m.kind === 'proportion') return fmtPct(v, 0);
	if (m.percent) return fmtPct(v, 1);
	// Small differences (an accuracy lost) in plain decimals, not 9.70e-4.
	return Math.abs(v) < 1e-3 ? String(Number(v.toFixed(4))) : fmtNum(v, 3);
}

function describe(m: VerdictMetric, e: Estimate): string {
	const unit = m.kind === 'time' && m.unit ? ` ${e.center === 1 ? m.unit : pluralOf(m.unit)}` : '';
	if (m.kind === 'time' && e.center === Infinity) return `not reached by half or more of ${e.n} seeds`;
	const center =
		m.kind === 'proportion'
			? `${fmtPct(e.center, 0)} (${Math.round(e.center * e.n)} of ${e.n})`
			: `${m.kind === 'time' ? 'median ' : ''}${fmtMetric(m, e.center)}${unit}`;
	const ci = e.lo !== null && e.hi !== null ? `, 95% CI ${fmtMetric(m, e.lo)} to ${fmtMetric(m, e.hi)}` : '';
	const cens = m.kind === 'time' && e.censored ? `, ${e.censored} of ${e.n} not reached` : '';
	return `${center}${ci}${cens}`;
}

/** `setting`: the swept setting's name; `valueLabel`: a value as the page writes it. */
export function verdict(m: VerdictMetric, points: PointSummary[], arms: string[], setting: string, valueLabel: (v: number | string) => string): string {
	const where = (v: number | string) => `${setting} = ${valueLabel(v)}`;
	const seeds = points.reduce((n, pt) => Math.max(n, ...pt.arms.map((e) => e.n)), 0);
	if (!points.length || !seeds) return `${m.label}: no runs finished yet.`;
	if (points.some((pt) => pt.paired)) {
		if (seeds < 2) return `With one seed there is no seed-to-seed spread to compare with: add seeds to see whether A and B differ.`;
		const parts = points.map((pt) => {
			const paired = pt.paired!;
			const d = paired.difference;
			if (paired.better === null || d.lo === null || d.hi === null) return `${where(pt.value)}: not enough seeds yet`;
			const ci = `${fmtMetric(m, d.mean)} (95% CI ${fmtMetric(m, d.lo)} to ${fmtMetric(m, d.hi)})`;
			const sd = fmtNum(paired.seedSpread, 2);
			if (paired.better === 'neither') return `${where(pt.value)}: A − B = ${ci} includes 0, no larger than seed-to-seed variation (sd ${sd})`;
			const size =
				Math.abs(d.mean) > paired.seedSpread
					? `larger than the seed-to-seed spread (sd ${sd})`
					: `smaller than the seed-to-seed spread (sd ${sd}) but consistent from seed to seed`;
			return `${where(pt.value)}: ${paired.better} is higher, A − B = ${ci} excludes 0, ${size}`;
		});
		return `${m.label}, paired over ${seeds} seeds — ${parts.join('; ')}.`;
	}
	const lowerBetter = (m.better ?? (m.kind === 'time' ? 'lower' : 'higher')) === 'lower';
	const valid = (e: Estimate) => e.n > 0 && !Number.isNaN(e.center);
	const apart = (x: Estimate, y: Estimate) => x.lo !== null && x.hi !== null && y.lo !== null && y.hi !== null && (x.hi < y.lo || y.hi < x.lo);
	// Across the sweep: each arm from the first value to the last, and whether the seeds show a change.
	const first = points[0];
	const last = points[points.length - 1];
	const trends = arms.map((label, a) => {
		const [e0, e1] = [first.arms[a], last.arms[a]];
		if (!valid(e0) || !valid(e1)) return `${label}: not enough runs`;
		const name = arms.length > 1 ? `${label}: ` : '';
		if (m.kind === 'time' && e0.center === Infinity && e1.center === Infinity && points.every((pt) => pt.arms[a].center === Infinity))
			return `${name}not reached by half or more of the seeds at any value`;
		// An arm the swept setting does not touch (a one-shot arm against fine-tuning epochs) repeats the same runs.
		const same = (e: Estimate) => e.n === e0.n && e.center === e0.center && e.lo === e0.lo && e.hi === e0.hi;
		if (points.length > 1 && points.every((pt) => same(pt.arms[a])))
			return `${name}${describe(m, e0)} at every value${m.kind === 'mean' ? ` (identical runs: ${setting} does not affect this arm here)` : ''}`;
		const head = `${name}${describe(m, e0)} at ${where(first.value)} → ${describe(m, e1)} at ${where(last.value)}`;
		if (points.length < 2) return head;
		const sep = apart(e0, e1)
			? 'intervals apart: a change larger than the seed-to-seed noise'
			: e0.lo === null
				? 'too few seeds for intervals'
				: 'intervals overlap: these seeds do not show a change';
		// The best value, when it lies inside the range.
		const inner = points.slice(1, -1).filter((pt) => valid(pt.arms[a]));
		const best = inner.reduce<PointSummary | null>(
			(b, pt) => (b === null || (lowerBetter ? pt.arms[a].center < b.arms[a].center : pt.arms[a].center > b.arms[a].center) ? pt : b),
			null
		);
		const ends = [e0.center, e1.center];
		const beats = best && (lowerBetter ? best.arms[a].center < Math.min(...ends) : best.arms[a].center > Math.max(...ends));
		// Values of a set (optimizers) have no order: "between" the first and last means nothing there.
		const at = typeof best?.value === 'string' ? 'best at' : 'best in between at';
		return `${head} (${sep})${beats ? `; ${at} ${where(best!.value)}, ${describe(m, best!.arms[a])}` : ''}`;
	});
	let text = `${m.label} over ${seeds} seed${seeds === 1 ? '' : 's'} — ${trends.join('; ')}.`;
	if (arms.length > 1) {
		// At each value, the best arm, and whether its interval clears the runner-up's.
		const word = lowerBetter ? (m.kind === 'time' ? 'fastest' : 'lowest') : 'highest';
		const says = points.map((pt) => {
			const order = pt.arms
				.map((e, a) => ({ e, a }))
				.filter(({ e }) => valid(e))
				.sort((x, y) => (lowerBetter ? x.e.center - y.e.center : y.e.center - x.e.center));
			if (!order.length) return 'no values';
			const [top, next] = order;
			if (order.every(({ e }) => e.center === top.e.center))
				return m.kind === 'time' && top.e.center === Infinity ? 'none got there in half or more of the seeds' : 'all alike';
			return `${arms[top.a]}${next ? (apart(top.e, next.e) ? `, clear of ${arms[next.a]}` : `, not separated from ${arms[next.a]}`) : ''}`;
		});
		// Neighbouring values that say the same are said once ("a = 1 to 3: …").
		const parts: string[] = [];
		for (let i = 0; i < points.length;) {
			let j = i;
			while (j + 1 < points.length && says[j + 1] === says[i]) j++;
			parts.push(`${where(points[i].value)}${j > i ? ` to ${valueLabel(points[j].value)}` : ''}: ${says[i]}`);
			i = j + 1;
		}
		text += ` ${word[0].toUpperCase()}${word.slice(1)} at each value — ${parts.join('; ')}.`;
	}
	return text;
}

/**
 * The sentence under a two-setting sweep's heat maps: for each arm its best and worst combination and whether their
 * intervals are apart; with two arms and a mean, in how many combinations the paired difference excludes 0.
 * `points` are row-major over `rows` × `cols` combinations; `where(i, j)` names combination (i, j).
 */
export function verdictGrid(m: VerdictMetric, points: PointSummary[], arms: string[], cols: number, where: (i: number, j: number) => string): string {
	const seeds = points.reduce((n, pt) => Math.max(n, ...pt.arms.map((e) => e.n)), 0);
	if (!points.length || !seeds) return `${m.label}: no runs finished yet.`;
	const lowerBetter = (m.better ?? (m.kind === 'time' ? 'lower' : 'higher')) === 'lower';
	const at = (k: number) => where(Math.floor(k / cols), k % cols);
	const parts = arms.map((label, a) => {
		const cells = points.map((pt, k) => ({ e: pt.arms[a], k })).filter(({ e }) => e.n > 0 && !Number.isNaN(e.center));
		if (!cells.length) return `${label}: not enough runs`;
		const sorted = [...cells].sort((x, y) => (lowerBetter ? x.e.center - y.e.center : y.e.center - x.e.center));
		const best = sorted[0];
		const worst = sorted[sorted.length - 1];
		const name = arms.length > 1 ? `${label}: ` : '';
		if (best.e.center === worst.e.center) return `${name}${describe(m, best.e)} at every combination`;
		const apart = best.e.lo !== null && best.e.hi !== null && worst.e.lo !== null && worst.e.hi !== null && (best.e.hi < worst.e.lo || worst.e.hi < best.e.lo);
		return `${name}best at ${at(best.k)} (${describe(m, best.e)}), worst at ${at(worst.k)} (${describe(m, worst.e)}; ${
			best.e.lo === null ? 'too few seeds for intervals' : apart ? 'intervals apart' : 'intervals overlap: these seeds do not separate them'
		})`;
	});
	let text = `${m.label} over ${seeds} seed${seeds === 1 ? '' : 's'} — ${parts.join('; ')}.`;
	const paired = points.filter((pt) => pt.paired && pt.paired.better !== null);
	if (paired.length) {
		const a = paired.filter((pt) => pt.paired!.better === 'A').length;
		const b = paired.filter((pt) => pt.paired!.better === 'B').length;
		text += ` Paired A − B: its interval excludes 0 in ${a + b} of ${points.length} combinations (A higher in ${a}, B higher in ${b}).`;
	}
	return text;
}
