/**
 * A real experiment from the user's CSV/TSV (gzip too) or Parquet file, read in this worker as a stream, in one of two layouts:
 * - per-day counts: a day or date column (optional) and visitors and conversions of each arm (`visitors_a`,
 *   `conversions_a`, `visitors_b`, `conversions_b`; `control`/`variant` work for a/b), one row per day;
 * - per-user rows: an arm column with two values and a `converted` (0/1) or `revenue` column, optionally a day or
 *   date column (without one, all rows are one look).
 * A day column of dates or timestamps is read with the file reader's date rules: rows fall on their calendar day and
 * days are ordered in time (days.ts). Numbers follow the file's decimal mark (`17,99` in a file written with decimal
 * commas is 17.99). Every problem is an ImportError naming the row and column. The counts become `DayCounts`,
 * analysed like a simulated experiment (experiment.ts).
 */
import { isMissing, type TableFormat, type TableProfile } from '$lib/data/table/csv';
import { booleanValue, readFile } from '$lib/data/table/read-file';
import { numberParser, type NumberParser } from '$lib/data/table/numbers';
import { ImportError } from '$lib/data/table/text-stream';
import { controlArm, experimentColumns, type DailyCount } from '$lib/data/table/roles';
import { checkpoint, type Ticket } from '../../../engine/run-control';
import { sampleSizes } from '$lib/stats/abtest';
import { simulateDays } from './experiment';
import { DayGroups, type DayColumnReading } from './days';
import type { AnalysisOptions, DayCounts, ExperimentConfig, MetricMode } from '../types';

/** The largest file this lab reads (per-user rows of a large test fit well below it). */
export const MAX_FILE_BYTES = 1024 ** 3;

export interface ImportedColumn {
	name: string;
	/** 'date': the day column, read as dates or timestamps. */
	type: 'numeric' | 'categorical' | 'date';
	missing: number;
	/** Filled cells (not missing). */
	present: number;
	/** Distinct values, or null when there are more than DISTINCT_CAP (the reader counts no further). */
	distinct: number | null;
}

export interface OwnExperiment {
	layout: 'daily' | 'users';
	mode: MetricMode;
	/** What each role was read from, e.g. { day: 'date', control visitors: 'visitors_a', … }. */
	mapping: Array<{ role: string; column: string }>;
	/** Per-user layout: which arm value is the control and which the variant. */
	arms: { control: string; variant: string } | null;
	columns: ImportedColumn[];
	delimiter: string;
	/** The file's delimiter and decimal mark. */
	format: TableFormat;
	/** How the day column was read (dates, with their order, or labels); null without one. */
	dayColumn: DayColumnReading | null;
	rows: number;
	days: DayCounts[];
}

/** The lab's words for the per-day count columns (roles.ts finds them by name). */
const ROLE_NAMES: Record<DailyCount, string> = {
	controlVisitors: 'control visitors',
	controlConversions: 'control conversions',
	variantVisitors: 'variant visitors',
	variantConversions: 'variant conversions'
};
const DAILY = Object.keys(ROLE_NAMES) as DailyCount[];

type Layout =
	{ layout: 'daily'; day: number; cols: Record<DailyCount, number> } | { layout: 'users'; day: number; arm: number; value: number; mode: MetricMode };

/** Which layout the header describes (its columns found by name: roles.ts), or an ImportError saying what is missing. */
export function layoutOf(names: string[]): Layout {
	const { day, arm, converted, revenue, counts: daily } = experimentColumns(names);
	const found = Object.values(daily).filter((i) => i >= 0).length;
	if (found === 4) return { layout: 'daily', day, cols: daily };
	if (arm >= 0 && (converted >= 0 || revenue >= 0))
		return { layout: 'users', day, arm, value: revenue >= 0 ? revenue : converted, mode: revenue >= 0 ? 'revenue' : 'conversion' };
	if (found > 0) {
		const missing = DAILY.filter((k) => daily[k] < 0).map((k) => ROLE_NAMES[k]);
		throw new ImportError(
			`Per-day counts need visitors and conversions of both arms; no column for ${missing.join(', ')} (e.g. visitors_a, conversions_a, visitors_b, conversions_b).`,
			1
		);
	}
	throw new ImportError(
		`Columns ${names.map((x) => `“${x}”`).join(', ')} are neither per-day counts (day, visitors_a, conversions_a, visitors_b, conversions_b) nor per-user rows (arm, and converted or revenue).`,
		1
	);
}

function count(v: string, row: number, column: string, parse: NumberParser): number {
	if (isMissing(v)) throw new ImportError(`Row ${row}, column “${column}”: the value is missing; every day needs its counts.`, row, column);
	const x = parse(v);
	if (Number.isNaN(x)) throw new ImportError(`Row ${row}, column “${column}”: “${v}” is not a number.`, row, column);
	if (x < 0) throw new ImportError(`Row ${row}, column “${column}”: a count cannot be negative (${v}).`, row, column);
	if (!Number.isInteger(x)) throw new ImportError(`Row ${row}, column “${column}”: a count must be a whole number (${v}).`, row, column);
	return x;
}

/** Read `file` (a Blob from a file input or a drop) into day-by-day counts. */
export async function importExperiment(file: Blob, ticket: Ticket, onProgress?: (rows: number) => void): Promise<OwnExperiment> {
	let names: string[] = [];
	let layout: Layout | null = null;
	let parse: NumberParser = numberParser(false);
	let groups: DayGroups | null = null;
	const armValues: string[] = [];
	const profile: TableProfile = await readFile(file, {
		onHeader: (h, format) => {
			names = h;
			layout = layoutOf(h);
			parse = numberParser(format.decimalComma);
			groups = new DayGroups(layout.day >= 0 ? h[layout.day] : '', layout.layout === 'daily', format.decimalComma);
		},
		onRows: (rows, first) => {
			const L = layout!;
			const G = groups!;
			rows.forEach((r, i) => {
				const row = first + i;
				const dayValue = L.day >= 0 ? r[L.day] : '';
				if (L.layout === 'daily') {
					const get = (k: DailyCount) => count(r[L.cols[k]], row, names[L.cols[k]], parse);
					const control = { n: get('controlVisitors'), conversions: get('controlConversions') };
					const variant = { n: get('variantVisitors'), conversions: get('variantConversions') };
					for (const [arm, k] of [
						[control, 'controlConversions'],
						[variant, 'variantConversions']
					] as const)
						if (arm.conversions > arm.n)
							throw new ImportError(
								`Row ${row}, column “${names[L.cols[k]]}”: ${arm.conversions} conversions is more than the ${arm.n} visitors of that arm that day.`,
								row,
								names[L.cols[k]]
							);
					const d = G.day(dayValue, row);
					for (const [a, x] of [
						[d.control, control],
						[d.variant, variant]
					] as const) {
						a.n += x.n;
						a.conversions += x.conversions;
						a.sum += x.conversions;
						a.sumSq += x.conversions;
					}
					return;
				}
				const armName = names[L.arm];
				const arm = r[L.arm];
				if (isMissing(arm)) throw new ImportError(`Row ${row}, column “${armName}”: the arm is missing.`, row, armName);
				let k = armValues.indexOf(arm);
				if (k < 0) {
					if (armValues.length === 2)
						throw new ImportError(
							`Column “${armName}” has more than two values (${[...armValues, arm].map((x) => `“${x}”`).join(', ')} by row ${row}): this lab compares two arms.`,
							row,
							armName
						);
					armValues.push(arm);
					k = armValues.length - 1;
				}
				const valueName = names[L.value];
				const raw = r[L.value];
				// A converted column may be written true/false (Parquet booleans, many exports).
				const v = isMissing(raw) ? NaN : L.mode === 'conversion' && Number.isNaN(parse(raw)) ? booleanValue(raw) : parse(raw);
				if (Number.isNaN(v))
					throw new ImportError(
						L.mode === 'conversion'
							? `Row ${row}, column “${valueName}”: converted must be 0 or 1, or true or false (got “${raw}”).`
							: `Row ${row}, column “${valueName}”: “${raw}” is not a number.`,
						row,
						valueName
					);
				if (L.mode === 'conversion' && v !== 0 && v !== 1)
					throw new ImportError(`Row ${row}, column “${valueName}”: converted must be 0 or 1, or true or false (got ${raw}).`, row, valueName);
				if (v < 0) throw new ImportError(`Row ${row}, column “${valueName}”: revenue cannot be negative (${raw}).`, row, valueName);
				const d = G.day(dayValue, row);
				// Arms are told apart below, once both values are known: here by their order of appearance.
				const a = k === 0 ? d.control : d.variant;
				a.n++;
				if (v > 0) a.conversions++;
				a.sum += v;
				a.sumSq += v * v;
			});
		},
		onPiece: async (rows) => {
			onProgress?.(rows);
			await checkpoint(ticket);
		}
	});
	const L = layout as Layout | null;
	const G = groups as DayGroups | null;
	if (!L || !G) throw new ImportError('The file has no header row.');
	const { days, reading } = G.finish();
	let arms: OwnExperiment['arms'] = null;
	if (L.layout === 'users') {
		if (armValues.length < 2)
			throw new ImportError(`Column “${names[L.arm]}” has one value (“${armValues[0]}”): an experiment needs two arms.`, undefined, names[L.arm]);
		// The control is the value named like one (a, control, ctrl, baseline, old, current, 0); otherwise the first seen.
		const swap = controlArm([armValues[0], armValues[1]]) === 1;
		if (swap) for (const d of days) [d.control, d.variant] = [d.variant, d.control];
		arms = swap ? { control: armValues[1], variant: armValues[0] } : { control: armValues[0], variant: armValues[1] };
	}
	const mapping =
		L.layout === 'daily'
			? [...(L.day >= 0 ? [{ role: 'day', column: names[L.day] }] : []), ...DAILY.map((k) => ({ role: ROLE_NAMES[k], column: names[L.cols[k]] }))]
			: [
					...(L.day >= 0 ? [{ role: 'day', column: names[L.day] }] : []),
					{ role: 'arm', column: names[L.arm] },
					{ role: L.mode === 'revenue' ? 'revenue' : 'converted', column: names[L.value] }
				];
	return {
		layout: L.layout,
		mode: L.layout === 'daily' ? 'conversion' : L.mode,
		mapping,
		arms,
		columns: profile.columns.map((c, j) => ({
			name: c.name,
			type: j === L.day && reading?.dates ? 'date' : c.type,
			missing: c.missing,
			present: c.present,
			distinct: c.more ? null : c.distinct.size
		})),
		delimiter: profile.delimiter,
		format: profile.format,
		dayColumn: reading,
		rows: profile.rows,
		days
	};
}

/** The lab's own experiment as the CSV it imports: per-day counts (conversion mode). */
export function dailyCsv(days: DayCounts[]): string {
	const lines = ['day,visitors_a,conversions_a,visitors_b,conversions_b'];
	for (const d of days) lines.push([d.label, d.control.n, d.control.conversions, d.variant.n, d.variant.conversions].join(','));
	return lines.join('\n') + '\n';
}

/** The lab's decision rules that apply to the user's data. */
export interface OwnRules {
	alpha: number;
	bayesThreshold: number;
	/** Minimum detectable effect, relative to the observed control rate (or mean) when `relative`. */
	mde: number;
	relative: boolean;
	power: number;
}

/**
 * Analysis options for the user's data: the mSPRT's τ and the fixed-horizon plan come from the minimum detectable
 * effect on the data's own scale — relative to the observed control conversion rate (or revenue per visitor). The plan
 * (visitors per arm at the observed allocation) exists for conversions only; in revenue mode the fixed-horizon test
 * looks once, on the last day.
 */
export function ownAnalysisOptions(data: OwnExperiment, rules: OwnRules): AnalysisOptions {
	const total = data.days.reduce((t, d) => ({ c: t.c + d.control.n, cs: t.cs + d.control.sum, v: t.v + d.variant.n }), { c: 0, cs: 0, v: 0 });
	const controlMean = total.c > 0 ? total.cs / total.c : 0;
	const absolute = rules.relative ? rules.mde * controlMean : rules.mde;
	const base = { mode: data.mode, alpha: rules.alpha, bayesThreshold: rules.bayesThreshold, tau: Math.max(1e-9, Math.abs(absolute)) };
	if (data.mode === 'conversion' && controlMean > 0 && controlMean < 1 && total.v > 0) {
		try {
			const share = total.v / (total.c + total.v);
			const plan = sampleSizes({
				baselineRate: controlMean,
				minDetectableEffect: rules.mde,
				relative: rules.relative,
				alpha: rules.alpha,
				power: rules.power,
				variantShare: share
			});
			return { ...base, plannedControl: plan.control, plannedVariant: plan.variant };
		} catch {
			// An effect that puts the rate outside (0, 1): no plan, the fixed-horizon test looks on the last day.
		}
	}
	return { ...base, plannedControl: Number.MAX_SAFE_INTEGER, plannedVariant: Number.MAX_SAFE_INTEGER };
}

/**
 * The lab's own revenue experiment as per-user rows (`day,arm,revenue`): each day, each arm's buyers with their order
 * values in the order they were drawn, then its visitors who bought nothing. Importing it gives back the same sums.
 */
export function revenueCsv(c: ExperimentConfig): string {
	const orders: number[][][] = [];
	const days = simulateDays(c, (d, arm, v) => {
		orders[d - 1] ??= [[], []];
		orders[d - 1][arm].push(v);
	});
	const lines = ['day,arm,revenue'];
	days.forEach((d, i) => {
		[d.control, d.variant].forEach((a, arm) => {
			const name = arm === 0 ? 'A' : 'B';
			const bought = orders[i]?.[arm] ?? [];
			for (const v of bought) lines.push(`${d.label},${name},${String(v)}`);
			for (let k = bought.length; k < a.n; k++) lines.push(`${d.label},${name},0`);
		});
	});
	return lines.join('\n') + '\n';
}
