/**
 * The distillation loss of Hinton et al. 2015 (src/lib/ml/distillation.ts) against numpy (capacity_refs.py →
 * capacity.json): softmax with temperature, (1 − λ)·T²·soft cross-entropy + λ·hard cross-entropy, its KL variant,
 * the binary (sigmoid) form; gradients w.r.t. the student's logits by the closed form and by finite differences.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { binaryDistillationLoss, distillationLoss, softmaxWithTemperature } from '../../src/lib/ml/distillation';
import { expectAllClose, expectClose } from './helpers';

/* eslint-disable @typescript-eslint/no-explicit-any */
const fx: any = JSON.parse(readFileSync(new URL('../fixtures/capacity.json', import.meta.url), 'utf8'));

describe('multi-class distillation loss', () => {
	it('matches numpy (loss, soft, hard, KL, gradient, softmax at T) within 1e-9', () => {
		for (const c of fx.distillation) {
			const o = { temperature: c.T, hardWeight: c.lambda };
			const r = distillationLoss(c.student, c.teacher, c.labels, c.classes, o);
			const label = `T=${c.T} λ=${c.lambda}`;
			expectClose(r.loss, c.loss, 1e-9, 1e-13, `${label} loss`);
			expectClose(r.soft, c.soft, 1e-9, 1e-13, `${label} soft`);
			expectClose(r.hard, c.hard, 1e-9, 1e-13, `${label} hard`);
			expectAllClose(r.grad, c.grad, 1e-9, 1e-13, `${label} grad`);
			expectClose(distillationLoss(c.student, c.teacher, c.labels, c.classes, { ...o, klDivergence: true }).soft, c.kl, 1e-9, 1e-12, `${label} KL`);
			expectAllClose(softmaxWithTemperature(c.student, c.classes, c.T), c.softmaxT, 1e-9, 1e-15, `${label} softmax`);
		}
	});

	it('the soft gradient is T·(softmax(s/T) − softmax(t/T)), and finite differences agree', () => {
		const s = [1.2, -0.4, 3.1, 0.3, 0.9, -2.2];
		const t = [2.0, 0.5, -1.0, 0.1, 0.2, 1.7];
		const y = [2, 0];
		for (const T of [1, 3, 8]) {
			for (const lam of [0, 0.25, 1]) {
				const o = { temperature: T, hardWeight: lam };
				const { grad } = distillationLoss(s, t, y, 3, o);
				if (lam === 0) {
					const qs = softmaxWithTemperature(s, 3, T);
					const qt = softmaxWithTemperature(t, 3, T);
					expectAllClose(
						grad,
						Array.from(qs, (v, i) => (T * (v - qt[i])) / 2),
						1e-12,
						1e-15,
						`closed form T=${T}`
					);
				}
				const h = 1e-6;
				for (let i = 0; i < s.length; i++) {
					const up = s.slice();
					const dn = s.slice();
					up[i] += h;
					dn[i] -= h;
					const fd = (distillationLoss(up, t, y, 3, o).loss - distillationLoss(dn, t, y, 3, o).loss) / (2 * h);
					expectClose(grad[i], fd, 1e-6, 1e-8, `finite difference T=${T} λ=${lam} [${i}]`);
				}
			}
		}
	});

	it('the soft term is minimal (KL = 0, gradient 0) when the student copies the teacher', () => {
		const t = [0.3, 2.0, -1.0];
		const r = distillationLoss(t, t, [1], 3, { temperature: 4, hardWeight: 0, klDivergence: true });
		expect(Math.abs(r.soft)).toBeLessThan(1e-14);
		for (const g of r.grad) expect(Math.abs(g)).toBeLessThan(1e-15);
	});

	it('stays finite for huge logits', () => {
		const r = distillationLoss([1000, -1000, 0], [-800, 900, 5], [0], 3, { temperature: 2, hardWeight: 0.5 });
		expect(Number.isFinite(r.loss)).toBe(true);
		for (const g of r.grad) expect(Number.isFinite(g)).toBe(true);
	});

	it('refuses bad input in words', () => {
		const o = { temperature: 2, hardWeight: 0.5 };
		expect(() => distillationLoss([1, 2, 3], [1, 2, 3], [0], 2, o)).toThrow(/whole number of rows/);
		expect(() => distillationLoss([1, 2], [1, 2, 3, 4], [0], 2, o)).toThrow(/same shape/);
		expect(() => distillationLoss([1, 2], [1, 2], [2], 2, o)).toThrow(/class index/);
		expect(() => distillationLoss([1, 2], [1, 2], [0], 2, { temperature: 0, hardWeight: 0 })).toThrow(/greater than 0/);
		expect(() => distillationLoss([1, 2], [1, 2], [0], 2, { temperature: 1, hardWeight: 1.5 })).toThrow(/\[0, 1\]/);
		expect(() => distillationLoss([1, NaN], [1, 2], [0], 2, o)).toThrow(/not a finite number/);
	});
});

describe('binary distillation loss (sigmoid with temperature)', () => {
	it('matches numpy within 1e-9, including logits of size 50 and more', () => {
		for (const c of fx.binaryDistillation) {
			const o = { temperature: c.T, hardWeight: c.lambda };
			const r = binaryDistillationLoss(c.student, c.teacher, c.labels, o);
			const label = `T=${c.T} λ=${c.lambda}`;
			expectClose(r.loss, c.loss, 1e-9, 1e-13, `${label} loss`);
			expectClose(r.soft, c.soft, 1e-9, 1e-13, `${label} soft`);
			expectClose(r.hard, c.hard, 1e-9, 1e-13, `${label} hard`);
			expectAllClose(r.grad, c.grad, 1e-9, 1e-13, `${label} grad`);
			expectClose(binaryDistillationLoss(c.student, c.teacher, c.labels, { ...o, klDivergence: true }).soft, c.kl, 1e-9, 1e-12, `${label} KL`);
		}
	});

	it('equals the two-class softmax loss with logits (z, 0), and finite differences agree with the gradient', () => {
		const s = [0.7, -2.1, 3.3];
		const t = [1.5, 0.2, -0.8];
		const y = [1, 0, 0];
		const o = { temperature: 3, hardWeight: 0.3 };
		const b = binaryDistillationLoss(s, t, y, o);
		const two = distillationLoss(
			s.flatMap((z) => [z, 0]),
			t.flatMap((z) => [z, 0]),
			y.map((v) => 1 - v),
			2,
			o
		);
		expectClose(b.loss, two.loss, 1e-12, 1e-14, 'loss');
		for (let i = 0; i < s.length; i++) {
			const h = 1e-6;
			const up = s.slice();
			const dn = s.slice();
			up[i] += h;
			dn[i] -= h;
			const fd = (binaryDistillationLoss(up, t, y, o).loss - binaryDistillationLoss(dn, t, y, o).loss) / (2 * h);
			expectClose(b.grad[i], fd, 1e-6, 1e-9, `finite difference [${i}]`);
		}
	});

	it('refuses labels that are not 0/1', () => {
		expect(() => binaryDistillationLoss([1], [1], [0.5], { temperature: 1, hardWeight: 0 })).toThrow(/0 or 1/);
	});
});
