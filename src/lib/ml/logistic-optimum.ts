/**
 * The lowest mean binary cross-entropy a logistic model with an intercept can reach on given features: Newton's
 * method (iteratively reweighted least squares) on the convex loss, in float64. Affine rescalings of the features
 * (min-max, z-score, robust) reach the same optimum — the same model re-parametrised — while a non-linear transform
 * (log1p) changes the model and has its own. The scaling lab's sweeps measure "steps to target" against it.
 * Reference values: scipy.optimize.minimize on the same data (tests/fixtures/generate.py).
 */

/** Mean BCE of logits z = Xw + b against 0/1 labels, stable for large |z|. */
function meanLoss(x: ArrayLike<number>, y: ArrayLike<number>, d: number, w: Float64Array): number {
	const n = y.length;
	let sum = 0;
	for (let i = 0; i < n; i++) {
		let z = w[d];
		for (let j = 0; j < d; j++) z += w[j] * x[i * d + j];
		sum += Math.max(z, 0) - z * y[i] + Math.log1p(Math.exp(-Math.abs(z)));
	}
	return sum / n;
}

/** Solve A v = b (A symmetric positive definite, k × k, row-major) by Gaussian elimination with partial pivoting. */
function solve(a: Float64Array, b: Float64Array, k: number): Float64Array | null {
	const m = Float64Array.from(a);
	const v = Float64Array.from(b);
	for (let c = 0; c < k; c++) {
		let p = c;
		for (let r = c + 1; r < k; r++) if (Math.abs(m[r * k + c]) > Math.abs(m[p * k + c])) p = r;
		if (!(Math.abs(m[p * k + c]) > 1e-300)) return null;
		if (p !== c) {
			for (let j = 0; j < k; j++) [m[c * k + j], m[p * k + j]] = [m[p * k + j], m[c * k + j]];
			[v[c], v[p]] = [v[p], v[c]];
		}
		for (let r = c + 1; r < k; r++) {
			const f = m[r * k + c] / m[c * k + c];
			for (let j = c; j < k; j++) m[r * k + j] -= f * m[c * k + j];
			v[r] -= f * v[c];
		}
	}
	for (let c = k - 1; c >= 0; c--) {
		let s = v[c];
		for (let j = c + 1; j < k; j++) s -= m[c * k + j] * v[j];
		v[c] = s / m[c * k + c];
	}
	return v;
}

/**
 * `x`: n rows of d features, row-major; `y`: 0/1 labels. Returns the minimum mean BCE (the loss at the optimum, or
 * the lowest reached when the classes are separable and the optimum lies at infinity). Damped Newton steps (halved
 * until the loss falls), at most 100 iterations, stopping when a step improves the loss by less than 1e-12.
 */
export function logisticOptimum(x: ArrayLike<number>, y: ArrayLike<number>, d: number): number {
	const n = y.length;
	if (n === 0 || x.length !== n * d) throw new RangeError(`Expected ${n} rows of ${d} features (got ${x.length} values).`);
	const k = d + 1;
	let w = new Float64Array(k);
	let loss = meanLoss(x, y, d, w);
	for (let it = 0; it < 100; it++) {
		const g = new Float64Array(k);
		const h = new Float64Array(k * k);
		const row = new Float64Array(k);
		for (let i = 0; i < n; i++) {
			for (let j = 0; j < d; j++) row[j] = x[i * d + j];
			row[d] = 1;
			let z = 0;
			for (let j = 0; j < k; j++) z += w[j] * row[j];
			const p = 1 / (1 + Math.exp(-z));
			const r = p - y[i];
			const s = p * (1 - p);
			for (let a = 0; a < k; a++) {
				g[a] += r * row[a];
				for (let b = 0; b <= a; b++) h[a * k + b] += s * row[a] * row[b];
			}
		}
		for (let a = 0; a < k; a++) {
			g[a] /= n;
			for (let b = 0; b <= a; b++) h[a * k + b] = h[b * k + a] = h[a * k + b] / n + (a === b ? 1e-12 : 0);
		}
		const step = solve(h, g, k);
		if (!step) break;
		let t = 1;
		let next = w;
		let nextLoss = loss;
		for (let halvings = 0; halvings < 30; halvings++, t /= 2) {
			const cand = w.map((v, j) => v - t * step[j]);
			const l = meanLoss(x, y, d, cand);
			if (l < loss) {
				next = cand;
				nextLoss = l;
				break;
			}
		}
		if (next === w) break;
		const gain = loss - nextLoss;
		w = next;
		loss = nextLoss;
		if (gain < 1e-12) break;
	}
	return loss;
}
