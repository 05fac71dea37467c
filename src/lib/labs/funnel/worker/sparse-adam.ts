/**
 * Adam for embedding tables, applied only to the rows a batch touches ("lazy" Adam). Pure TypeScript.
 *
 * Adam (Kingma & Ba 2015, Algorithm 1) with TF.js's `tf.train.adam` defaults (β1 0.9, β2 0.999, ε 1e-7 — the float32 backends'
 * epsilon, which `tf.train.adam` takes when none is given): for a row
 * with summed gradient g at global step t,
 *     m ← β1·m + (1 − β1)·g,   v ← β2·v + (1 − β2)·g²,   w ← w − lr·(m/(1 − β1^t)) / (√(v/(1 − β2^t)) + ε).
 * Rows absent from the batch keep their weights and moments (no decay): the semantics of TensorFlow Addons'
 * `LazyAdam` and PyTorch's `SparseAdam`. A row touched at every step follows dense Adam exactly; dense Adam on a
 * 200k-row table would rewrite every row every step, which is what makes it the bottleneck on the CPU backend.
 * Duplicate rows in a batch have their gradients summed first (as a dense gradient of a gather would).
 */
export interface SparseAdamOptions {
	lr: number;
	beta1?: number;
	beta2?: number;
	epsilon?: number;
}

export class SparseAdam {
	readonly m: Float32Array;
	readonly v: Float32Array;
	private readonly acc: Float32Array;
	private readonly mark: Int32Array;
	private readonly touched: Int32Array;
	private stamp = 0;
	private readonly lr: number;
	private readonly beta1: number;
	private readonly beta2: number;
	private readonly epsilon: number;

	constructor(
		readonly table: Float32Array,
		readonly width: number,
		o: SparseAdamOptions
	) {
		if (!Number.isInteger(width) || width < 1 || table.length % width !== 0)
			throw new RangeError(`The table's length (${table.length}) must be a multiple of its width (${width}).`);
		if (!(o.lr > 0) || !Number.isFinite(o.lr)) throw new RangeError(`The learning rate must be positive (got ${o.lr}).`);
		this.lr = o.lr;
		this.beta1 = o.beta1 ?? 0.9;
		this.beta2 = o.beta2 ?? 0.999;
		this.epsilon = o.epsilon ?? 1e-7;
		this.m = new Float32Array(table.length);
		this.v = new Float32Array(table.length);
		this.acc = new Float32Array(table.length);
		const rows = table.length / width;
		this.mark = new Int32Array(rows);
		this.touched = new Int32Array(rows);
	}

	/**
	 * One step: `grads` holds one gradient row (width floats) per entry of `rows`; `t` is the global step (1-based)
	 * for the bias corrections.
	 */
	apply(rows: ArrayLike<number>, grads: ArrayLike<number>, t: number): void {
		const W = this.width;
		if (grads.length !== rows.length * W) throw new RangeError(`Expected ${rows.length * W} gradient values (got ${grads.length}).`);
		if (!Number.isInteger(t) || t < 1) throw new RangeError(`The step must be a whole number ≥ 1 (got ${t}).`);
		const stamp = ++this.stamp;
		let nt = 0;
		for (let k = 0; k < rows.length; k++) {
			const r = rows[k];
			const base = r * W;
			if (this.mark[r] !== stamp) {
				this.mark[r] = stamp;
				this.touched[nt++] = r;
				for (let d = 0; d < W; d++) this.acc[base + d] = 0;
			}
			for (let d = 0; d < W; d++) this.acc[base + d] += grads[k * W + d];
		}
		const { beta1: b1, beta2: b2, epsilon: eps, lr } = this;
		const c1 = 1 - Math.pow(b1, t);
		const c2 = 1 - Math.pow(b2, t);
		for (let k = 0; k < nt; k++) {
			const base = this.touched[k] * W;
			for (let d = 0; d < W; d++) {
				const j = base + d;
				const g = this.acc[j];
				if (!Number.isFinite(g)) throw new RangeError('A gradient is not finite: lower the learning rate or raise the temperature.');
				const m = (this.m[j] = b1 * this.m[j] + (1 - b1) * g);
				const v = (this.v[j] = b2 * this.v[j] + (1 - b2) * g * g);
				this.table[j] -= (lr * (m / c1)) / (Math.sqrt(v / c2) + eps);
			}
		}
	}
}
