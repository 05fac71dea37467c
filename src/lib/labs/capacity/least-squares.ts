/**
 * Minimum-norm least squares, with an optional ridge penalty, for any shape of design matrix Φ (n rows = training
 * points, p columns = features): p < n is ordinary least squares, p ≥ n the minimum-norm interpolant.
 *
 *   β = argmin ‖β‖ among the minimisers of ‖Φβ − y‖²          (λ = 0: β = Φ⁺y, the pseudo-inverse)
 *   β = argmin ‖Φβ − y‖² + λ‖β‖²  = (ΦᵀΦ + λI)⁻¹Φᵀy = Φᵀ(ΦΦᵀ + λI)⁻¹y   (λ > 0; sklearn Ridge's `alpha`, unscaled sum)
 *
 * Method: a thin SVD, computed as Householder QR of the tall one of Φ and Φᵀ (m × k, m ≥ k = min(n, p)) followed
 * by one-sided (Hestenes) Jacobi on the k × k triangle R: R V = W with orthogonal columns, σ_j = ‖w_j‖
 * (Drmač & Veselić, "New fast and accurate Jacobi SVD algorithm", SIAM J. Matrix Anal. Appl. 29, 2008, use the same
 * QR-then-Jacobi preconditioning; Demmel & Veselić 1992 for the accuracy of one-sided Jacobi). Why not the normal
 * equations / Cholesky of ΦᵀΦ or the kernel K = ΦΦᵀ: forming them squares the condition number, and near p = n —
 * exactly the interpolation peak the lab is about — κ(Φ) reaches 1e8 and beyond, so the Gram matrix is numerically
 * singular and Cholesky fails or returns noise. QR + Jacobi works on Φ itself and resolves singular values down to
 * ~ε·σ_max. Cost O(m k² + sweeps·k³) with k = min(n, p) ≤ n, which stays small in this lab (n ≤ a few hundred).
 *
 *   p ≤ n: Φ = Q R = Q W Vᵀ = (Q U) Σ Vᵀ       ⇒ β = Σ_j v_j · (w_j · z)·g(σ_j),  z = (Qᵀy)[0..p)
 *   p > n: Φᵀ = Q R ⇒ Φ = V Σ Uᵀ Qᵀ            ⇒ β = Q Σ_j w_j · (v_j · y)·g(σ_j)
 *   g(σ) = 1/σ² for σ > rcond·σ_max, 0 below (λ = 0);  g(σ) = 1/(σ² + λ) (λ > 0, every σ kept, never singular).
 *
 * Cut-off: singular values below rcond·σ_max are treated as zero, with rcond = ε·max(n, p) by default — numpy's
 * `lstsq(a, b, rcond=None)` default (LAPACK gelsd's RCOND; numpy ≥ 1.14). numpy's `pinv` uses rcond = 1e-15
 * instead; pass `rcond: 1e-15` to match it. The cut-off is what keeps the peak finite when Φ is exactly or
 * numerically rank-deficient: without it 1/σ² of a rounding-level singular value would give β ~ 1e30 or Infinity.
 * Above the cut-off nothing is regularised: the peak at p = n is real (σ_min of a near-square random matrix is
 * small), and ‖β‖ there is large but finite.
 */
import { assertCount, assertFiniteNumber, assertNumericArray } from '../../stats/validate';

export interface LeastSquaresOptions {
	/** Ridge penalty λ ≥ 0 on ‖β‖² (default 0: minimum-norm least squares). */
	lambda?: number;
	/** Relative singular-value cut-off (λ = 0 only); default ε·max(n, p) as numpy lstsq. */
	rcond?: number;
}

export interface LeastSquaresFit {
	/** Coefficients, length p. */
	beta: Float64Array;
	/** Singular values of Φ, descending, length min(n, p). */
	singularValues: Float64Array;
	/** How many singular values were used (above the cut-off; all of them with ridge). */
	rank: number;
	/** σ_max/σ_min over the kept singular values (1 for a zero matrix). */
	condition: number;
}

const EPS = 2.220446049250313e-16;

/**
 * Householder QR of the m × k column-major matrix `a` (m ≥ k), in place: R in the upper triangle, the reflectors'
 * vectors below the diagonal with their β = 2/‖v‖² in `tau` (v_j[j] stored in `diag`).
 */
function householder(a: Float64Array, m: number, k: number): { tau: Float64Array; vHead: Float64Array } {
	const tau = new Float64Array(k);
	const vHead = new Float64Array(k);
	for (let j = 0; j < k; j++) {
		const cj = j * m;
		let norm2 = 0;
		for (let i = j; i < m; i++) norm2 += a[cj + i] * a[cj + i];
		const norm = Math.sqrt(norm2);
		if (norm === 0) {
			tau[j] = 0;
			continue;
		}
		const alpha = a[cj + j] >= 0 ? -norm : norm;
		const v0 = a[cj + j] - alpha;
		const vnorm2 = norm2 - a[cj + j] * a[cj + j] + v0 * v0;
		if (vnorm2 === 0) {
			tau[j] = 0;
			continue;
		}
		vHead[j] = v0;
		a[cj + j] = alpha;
		const t = 2 / vnorm2;
		tau[j] = t;
		for (let c = j + 1; c < k; c++) {
			const cc = c * m;
			let s = v0 * a[cc + j];
			for (let i = j + 1; i < m; i++) s += a[cj + i] * a[cc + i];
			s *= t;
			a[cc + j] -= s * v0;
			for (let i = j + 1; i < m; i++) a[cc + i] -= s * a[cj + i];
		}
	}
	return { tau, vHead };
}

/** y ← H_{k−1}…H_0 y (Qᵀy) or H_0…H_{k−1} y (Qy), with the reflectors stored by `householder`. */
function applyQ(a: Float64Array, m: number, k: number, tau: Float64Array, vHead: Float64Array, y: Float64Array, transpose: boolean): void {
	for (let step = 0; step < k; step++) {
		const j = transpose ? step : k - 1 - step;
		const t = tau[j];
		if (t === 0) continue;
		const cj = j * m;
		let s = vHead[j] * y[j];
		for (let i = j + 1; i < m; i++) s += a[cj + i] * y[i];
		s *= t;
		y[j] -= s * vHead[j];
		for (let i = j + 1; i < m; i++) y[i] -= s * a[cj + i];
	}
}

/**
 * One-sided Jacobi on the k × k matrix w (column-major, overwritten by W = R V); returns V (column-major) and
 * σ_j = ‖w_j‖. Rotations until every pair of columns is orthogonal to relative precision k·ε (at most 60 sweeps).
 */
function jacobi(w: Float64Array, k: number): { v: Float64Array; sigma: Float64Array } {
	const v = new Float64Array(k * k);
	for (let i = 0; i < k; i++) v[i * k + i] = 1;
	const norms = new Float64Array(k);
	for (let j = 0; j < k; j++) {
		let s = 0;
		for (let i = 0; i < k; i++) s += w[j * k + i] * w[j * k + i];
		norms[j] = s;
	}
	const tol = k * EPS;
	for (let sweep = 0; sweep < 60; sweep++) {
		let rotated = false;
		for (let p = 0; p < k - 1; p++) {
			for (let q = p + 1; q < k; q++) {
				const a = norms[p];
				const b = norms[q];
				if (a === 0 || b === 0) continue;
				const cp = p * k;
				const cq = q * k;
				let c = 0;
				for (let i = 0; i < k; i++) c += w[cp + i] * w[cq + i];
				if (Math.abs(c) <= tol * Math.sqrt(a * b)) continue;
				rotated = true;
				const zeta = (b - a) / (2 * c);
				const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
				const cs = 1 / Math.sqrt(1 + t * t);
				const sn = cs * t;
				for (let i = 0; i < k; i++) {
					const x = w[cp + i];
					const y = w[cq + i];
					w[cp + i] = cs * x - sn * y;
					w[cq + i] = sn * x + cs * y;
					const vx = v[cp + i];
					const vy = v[cq + i];
					v[cp + i] = cs * vx - sn * vy;
					v[cq + i] = sn * vx + cs * vy;
				}
				// The rotation's own update a − t·c, b + t·c; recomputed exactly when a column shrinks by more than
				// 1e3 (there the update formula loses digits to cancellation and drifts on tiny columns).
				let na = a - t * c;
				let nb = b + t * c;
				if (!(na > 1e-3 * a) || !(nb > 1e-3 * b)) {
					na = 0;
					nb = 0;
					for (let i = 0; i < k; i++) {
						na += w[cp + i] * w[cp + i];
						nb += w[cq + i] * w[cq + i];
					}
				}
				norms[p] = na;
				norms[q] = nb;
			}
		}
		if (!rotated) break;
	}
	const sigma = new Float64Array(k);
	for (let j = 0; j < k; j++) {
		// Exact column norms at the end (the running norms carry the update formula's rounding).
		let s = 0;
		for (let i = 0; i < k; i++) s += w[j * k + i] * w[j * k + i];
		sigma[j] = Math.sqrt(s);
	}
	return { v, sigma };
}

/**
 * Fit β for the n × p design `phi` (row-major: phi[i·p + j] = φ_j(x_i)) and targets y (length n).
 * See the header for the method, the cut-off and the ridge form.
 */
export function leastSquares(phi: ArrayLike<number>, n: number, p: number, y: ArrayLike<number>, options: LeastSquaresOptions = {}): LeastSquaresFit {
	assertCount('The number of rows n', n);
	assertCount('The number of features p', p);
	if (n < 1 || p < 1) throw new RangeError(`Least squares needs at least one row and one feature (got n = ${n}, p = ${p}).`);
	if (phi.length !== n * p) throw new RangeError(`The design matrix must have n·p = ${n * p} entries (got ${phi.length}).`);
	assertNumericArray('The design matrix', phi);
	assertNumericArray('The targets y', y);
	if (y.length !== n) throw new RangeError(`y must have one value per row (n = ${n}, got ${y.length}).`);
	const lambda = options.lambda ?? 0;
	assertFiniteNumber('The ridge penalty λ', lambda);
	if (lambda < 0) throw new RangeError(`The ridge penalty λ cannot be negative (got ${lambda}).`);
	const rcond = options.rcond ?? EPS * Math.max(n, p);
	assertFiniteNumber('rcond', rcond);
	if (rcond < 0) throw new RangeError(`rcond cannot be negative (got ${rcond}).`);

	const wide = p > n;
	const m = wide ? p : n;
	const k = wide ? n : p;
	// A = Φ (tall) or Φᵀ (wide), column-major m × k.
	const a = new Float64Array(m * k);
	if (wide) {
		for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[i * p + j] = phi[i * p + j];
	} else {
		for (let i = 0; i < n; i++) for (let j = 0; j < p; j++) a[j * n + i] = phi[i * p + j];
	}
	const { tau, vHead } = householder(a, m, k);
	// Jacobi on Rᵀ (column r of Rᵀ = row r of R): Rᵀ L = W, so R = L Σ Uᵀ with U's columns w_j/σ_j — the roles of
	// the two factors swap relative to Jacobi on R. Drmač & Veselić 2008 (§3) precondition this way: the columns of
	// Rᵀ are much closer to orthogonal, so fewer sweeps (measured 9–10 → 6–7 on the lab's 40 × 40 designs).
	const w = new Float64Array(k * k);
	for (let c = 0; c < k; c++) for (let r = 0; r <= c; r++) w[r * k + c] = a[c * m + r];
	const { v, sigma } = jacobi(w, k);

	let smax = 0;
	for (let j = 0; j < k; j++) smax = Math.max(smax, sigma[j]);
	const cut = rcond * smax;
	const gain = new Float64Array(k);
	let rank = 0;
	let smin = Infinity;
	for (let j = 0; j < k; j++) {
		const s = sigma[j];
		if (lambda > 0) gain[j] = 1 / (s * s + lambda);
		else if (s > cut && s > 0) gain[j] = 1 / (s * s);
		else continue;
		rank++;
		if (s > 0) smin = Math.min(smin, s);
	}

	const beta = new Float64Array(p);
	if (!wide) {
		const z = Float64Array.from(y);
		applyQ(a, m, k, tau, vHead, z, true);
		for (let j = 0; j < k; j++) {
			if (gain[j] === 0) continue;
			let d = 0;
			for (let i = 0; i < k; i++) d += v[j * k + i] * z[i];
			const coef = d * gain[j];
			for (let i = 0; i < k; i++) beta[i] += w[j * k + i] * coef;
		}
	} else {
		const u = new Float64Array(m);
		for (let j = 0; j < k; j++) {
			if (gain[j] === 0) continue;
			let d = 0;
			for (let i = 0; i < k; i++) d += w[j * k + i] * y[i];
			const coef = d * gain[j];
			for (let i = 0; i < k; i++) u[i] += v[j * k + i] * coef;
		}
		applyQ(a, m, k, tau, vHead, u, false);
		beta.set(u);
	}
	const singularValues = Float64Array.from(sigma).sort().reverse();
	const condition = rank === 0 || smax === 0 ? 1 : smax / smin;
	return { beta, singularValues, rank, condition };
}

/** Φβ for a row-major rows × p design. */
export function predict(phi: ArrayLike<number>, rows: number, p: number, beta: ArrayLike<number>): Float64Array {
	if (beta.length !== p) throw new RangeError(`β must have p = ${p} coefficients (got ${beta.length}).`);
	if (phi.length !== rows * p) throw new RangeError(`The design matrix must have ${rows}·${p} entries (got ${phi.length}).`);
	const out = new Float64Array(rows);
	for (let i = 0; i < rows; i++) {
		let s = 0;
		const o = i * p;
		for (let j = 0; j < p; j++) s += phi[o + j] * beta[j];
		out[i] = s;
	}
	return out;
}
