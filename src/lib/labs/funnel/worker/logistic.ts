/**
 * L2-penalised logistic regression by Newton's method (IRLS), for the funnel's ranker (ranker.ts). Plain TypeScript.
 *
 * Objective: (1/n) Σ_r [log(1 + e^{z_r}) − y_r z_r] + (λ/2) Σ_{j ≥ 1} β_j²,  z_r = x_r · β, column 0 of X the bias
 * (not penalised) — sklearn's LogisticRegression objective with C = 1/(λn) divided by n (sklearn ≥ 1.x leaves the
 * intercept unpenalised with lbfgs/newton-cg/newton-cholesky). Newton step: H δ = g with g = Xᵀ(σ(z) − y)/n + λβ̃,
 * H = Xᵀ diag(σ(1 − σ)) X / n + λĨ (β̃, Ĩ: the bias entry 0), solved by Cholesky (sklearn's 'newton-cholesky' solver
 * does the same); the step is halved while the objective does not decrease (beyond a round-off slack of 1e-13 relative), and the fit stops when the largest step
 * component is below 1e-9 or after `iterations`. Starts at β = (logit of the mean of y, 0, …, 0), the constant model.
 */
import { yieldToEventLoop } from '../../../engine/run-control';

/** Solves A x = b for a symmetric positive definite A (p × p, row-major) by Cholesky; A and b are left unchanged. */
export function choleskySolve(A: Float64Array, b: Float64Array, p: number): Float64Array {
	const L = new Float64Array(p * p);
	for (let i = 0; i < p; i++) {
		for (let j = 0; j <= i; j++) {
			let s = A[i * p + j];
			for (let k = 0; k < j; k++) s -= L[i * p + k] * L[j * p + k];
			if (i === j) {
				if (!(s > 0)) throw new RangeError('The ranker’s Hessian is not positive definite: raise the L2 penalty.');
				L[i * p + i] = Math.sqrt(s);
			} else L[i * p + j] = s / L[j * p + j];
		}
	}
	const y = new Float64Array(p);
	for (let i = 0; i < p; i++) {
		let s = b[i];
		for (let k = 0; k < i; k++) s -= L[i * p + k] * y[k];
		y[i] = s / L[i * p + i];
	}
	const x = new Float64Array(p);
	for (let i = p - 1; i >= 0; i--) {
		let s = y[i];
		for (let k = i + 1; k < p; k++) s -= L[k * p + i] * x[k];
		x[i] = s / L[i * p + i];
	}
	return x;
}

/** log(1 + e^z) without overflow. */
function softplus(z: number): number {
	return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export interface LogisticFit {
	beta: Float64Array;
	/** Mean log-loss at the fit (penalty excluded), and of the constant model. */
	logLoss: number;
	baseLogLoss: number;
	iterations: number;
	/** Largest |gradient| component of the penalised objective at the fit. */
	gradientNorm: number;
}

/**
 * Fits β for the n × p row-major design X (column 0 all ones) and labels y ∈ {0, 1}. Gives the event loop a turn
 * before each iteration and resolves to null when `shouldStop` says so.
 */
export async function fitLogistic(
	X: Float64Array,
	y: Float64Array,
	p: number,
	lambda: number,
	iterations: number,
	shouldStop?: () => boolean
): Promise<LogisticFit | null> {
	const n = y.length;
	if (X.length !== n * p) throw new RangeError(`The design holds ${X.length} numbers, not n·p = ${n}·${p}.`);
	const beta = new Float64Array(p);
	let positives = 0;
	for (let r = 0; r < n; r++) positives += y[r];
	const rate = positives / n;
	beta[0] = Math.log(rate / (1 - rate));
	const objective = (b: Float64Array) => {
		let loss = 0;
		for (let r = 0; r < n; r++) {
			let z = 0;
			for (let j = 0; j < p; j++) z += X[r * p + j] * b[j];
			loss += softplus(z) - y[r] * z;
		}
		let pen = 0;
		for (let j = 1; j < p; j++) pen += b[j] * b[j];
		return loss / n + (lambda / 2) * pen;
	};
	const g = new Float64Array(p);
	const H = new Float64Array(p * p);
	const gradient = (b: Float64Array, withHessian: boolean) => {
		g.fill(0);
		if (withHessian) H.fill(0);
		for (let r = 0; r < n; r++) {
			const o = r * p;
			let z = 0;
			for (let j = 0; j < p; j++) z += X[o + j] * b[j];
			const pr = 1 / (1 + Math.exp(-z));
			const e = pr - y[r];
			const wgt = pr * (1 - pr);
			for (let j = 0; j < p; j++) {
				const xj = X[o + j];
				if (xj === 0) continue;
				g[j] += e * xj;
				if (withHessian) for (let k = 0; k <= j; k++) H[j * p + k] += wgt * xj * X[o + k];
			}
		}
		for (let j = 0; j < p; j++) g[j] = g[j] / n + (j > 0 ? lambda * b[j] : 0);
		if (withHessian)
			for (let j = 0; j < p; j++)
				for (let k = 0; k <= j; k++) {
					const h = H[j * p + k] / n + (j === k && j > 0 ? lambda : 0);
					H[j * p + k] = h;
					H[k * p + j] = h;
				}
	};
	let f0 = objective(beta);
	const baseLogLoss = f0;
	let it = 0;
	for (; it < iterations; it++) {
		// A turn of the event loop between iterations, so that a worker can receive a stop.
		await yieldToEventLoop();
		if (shouldStop?.()) return null;
		gradient(beta, true);
		const step = choleskySolve(H, g, p);
		let t = 1;
		let next = beta.map((b, j) => b - t * step[j]);
		let f1 = objective(next);
		// Near the minimum a full step changes the objective by less than its round-off: accept it then.
		const slack = 1e-13 * Math.abs(f0);
		while (f1 > f0 + slack && t > 1e-6) {
			t /= 2;
			next = beta.map((b, j) => b - t * step[j]);
			f1 = objective(next);
		}
		if (f1 > f0 + slack) break;
		beta.set(next);
		f0 = f1;
		let big = 0;
		for (let j = 0; j < p; j++) big = Math.max(big, Math.abs(t * step[j]));
		if (big < 1e-9) {
			it++;
			break;
		}
	}
	gradient(beta, false);
	let pen = 0;
	for (let j = 1; j < p; j++) pen += beta[j] * beta[j];
	return {
		beta,
		logLoss: f0 - (lambda / 2) * pen,
		baseLogLoss,
		iterations: it,
		gradientNorm: g.reduce((m, v) => Math.max(m, Math.abs(v)), 0)
	};
}
