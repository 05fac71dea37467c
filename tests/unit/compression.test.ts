import { describe, expect, it } from 'vitest';
import { magnitudePrune, packedSizeBytes, polynomialDecaySparsity, quantize, quantizePerChannel, roundHalfEven, toFloat16 } from '../../src/lib/ml/compression';
import { expectAllClose, expectClose, loadFixtures } from './helpers';

const fx = loadFixtures().compression;

describe('quantize vs numpy (2/4/8 bits, symmetric and asymmetric)', () => {
	it('matches q, scale, zero point, dequantized values and MSE for every tensor', () => {
		for (const c of fx.quantize) {
			const x = Float32Array.from(fx.tensors[c.tensor] as number[]);
			const r = quantize(x, { bits: c.bits, symmetric: c.symmetric });
			const label = `${c.tensor} ${c.bits}-bit ${c.symmetric ? 'sym' : 'asym'}`;
			expect(Array.from(r.quantized), label).toEqual(c.expected.quantized);
			expectClose(r.scale, c.expected.scale, 1e-12, 0, `${label} scale`);
			expect(r.zeroPoint, label).toBe(c.expected.zeroPoint);
			expectAllClose(r.dequantized, c.expected.dequantized, 1e-9, 0, `${label} deq`);
			expectClose(r.mse, c.expected.mse, 1e-9, 1e-18, `${label} mse`);
		}
	});
	it('round trip error shrinks as bits grow and stays within half a step', () => {
		const x = Float32Array.from(fx.tensors.normal as number[]);
		const errs = [2, 4, 8].map((bits) => quantize(x, { bits, symmetric: false }));
		expect(errs[0].mse).toBeGreaterThan(errs[1].mse);
		expect(errs[1].mse).toBeGreaterThan(errs[2].mse);
		const r = errs[2];
		x.forEach((v, i) => expect(Math.abs(v - r.dequantized[i])).toBeLessThanOrEqual(r.scale / 2 + 1e-7));
	});
	it('per-channel quantization is never worse than per-tensor on a kernel with one wide channel', () => {
		const rows = 16;
		const cols = 4;
		const x = new Float32Array(rows * cols);
		for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) x[r * cols + c] = Math.sin(r * 7 + c) * (c === 0 ? 5 : 0.05);
		const perTensor = quantize(x, { bits: 4, symmetric: true }).mse;
		const perChannel = quantizePerChannel(x, rows, cols, { bits: 4, symmetric: true }).mse;
		expect(perChannel).toBeLessThan(perTensor);
	});
	it('round half to even, like numpy', () => {
		expect([0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999].map(roundHalfEven)).toEqual([0, 2, 2, -0, -2, -2, 2]);
	});
	it('float16 matches numpy astype(float16), including overflow and subnormals', () => {
		const out = toFloat16(Float32Array.from(fx.float16.input as number[])).dequantized;
		expect(Array.from(out)).toEqual(fx.float16.output);
	});
	it('rejects bad bit widths', () => {
		expect(() => quantize(new Float32Array([1]), { bits: 1, symmetric: true })).toThrow(/bits/);
		expect(() => quantize(new Float32Array([]), { bits: 8, symmetric: true })).toThrow(/empty/);
	});
});

describe('magnitude pruning vs numpy', () => {
	it('zeroes exactly round(sparsity·n) smallest-|w| entries, sparsity 0 to 1, ties by position', () => {
		const x = Float32Array.from(fx.prune.input as number[]);
		for (const c of fx.prune.cases) {
			const out = magnitudePrune(x, c.sparsity);
			expect(Array.from(out), `sparsity ${c.sparsity}`).toEqual(c.output);
		}
		expect(Array.from(x)).toEqual(fx.prune.input); // input untouched
	});
	it('validates sparsity', () => {
		expect(() => magnitudePrune(new Float32Array([1, 2]), 1.2)).toThrow(/sparsity/);
	});
});

describe('polynomial decay sparsity (Zhu & Gupta 2017)', () => {
	it('matches the closed form and is clamped outside [begin, end]', () => {
		for (const c of fx.polynomial.cases) expectClose(polynomialDecaySparsity(fx.polynomial.schedule, c.step), c.sparsity, 1e-12, 1e-15);
	});
	it('validates the schedule', () => {
		expect(() => polynomialDecaySparsity({ initialSparsity: 0, finalSparsity: 0.5, beginStep: 10, endStep: 10 }, 3)).toThrow(/after/);
	});
});

describe('storage size', () => {
	it('packs bits and adds per-channel parameters', () => {
		expect(packedSizeBytes(1000, 4)).toBe(508);
		expect(packedSizeBytes(1000, 2, 10)).toBe(250 + 80);
		expect(packedSizeBytes(1000, 32)).toBe(4000);
	});
});
