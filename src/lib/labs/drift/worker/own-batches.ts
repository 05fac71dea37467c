/**
 * The reference and the current batches of the drift report, from the roles: one file split by its batch or time
 * column (its first batches are the reference), or two files (the current one split by its batch or time column, or
 * cut into consecutive chunks). A column of dates or timestamps groups rows by calendar period — day, week, month,
 * quarter or year (own-periods.ts) — in time order whatever the order of the rows; a column of batch values (numbers
 * or categories with at most 1,000 values) keeps its batches in order of first appearance.
 */
import type { StoredTable } from '$lib/data/table/column-store';
import type { DateFormat } from '$lib/data/table/dates';
import { ImportError } from '$lib/data/table/text-stream';
import { plural } from '$lib/format';
import type { ReportNote } from '../types';
import { batchesBy, chunks, colOf, concatRows, type Group } from './own-groups';
import { MIN_PERIOD_ROWS, batchesByPeriod, defaultPeriod, type Period } from './own-periods';

export interface BatchRoles {
	batch: string | null;
	referenceBatches: number;
	/** A date column's grouping (null or absent: the default for its span). */
	period?: Period | null;
	/** Read an ambiguous date column (format.assumed) with day and month the other way round. */
	swapDayMonth?: boolean;
}

/** How a date column split the rows, for the page to say. */
export interface PeriodInfo {
	column: string;
	unit: Period;
	/** The column's format as used (its order switched when `swapped`). */
	format: DateFormat;
	swapped: boolean;
	/** Rows without a date (left out). */
	missing: number;
	/** Periods between the first and the last without any row. */
	empty: { count: number; labels: string[] };
	/** Current batches (indices) with fewer than MIN_PERIOD_ROWS rows: shown, not tested. */
	small: number[];
}

export interface Batches {
	reference: Group;
	/** Labels of the batches that make up the reference (one file). */
	referenceLabels: string[];
	labels: string[];
	rows: Int32Array[];
	notes: ReportNote[];
	period: PeriodInfo | null;
}

interface Split {
	labels: string[];
	rows: Int32Array[];
	missing: number;
	period: Omit<PeriodInfo, 'small' | 'missing'> | null;
}

/** A table's rows split by a column: by period when it holds dates, else by its values. */
function split(table: StoredTable, name: string, roles: BatchRoles): Split {
	const col = colOf(table, name);
	if (!col) throw new ImportError(`There is no column “${name}” to split the data into batches.`, undefined, name);
	if (!col.dates) return { ...batchesBy(table, name, null), period: null };
	const { dates } = col;
	const swapped = !!roles.swapDayMonth && dates.other !== null;
	const values = swapped ? dates.other! : dates.values;
	let unit = roles.period ?? null;
	if (!unit) {
		let min = Infinity;
		let max = -Infinity;
		for (const v of values)
			if (v === v) {
				if (v < min) min = v;
				if (v > max) max = v;
			}
		unit = min <= max ? defaultPeriod(min, max) : 'day';
	}
	const b = batchesByPeriod(values, unit);
	const order = swapped ? (dates.format.order === 'mdy' ? 'dmy' : 'mdy') : dates.format.order;
	return {
		labels: b.labels,
		rows: b.rows,
		missing: b.missing,
		period: { column: name, unit, format: { ...dates.format, order }, swapped, empty: b.empty }
	};
}

function periodInfo(s: Split, missing: number, rows: Int32Array[]): PeriodInfo | null {
	if (!s.period) return null;
	const small = rows.flatMap((r, b) => (r.length < MIN_PERIOD_ROWS ? [b] : []));
	return { ...s.period, missing, small };
}

export function formBatches(reference: StoredTable, current: StoredTable | null, roles: BatchRoles): Batches {
	const notes: ReportNote[] = [];
	if (!current) {
		if (!roles.batch) throw new ImportError('One file needs a batch or time column to tell the reference from the current data (or add a second file).');
		const b = split(reference, roles.batch, roles);
		if (b.missing && !b.period) notes.push({ kind: 'rows-without-batch', rows: b.missing, column: roles.batch, current: false });
		const R = roles.referenceBatches;
		if (!Number.isInteger(R) || R < 1) throw new ImportError('The number of reference batches must be a whole number, at least 1.');
		if (b.labels.length < R + 1) {
			const what = b.period
				? `Column “${roles.batch}” by ${b.period.unit} has ${plural(b.labels.length, b.period.unit)} with rows`
				: `Column “${roles.batch}” has ${plural(b.labels.length, 'batch')}`;
			throw new ImportError(
				`${what}; with ${plural(R, 'reference batch')} there is nothing left to compare. Choose fewer reference batches${b.period ? ', a finer grouping' : ''} or another column.`,
				undefined,
				roles.batch
			);
		}
		const rows = b.rows.slice(R);
		return {
			reference: { table: reference, rows: concatRows(b.rows.slice(0, R)) },
			referenceLabels: b.labels.slice(0, R),
			labels: b.labels.slice(R),
			rows,
			notes,
			period: periodInfo(b, b.missing, rows)
		};
	}
	const ref: Group = { table: reference, rows: null };
	if (!roles.batch) {
		const c = chunks(current.rows);
		return { reference: ref, referenceLabels: [], labels: c.labels, rows: c.rows, notes, period: null };
	}
	const b = split(current, roles.batch, roles);
	if (b.missing && !b.period) notes.push({ kind: 'rows-without-batch', rows: b.missing, column: roles.batch, current: true });
	return { reference: ref, referenceLabels: [], labels: b.labels, rows: b.rows, notes, period: periodInfo(b, b.missing, b.rows) };
}
