/**
 * The capacity lab's minimum-norm least squares and feature maps against numpy (tests/fixtures/capacity_refs.py →
 * capacity.json): lstsq (rcond=None) and pinv on tall, square, wide, rank-deficient and near-singular matrices and on
 * the lab's Legendre designs around p = n and its default random-Fourier designs (d = 10) from p = n/2 to 4n; ridge
 * against the normal equations / kernel form; Legendre and random Fourier feature values (1-D and d = 10), the
 * closed-form mean square of a Fourier expansion under Gaussian inputs; input validation.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { leastSquares, predict } from '../../src/lib/labs/capacity/least-squares';
import { fourierFromDraw, legendreFeatures, fourierFeatures } from '../../src/lib/labs/capacity/features';
import { createRng } from '../../src/lib/data/rng';
import { expectAllClose } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx: any = JSON.parse(readFileSync(new URL('../fixtures/capacity.json', import.meta.url), 'utf8'));

const maxAbs = (a: ArrayLike<number>) => Math.max(...Array.from(a, Math.abs));
/** max_i |a_i − b_i| / max|b|: error relative to the solution's scale. */
const relErr = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.max(...Array.from(b, (v, i) => Math.abs(a[i] - v))) / maxAbs(b);

describe('minimum-norm least squares against numpy', () => {
	it('the fixture covers tall, square, wide, rank-deficient, near-singular and ridge cases', () => {
		const cs = fx.leastSquares;
		expect(cs.some((c: any) => c.p < c.n && c.lstsq)).toBe(true);
		expect(cs.some((c: any) => c.p > c.n && c.lstsq)).toBe(true);
		expect(cs.some((c: any) => c.rank < Math.min(c.n, c.p))).toBe(true);
		expect(cs.filter((c: any) => c.ridge).length).toBeGreaterThanOrEqual(4);
		expect(cs.filter((c: any) => c.name.startsWith('fourier d=10')).map((c: any) => c.p)).toEqual([20, 38, 42, 80, 160]);
	});

	it("the default set-up's designs near p = n are moderately conditioned (κ < 1e4, not Legendre's 1e16) and match lstsq within 1e-9", () => {
		for (const c of fx.leastSquares.filter((c: any) => c.name.startsWith('fourier d=10'))) {
			expect(c.cond, c.name).toBeLessThan(1e4);
			const fit = leastSquares(c.a, c.n, c.p, c.b);
			expect(relErr(fit.beta, c.lstsq), c.name).toBeLessThan(1e-9);
		}
	});

	it('matches lstsq (rcond=None) within 1e-9 where the kept singular values are well conditioned (κ < 1e6)', () => {
		let checked = 0;
		for (const c of fx.leastSquares.filter((c: any) => c.lstsq)) {
			const fit = leastSquares(c.a, c.n, c.p, c.b);
			expect(fit.rank, `${c.name}: rank`).toBe(c.rank);
			expectAllClose(fit.singularValues, c.singular, 1e-9, 1e-12 * c.singular[0], `${c.name} σ`);
			const kept = c.singular.slice(0, c.rank);
			if (kept[0] / kept[kept.length - 1] < 1e6) {
				expect(relErr(fit.beta, c.lstsq), `${c.name}: β`).toBeLessThan(1e-9);
				checked++;
			}
		}
		expect(checked).toBeGreaterThanOrEqual(12);
	});

	it('on ill-conditioned designs (Legendre near p = n, κ up to 1e16) β agrees to κ·1e-13, Φβ to κ·1e-14, the residual to rounding', () => {
		// Near the threshold β and even Φβ are determined only to about κ·ε relative (perturbation theory of least
		// squares: any backward-stable solver, numpy's gelsd included, is off by that much); the residual norm, the
		// quantity least squares minimises, is well determined, and ours is never larger than numpy's beyond 1e-9 relative plus rounding (max(1e-12, κ·1e-15)·max|b|, capped at max|b|).
		const residual = (a: number[], n: number, p: number, b: number[], beta: ArrayLike<number>) =>
			Math.sqrt(Array.from(predict(a, n, p, beta), (v, i) => (v - b[i]) ** 2).reduce((s, x) => s + x, 0));
		for (const c of fx.leastSquares.filter((c: any) => c.lstsq)) {
			const fit = leastSquares(c.a, c.n, c.p, c.b);
			const kept = c.singular.slice(0, c.rank);
			const kappa = kept[0] / kept[kept.length - 1];
			expect(relErr(fit.beta, c.lstsq), `${c.name}: β (κ = ${kappa.toExponential(1)})`).toBeLessThan(Math.max(1e-9, kappa * 1e-13));
			const fitted = relErr(predict(c.a, c.n, c.p, fit.beta), predict(c.a, c.n, c.p, c.lstsq));
			expect(fitted, `${c.name}: Φβ`).toBeLessThan(Math.max(1e-9, kappa * 1e-14));
			const ours = residual(c.a, c.n, c.p, c.b, fit.beta);
			const theirs = residual(c.a, c.n, c.p, c.b, c.lstsq);
			expect(ours, `${c.name}: residual`).toBeLessThanOrEqual(theirs * (1 + 1e-9) + Math.min(1, Math.max(1e-12, kappa * 1e-15)) * maxAbs(c.b));
		}
	});

	it("matches pinv(a) @ b with numpy pinv's rcond = 1e-15 on full-rank cases", () => {
		for (const c of fx.leastSquares.filter((c: any) => c.pinv && c.rank === Math.min(c.n, c.p) && c.cond < 1e6)) {
			const fit = leastSquares(c.a, c.n, c.p, c.b, { rcond: 1e-15 });
			expect(relErr(fit.beta, c.pinv), c.name).toBeLessThan(1e-9);
		}
	});

	it('ridge matches (AᵀA + λI)⁻¹Aᵀb and Aᵀ(AAᵀ + λI)⁻¹b within 1e-9', () => {
		for (const c of fx.leastSquares.filter((c: any) => c.ridge)) {
			const fit = leastSquares(c.a, c.n, c.p, c.b, { lambda: c.lambda });
			expect(relErr(fit.beta, c.ridge), c.name).toBeLessThan(1e-9);
			expect(fit.rank).toBe(Math.min(c.n, c.p));
		}
	});

	it('past p = n the solution interpolates and is the smallest: it lies in the row space of Φ', () => {
		const rng = createRng(3);
		const n = 7;
		const p = 19;
		const a = Float64Array.from({ length: n * p }, () => rng.normal());
		const y = Float64Array.from({ length: n }, () => rng.normal());
		const { beta } = leastSquares(a, n, p, y);
		expectAllClose(predict(a, n, p, beta), y, 1e-12, 1e-12, 'Φβ = y');
		// Adding any null-space direction makes β longer.
		const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0));
		const dir = Float64Array.from({ length: p }, () => rng.normal());
		const proj = leastSquares(a, n, p, predict(a, n, p, dir)).beta; // row-space part of dir
		const nullDir = dir.map((v, j) => v - proj[j]);
		expect(norm(predict(a, n, p, nullDir))).toBeLessThan(1e-10);
		expect(norm(beta.map((b, j) => b + 0.1 * nullDir[j]))).toBeGreaterThan(norm(beta));
	});

	it('never returns NaN: a zero matrix gives β = 0, a zero column is ignored', () => {
		const z = leastSquares(new Float64Array(12), 3, 4, [1, 2, 3]);
		expect(Array.from(z.beta)).toEqual([0, 0, 0, 0]);
		expect(z.rank).toBe(0);
		const a = [1, 0, 2, 0, 3, 0];
		const fit = leastSquares(a, 3, 2, [1, 2, 3]);
		expectAllClose(fit.beta, [1, 0], 1e-12, 1e-14);
	});

	it('refuses bad input in words', () => {
		expect(() => leastSquares([1, 2, 3], 2, 2, [1, 2])).toThrow(/n·p = 4/);
		expect(() => leastSquares([1, 2, 3, 4], 2, 2, [1])).toThrow(/one value per row/);
		expect(() => leastSquares([1, NaN, 3, 4], 2, 2, [1, 2])).toThrow(/not a finite number/);
		expect(() => leastSquares([1, 2, 3, 4], 2, 2, [1, 2], { lambda: -1 })).toThrow(/cannot be negative/);
		expect(() => leastSquares([], 0, 2, [])).toThrow(/at least one row/);
	});
});

describe('feature maps', () => {
	it('Legendre features match √(2j+1)·numpy legval', () => {
		const { x, p, design } = fx.legendre;
		expectAllClose(legendreFeatures(30).design(x, p), design, 1e-11, 1e-12, 'legendre');
	});

	it('random Fourier features match √(2/p)·cos(ωx + b)', () => {
		const { x, omega, phase, p, design } = fx.fourier;
		expectAllClose(fourierFromDraw(omega, phase).design(x, p), design, 1e-12, 1e-14, 'fourier');
	});

	it('random Fourier features of x ∈ R^10 match √(2/p)·cos(XWᵀ + b)', () => {
		const { dim, x, omega, phase, p, design } = fx.fourierNd;
		expectAllClose(fourierFromDraw(omega, phase, dim).design(x, p), design, 1e-12, 1e-14, 'fourier d=10');
	});

	it('the closed-form Gaussian mean square of Σ c_j φ_j matches numpy (itself checked against 400 000 draws)', () => {
		const { dim, omega, phase, p, c, meanSquare } = fx.fourierNd;
		expect(fourierFromDraw(omega, phase, dim).gaussianMeanSquare!(c, p)).toBeCloseTo(meanSquare, 12);
		// And against our own Monte Carlo over seeded Gaussian inputs (20 000 draws, 5 standard errors).
		const map = fourierFromDraw(omega, phase, dim);
		const rng = createRng(8);
		const N = 20000;
		const xs = Float64Array.from({ length: N * dim }, () => rng.normal());
		const phi = map.design(xs, p);
		let s1 = 0;
		let s2 = 0;
		for (let i = 0; i < N; i++) {
			let f = 0;
			for (let j = 0; j < p; j++) f += phi[i * p + j] * c[j];
			s1 += f * f;
			s2 += f ** 4;
		}
		const mean = s1 / N;
		const se = Math.sqrt((s2 / N - mean * mean) / N);
		expect(Math.abs(mean - meanSquare)).toBeLessThan(5 * se);
	});

	it('capacity p uses the first p features of one draw (nested), and a seed reproduces the draw', () => {
		const a = fourierFeatures({ maxP: 50, lengthScale: 0.2 }, createRng(9));
		const b = fourierFeatures({ maxP: 50, lengthScale: 0.2 }, createRng(9));
		const xs = [-0.7, 0.1, 0.9];
		const d10 = a.design(xs, 10);
		const d20 = b.design(xs, 20);
		for (let i = 0; i < 3; i++) for (let j = 0; j < 10; j++) expect(d10[i * 10 + j] / Math.sqrt(2 / 10)).toBeCloseTo(d20[i * 20 + j] / Math.sqrt(2 / 20), 12);
	});

	it('the Fourier features approximate the Gaussian kernel for large p', () => {
		const f = fourierFeatures({ maxP: 20000, lengthScale: 0.3 }, createRng(4));
		const d = f.design([0, 0.2], 20000);
		let k = 0;
		for (let j = 0; j < 20000; j++) k += d[j] * d[20000 + j];
		expect(k).toBeCloseTo(Math.exp(-(0.2 ** 2) / (2 * 0.09)), 1);
	});

	it('refuses bad input in words', () => {
		expect(() => legendreFeatures(5).design([0.2], 6)).toThrow(/between 1 and 5/);
		expect(() => legendreFeatures(5).design([1.5], 2)).toThrow(/\[−1, 1\]/);
		expect(() => fourierFeatures({ maxP: 5, lengthScale: 0 }, createRng(1))).toThrow(/greater than 0/);
		expect(() => fourierFeatures({ maxP: 5, lengthScale: 1, dim: 3 }, createRng(1)).design([0.1, 0.2], 2)).toThrow(/rows·d numbers with d = 3/);
		expect(() => fourierFromDraw([1, 2, 3], [0, 1], 2)).toThrow(/d = 2 numbers per phase/);
	});
});
