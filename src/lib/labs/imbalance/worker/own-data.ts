/**
 * The user's table as the imbalance lab's data: a binary label (the chosen positive class is 1, every other value 0)
 * and feature columns encoded as model inputs — numbers as they are, categories one-hot (the ONE_HOT_CAP − 1 most
 * frequent values each get a column, the rest share “(other)”; a missing category is a value of its own). Rows whose
 * label or a numeric feature is missing are left out (and counted). Standardisation is fitted on the training split
 * only, after the split (state.ts), so no statistic of the test rows leaks into training.
 *
 * The decision surface is drawn over two numeric features (the other inputs at their training medians) or over the
 * first two principal components of the training inputs (as the model sees them).
 */
import type { Dataset } from '$lib/data/dataset';
import type { StoredColumn, StoredTable } from '$lib/data/table/column-store';
import { ImportError } from '$lib/data/table/text-stream';
import { plural } from '$lib/format';
import { createRng } from '$lib/data/rng';

export const ONE_HOT_CAP = 20;
/** Each class needs this many rows (a stratified split puts 30% of each in the test set). */
export const MIN_PER_CLASS = 5;

export type Surface = { kind: 'features'; x: string; y: string } | { kind: 'pca' };

export interface OwnSpec {
	label: string;
	positive: string;
	features: string[];
	standardize: boolean;
	surface: Surface;
}

export interface Encoded {
	/** Inputs as read (not standardised), y = 1 for the positive class. */
	data: Dataset;
	/** One name per input column: a numeric feature's name, or “feature = value” for a one-hot column. */
	names: string[];
	/** Which input columns are numeric features (standardised when asked), the others one-hot. */
	numeric: boolean[];
	dropped: { label: number; feature: number };
	/** The label's value for class 0 when the rows used have exactly one value other than the positive class; null: several. */
	negative: string | null;
}

const colOf = (t: StoredTable, name: string): StoredColumn => {
	const c = t.columns.find((x) => x.name === name);
	if (!c) throw new ImportError(`There is no column “${name}”.`, undefined, name);
	return c;
};

export function encode(table: StoredTable, spec: OwnSpec): Encoded {
	const label = colOf(table, spec.label);
	if (label.dictionary.overflow || !label.codes)
		throw new ImportError(`The label “${spec.label}” has more than 1,000 distinct values: choose a column with two classes.`, undefined, spec.label);
	const posCode = label.dictionary.codes.get(spec.positive);
	if (posCode === undefined) throw new ImportError(`The label “${spec.label}” has no value “${spec.positive}”.`, undefined, spec.label);
	const features = spec.features.filter((f) => f !== spec.label);
	if (!features.length) throw new ImportError('Choose at least one feature column.');
	const cols = features.map((f) => colOf(table, f));
	// Input columns: per feature, one numeric column or its one-hot columns.
	const names: string[] = [];
	const numeric: boolean[] = [];
	const plan = cols.map((c) => {
		if (c.numbers) {
			names.push(c.name);
			numeric.push(true);
			return { kind: 'numeric' as const, col: c, at: names.length - 1, slot: null as Int32Array | null };
		}
		if (c.dictionary.overflow || !c.codes)
			throw new ImportError(
				`Column “${c.name}” has more than 1,000 distinct text values: not a category to one-hot encode (an identifier?). Leave it out.`,
				undefined,
				c.name
			);
		const counts = new Float64Array(c.dictionary.values.length + 1);
		for (const code of c.codes) counts[code < 0 ? counts.length - 1 : code]++;
		const order = Array.from(counts.keys())
			.filter((k) => counts[k] > 0)
			.sort((a, b) => counts[b] - counts[a] || a - b);
		const kept = order.length > ONE_HOT_CAP ? order.slice(0, ONE_HOT_CAP - 1) : order;
		const slot = new Int32Array(counts.length).fill(-1);
		const at = names.length;
		kept.forEach((k, i) => {
			slot[k] = i;
			names.push(`${c.name} = ${k === counts.length - 1 ? '(missing)' : c.dictionary.values[k]}`);
			numeric.push(false);
		});
		if (order.length > kept.length) {
			for (const k of order.slice(kept.length)) slot[k] = kept.length;
			names.push(`${c.name} = (other)`);
			numeric.push(false);
		}
		return { kind: 'onehot' as const, col: c, at, slot };
	});
	const d = names.length;
	if (d < 2)
		throw new ImportError('The model needs at least two input columns (two numbers, or a category with two values or more) to draw its decision surface.');
	const keep: number[] = [];
	let missingLabel = 0;
	let missingFeature = 0;
	for (let i = 0; i < table.rows; i++) {
		if (label.codes[i] < 0) {
			missingLabel++;
			continue;
		}
		if (plan.some((p) => p.kind === 'numeric' && Number.isNaN(p.col.numbers![i]))) {
			missingFeature++;
			continue;
		}
		keep.push(i);
	}
	const n = keep.length;
	const x = new Float32Array(n * d);
	const y = new Uint8Array(n);
	let pos = 0;
	const negatives = new Set<number>();
	keep.forEach((i, r) => {
		y[r] = label.codes![i] === posCode ? 1 : 0;
		pos += y[r];
		if (!y[r]) negatives.add(label.codes![i]);
		for (const p of plan) {
			if (p.kind === 'numeric') x[r * d + p.at] = p.col.numbers![i];
			else {
				const code = p.col.codes![i];
				x[r * d + p.at + p.slot![code < 0 ? p.slot!.length - 1 : code]] = 1;
			}
		}
	});
	const dropped = missingLabel + missingFeature;
	const why = dropped ? ` (${plural(dropped, 'row')} left out for a missing label or number)` : '';
	if (pos < MIN_PER_CLASS)
		throw new ImportError(
			`Only ${plural(pos, 'row')} of “${spec.label}” = “${spec.positive}”${why}: each class needs at least ${MIN_PER_CLASS} to train and test on.`,
			undefined,
			spec.label
		);
	if (n - pos < MIN_PER_CLASS)
		throw new ImportError(
			`Only ${plural(n - pos, 'row')} of “${spec.label}” other than “${spec.positive}”${why}: the label has one class; each needs at least ${MIN_PER_CLASS}.`,
			undefined,
			spec.label
		);
	if (spec.surface.kind === 'features')
		for (const axis of [spec.surface.x, spec.surface.y])
			if (!plan.some((p) => p.kind === 'numeric' && p.col.name === axis))
				throw new ImportError(`The decision surface's axes must be numeric features in use; “${axis}” is not.`, undefined, axis);
	const negative = negatives.size === 1 ? label.dictionary.values[[...negatives][0]] : null;
	return { data: { x, y, n, d }, names, numeric, dropped: { label: missingLabel, feature: missingFeature }, negative };
}

/** How many rows have each value of the column `name` (rows missing it left out), most frequent first. */
export function valueCounts(table: StoredTable, name: string): Array<{ value: string; count: number }> {
	const c = colOf(table, name);
	if (c.dictionary.overflow || !c.codes) return [];
	const counts = new Float64Array(c.dictionary.values.length);
	for (const code of c.codes) if (code >= 0) counts[code]++;
	return Array.from(counts, (count, k) => ({ value: c.dictionary.values[k], count }))
		.filter((v) => v.count > 0)
		.sort((a, b) => b.count - a.count);
}

/** Per input column: mean and standard deviation on `train` (numeric columns; one-hot columns keep 0 and 1). */
export function standardizer(train: Dataset, numeric: boolean[]): { mean: Float64Array; sd: Float64Array } {
	const { d, n } = train;
	const mean = new Float64Array(d);
	const sd = new Float64Array(d).fill(1);
	for (let j = 0; j < d; j++) {
		if (!numeric[j]) continue;
		let s = 0;
		for (let i = 0; i < n; i++) s += train.x[i * d + j];
		const m = s / n;
		let ss = 0;
		for (let i = 0; i < n; i++) ss += (train.x[i * d + j] - m) ** 2;
		mean[j] = m;
		const v = Math.sqrt(ss / Math.max(1, n - 1));
		sd[j] = v > 0 ? v : 1;
	}
	return { mean, sd };
}

export function applyStandardizer(data: Dataset, s: { mean: Float64Array; sd: Float64Array }): Dataset {
	const x = new Float32Array(data.x.length);
	for (let i = 0; i < data.n; i++) for (let j = 0; j < data.d; j++) x[i * data.d + j] = (data.x[i * data.d + j] - s.mean[j]) / s.sd[j];
	return { ...data, x };
}

/**
 * The first two principal components of the rows of `data` (centred): eigenvectors of the covariance by power
 * iteration with deflation, signs fixed so each vector's largest entry is positive.
 */
export function principalComponents(
	data: Dataset,
	seed: number
): { mean: Float64Array; vectors: [Float64Array, Float64Array]; variance: [number, number]; total: number } {
	const { n, d } = data;
	const mean = new Float64Array(d);
	for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += data.x[i * d + j] / n;
	const cov = new Float64Array(d * d);
	const row = new Float64Array(d);
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < d; j++) row[j] = data.x[i * d + j] - mean[j];
		for (let a = 0; a < d; a++) {
			const ra = row[a];
			if (ra === 0) continue;
			for (let b = a; b < d; b++) cov[a * d + b] += ra * row[b];
		}
	}
	for (let a = 0; a < d; a++)
		for (let b = a; b < d; b++) {
			cov[a * d + b] /= Math.max(1, n - 1);
			cov[b * d + a] = cov[a * d + b];
		}
	let total = 0;
	for (let a = 0; a < d; a++) total += cov[a * d + a];
	const rng = createRng(seed);
	const out: Float64Array[] = [];
	const variance: number[] = [];
	for (let k = 0; k < 2; k++) {
		let v = Float64Array.from({ length: d }, () => rng.normal());
		let lambda = 0;
		for (let it = 0; it < 500; it++) {
			// Deflate against the components found so far, multiply, normalise.
			for (const u of out) {
				let dot = 0;
				for (let j = 0; j < d; j++) dot += u[j] * v[j];
				for (let j = 0; j < d; j++) v[j] -= dot * u[j];
			}
			const w = new Float64Array(d);
			for (let a = 0; a < d; a++) {
				let s = 0;
				for (let b = 0; b < d; b++) s += cov[a * d + b] * v[b];
				w[a] = s;
			}
			for (const u of out) {
				let dot = 0;
				for (let j = 0; j < d; j++) dot += u[j] * w[j];
				for (let j = 0; j < d; j++) w[j] -= dot * u[j];
			}
			const norm = Math.hypot(...w);
			if (norm === 0) {
				// No variance left (d = 1, or all inputs constant): any orthogonal direction.
				w.fill(0);
				w[Math.min(k, d - 1)] = 1;
				v = w;
				lambda = 0;
				break;
			}
			for (let j = 0; j < d; j++) w[j] /= norm;
			let change = 0;
			for (let j = 0; j < d; j++) change = Math.max(change, Math.abs(w[j] - v[j]));
			v = w;
			lambda = norm;
			if (change < 1e-10) break;
		}
		let big = 0;
		for (let j = 0; j < d; j++) if (Math.abs(v[j]) > Math.abs(v[big])) big = j;
		if (v[big] < 0) for (let j = 0; j < d; j++) v[j] = -v[j];
		out.push(v);
		variance.push(lambda);
	}
	return { mean, vectors: [out[0], out[1]], variance: [variance[0], variance[1]], total };
}

/** The lab's synthetic data as the CSV this import reads: x1, x2, label (1 = minority), rows in the data's order. */
export function datasetCsv(data: Dataset): string {
	const lines = ['x1,x2,label'];
	for (let i = 0; i < data.n; i++) lines.push(`${data.x[2 * i]},${data.x[2 * i + 1]},${data.y[i]}`);
	return lines.join('\n') + '\n';
}
