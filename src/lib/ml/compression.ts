/**
 * Compression math for weight tensors (pure TypeScript; the workers apply it to TF.js weights).
 *
 * Quantization (Jacob et al., "Quantization and Training of Neural Networks for Efficient Integer-Arithmetic-Only
 * Inference", CVPR 2018; Krishnamoorthi, arXiv:1806.08342):
 * - asymmetric (affine): qmin = 0, qmax = 2^bits − 1; the range [lo, hi] is extended to include 0;
 *   scale = (hi − lo)/(qmax − qmin); zeroPoint = clamp(round(qmin − lo/scale)).
 * - symmetric: qmax = 2^(bits−1) − 1, qmin = −qmax, scale = max|x|/qmax, zeroPoint = 0.
 * - q = clamp(round(x/scale) + zeroPoint, qmin, qmax) with round half to even; dequantized = (q − zeroPoint)·scale.
 * - An all-zero tensor has no range: scale is set to 1 so q = zeroPoint and nothing is NaN.
 * Pruning:
 * - magnitudePrune: exactly round(sparsity·n) entries of smallest |w| set to 0 (ties broken by position, earlier first;
 *   round half to even, as numpy).
 * - polynomialDecaySparsity (Zhu & Gupta, "To prune, or not to prune", 2017):
 *   s_t = s_f + (s_i − s_f)(1 − (t − t_0)/(n·Δt))^power for t in [t_0, t_0 + n·Δt] (endStep = t_0 + n·Δt; the
 *   paper prunes every Δt steps, the caller chooses which steps to evaluate), s_i before, s_f after.
 */
import { assertCount, assertInRange, assertNumericArray } from '../stats/validate';

/** Round half to even (banker's rounding), as numpy.round. */
export function roundHalfEven(x: number): number {
	const r = Math.round(x);
	// Math.round rounds .5 up; step back when that lands on an odd number.
	if (Math.abs(x % 1) === 0.5 && r % 2 !== 0) return r - 1;
	return r;
}

export interface QuantizeOptions {
	bits: number;
	symmetric: boolean;
}

export interface QuantizeResult {
	quantized: Int32Array;
	scale: number;
	zeroPoint: number;
	dequantized: Float32Array;
	mse: number;
}

function checkBits(bits: number): void {
	assertCount('bits', bits);
	if (bits < 2 || bits > 16) throw new RangeError(`bits must be between 2 and 16 (got ${bits}).`);
}

export function quantize(values: Float32Array, options: QuantizeOptions): QuantizeResult {
	const { bits, symmetric } = options;
	checkBits(bits);
	assertNumericArray('values', values);
	let lo = 0;
	let hi = 0;
	let maxAbs = 0;
	for (let i = 0; i < values.length; i++) {
		const v = values[i];
		if (v < lo) lo = v;
		if (v > hi) hi = v;
		maxAbs = Math.max(maxAbs, Math.abs(v));
	}
	let qmin: number;
	let qmax: number;
	let scale: number;
	let zeroPoint: number;
	if (symmetric) {
		qmax = 2 ** (bits - 1) - 1;
		qmin = -qmax;
		scale = maxAbs / qmax;
		if (scale === 0) scale = 1;
		zeroPoint = 0;
	} else {
		qmin = 0;
		qmax = 2 ** bits - 1;
		scale = (hi - lo) / (qmax - qmin);
		if (scale === 0) scale = 1;
		zeroPoint = Math.min(qmax, Math.max(qmin, roundHalfEven(qmin - lo / scale)));
	}
	const quantized = new Int32Array(values.length);
	const dequantized = new Float32Array(values.length);
	let se = 0;
	for (let i = 0; i < values.length; i++) {
		const q = Math.min(qmax, Math.max(qmin, roundHalfEven(values[i] / scale) + zeroPoint));
		quantized[i] = q;
		dequantized[i] = (q - zeroPoint) * scale;
		se += (values[i] - dequantized[i]) ** 2;
	}
	return { quantized, scale, zeroPoint, dequantized, mse: se / values.length };
}

export interface ChannelQuantization {
	dequantized: Float32Array;
	scales: number[];
	zeroPoints: number[];
	mse: number;
}

/**
 * Per-channel quantization of a row-major [rows, cols] kernel: each output column (channel) gets its own
 * scale and zero point, which keeps small-range channels precise when another channel has large weights.
 */
export function quantizePerChannel(values: Float32Array, rows: number, cols: number, options: QuantizeOptions): ChannelQuantization {
	if (rows * cols !== values.length) throw new RangeError(`A ${rows}×${cols} kernel needs ${rows * cols} values (got ${values.length}).`);
	const dequantized = new Float32Array(values.length);
	const scales: number[] = [];
	const zeroPoints: number[] = [];
	let se = 0;
	const channel = new Float32Array(rows);
	for (let c = 0; c < cols; c++) {
		for (let r = 0; r < rows; r++) channel[r] = values[r * cols + c];
		const q = quantize(channel, options);
		for (let r = 0; r < rows; r++) dequantized[r * cols + c] = q.dequantized[r];
		scales.push(q.scale);
		zeroPoints.push(q.zeroPoint);
		se += q.mse * rows;
	}
	return { dequantized, scales, zeroPoints, mse: se / values.length };
}

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** Nearest IEEE half-precision value of x (round to nearest even), returned as a float, as numpy's astype(float16). */
export function roundToFloat16(x: number): number {
	return float16BitsToNumber(toFloat16Bits(x));
}

export function toFloat16Bits(x: number): number {
	f32[0] = x;
	const bits = u32[0];
	const sign = (bits >>> 16) & 0x8000;
	const exp = (bits >>> 23) & 0xff;
	let mant = bits & 0x7fffff;
	if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // inf / nan
	let e = exp - 127 + 15;
	if (e >= 0x1f) return sign | 0x7c00; // overflow to infinity
	if (e <= 0) {
		if (e < -10) return sign; // underflow to zero
		mant |= 0x800000;
		const shift = 14 - e;
		const half = 1 << (shift - 1);
		let m = mant >>> shift;
		const rest = mant & ((1 << shift) - 1);
		if (rest > half || (rest === half && m & 1)) m++;
		return sign | m;
	}
	let m = mant >>> 13;
	const rest = mant & 0x1fff;
	if (rest > 0x1000 || (rest === 0x1000 && m & 1)) {
		m++;
		if (m === 0x400) {
			m = 0;
			e++;
			if (e >= 0x1f) return sign | 0x7c00;
		}
	}
	return sign | (e << 10) | m;
}

export function float16BitsToNumber(h: number): number {
	const sign = h & 0x8000 ? -1 : 1;
	const e = (h >>> 10) & 0x1f;
	const m = h & 0x3ff;
	if (e === 0) return sign * m * 2 ** -24;
	if (e === 0x1f) return m ? NaN : sign * Infinity;
	return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** float16 round trip of a whole tensor, with the mean squared error it introduces. */
export function toFloat16(values: Float32Array): { dequantized: Float32Array; mse: number } {
	assertNumericArray('values', values);
	const dequantized = new Float32Array(values.length);
	let se = 0;
	for (let i = 0; i < values.length; i++) {
		dequantized[i] = roundToFloat16(values[i]);
		se += (values[i] - dequantized[i]) ** 2;
	}
	return { dequantized, mse: se / values.length };
}

export function magnitudePrune(values: Float32Array, sparsity: number): Float32Array {
	assertNumericArray('values', values);
	assertInRange('sparsity', sparsity, 0, 1);
	const n = values.length;
	const k = roundHalfEven(sparsity * n);
	const out = Float32Array.from(values);
	if (k === 0) return out;
	const order = new Uint32Array(n);
	for (let i = 0; i < n; i++) order[i] = i;
	order.sort((a, b) => Math.abs(values[a]) - Math.abs(values[b]) || a - b);
	for (let i = 0; i < k; i++) out[order[i]] = 0;
	return out;
}

export interface PolynomialDecaySchedule {
	initialSparsity: number;
	finalSparsity: number;
	beginStep: number;
	endStep: number;
	power?: number;
}

export function polynomialDecaySparsity(schedule: PolynomialDecaySchedule, step: number): number {
	const { initialSparsity, finalSparsity, beginStep, endStep, power = 3 } = schedule;
	assertInRange('initialSparsity', initialSparsity, 0, 1);
	assertInRange('finalSparsity', finalSparsity, 0, 1);
	assertCount('beginStep', beginStep);
	assertCount('endStep', endStep);
	if (endStep <= beginStep) throw new RangeError(`endStep (${endStep}) must be after beginStep (${beginStep}).`);
	assertInRange('power', power, 0, 100, 'lo');
	assertInRange('step', step, 0, Number.MAX_SAFE_INTEGER);
	if (step <= beginStep) return initialSparsity;
	if (step >= endStep) return finalSparsity;
	const progress = (step - beginStep) / (endStep - beginStep);
	return finalSparsity + (initialSparsity - finalSparsity) * (1 - progress) ** power;
}

/** Bytes needed to store n weights at `bits` bits, packed, plus 8 bytes (scale, zero point) per channel. */
export function packedSizeBytes(n: number, bits: number, channels = 1): number {
	return Math.ceil((n * bits) / 8) + (bits < 32 ? 8 * channels : 0);
}
