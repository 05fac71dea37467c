// AssemblyScript, compiled to WebAssembly with SIMD at build time (vite-plugin-engine-wasm.ts): the fused training
// step of ../fused-step.ts in float32 with 128-bit vectors, for the TF.js WASM backend. Activations and deltas are
// stored feature-major ([unit][sample], the batch padded to a multiple of 4 with rows that carry no gradient), so one
// f32x4 holds one unit for four samples, whatever the layer widths. Sums run in float32 in TF.js's order over the
// inputs; the optimizer update is elementwise float32 in TF.js's order (bit-identical to the JS path given the same
// gradient). tanh uses a vector exp (Cephes expf: range reduction by ln 2, degree-6 polynomial, |rel. error| < 2e-7).
//
// The caller (../wasm-step.ts) lays everything out in this module's memory and passes a header of i32 words:
//  0 L (layers)          1 activation (0 tanh, 1 ReLU)   2 P (parameters per model)  3 K (models)
//  4 Bp (largest padded batch)  5 nb (batches)          6 d (inputs)
//  8 sizes ptr (i32 × L+1)       9 layers ptr (i32 × 2L: kernel and bias offsets)
// 10 models ptr (f64 × 9 per model: loss kind (0 clipped, 1 logits, 2 squared), w0, w1, γ, optimizer kind, lr, β1 or momentum, β2, ε)
// 11 params  12 m  13 v  14 acc (f32)     15 x  16 y (f32)  17 idx  18 batches (i32 × 4 per batch)
// 19 acts ptr (i32 × L+1 pointers, each [size][Bp] f32)   20 deltas ptr (same)   21 grad (f32 × P)
// 22 lossSum (f64 × K)  23 count (i32 × K)  24 batchLosses (f64 × nb)

const PROB_EPS: f64 = 1e-7;

export function heapBase(): usize {
	return __heap_base;
}

function hdr(h: usize, i: i32): i32 {
	return load<i32>(h + ((<usize>i) << 2));
}

function hptr(h: usize, i: i32): usize {
	return <usize>load<i32>(h + ((<usize>i) << 2));
}

// e^x for four lanes (Cephes expf), x clamped to [-87, 88] so the result stays finite.
function expv(x0: v128): v128 {
	const x = f32x4.max(f32x4.min(x0, f32x4.splat(88.0)), f32x4.splat(-87.0));
	const n = f32x4.nearest(f32x4.mul(x, f32x4.splat(1.442695041)));
	let r = f32x4.sub(x, f32x4.mul(n, f32x4.splat(0.693359375)));
	r = f32x4.sub(r, f32x4.mul(n, f32x4.splat(-2.1219444e-4)));
	let p = f32x4.splat(1.98756915e-4);
	p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.3981999507e-3));
	p = f32x4.add(f32x4.mul(p, r), f32x4.splat(8.3334519073e-3));
	p = f32x4.add(f32x4.mul(p, r), f32x4.splat(4.1665795894e-2));
	p = f32x4.add(f32x4.mul(p, r), f32x4.splat(1.6666665459e-1));
	p = f32x4.add(f32x4.mul(p, r), f32x4.splat(5.0000001201e-1));
	p = f32x4.add(f32x4.add(f32x4.mul(f32x4.mul(p, r), r), r), f32x4.splat(1.0));
	const e = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(n), i32x4.splat(127)), 23);
	return f32x4.mul(p, e);
}

// tanh z = 1 − 2 / (e^2z + 1).
function tanhv(z: v128): v128 {
	const one = f32x4.splat(1.0);
	return f32x4.sub(one, f32x4.div(f32x4.splat(2.0), f32x4.add(expv(f32x4.add(z, z)), one)));
}

// out[u][·] = act(Σ_j W[j,u] · inp[j][·] + b[u]); mode 0 none, 1 tanh, 2 ReLU. Rows of 4 samples, 4 vectors at a time.
function forward(p: usize, kb: usize, bb: usize, inp: usize, out: usize, Bp: i32, fanIn: i32, fanOut: i32, mode: i32): void {
	const row = (<usize>Bp) << 2;
	for (let u = 0; u < fanOut; u++) {
		const bias = f32x4.splat(load<f32>(p + ((bb + <usize>u) << 2)));
		const o = out + <usize>u * row;
		let i = 0;
		for (; i + 16 <= Bp; i += 16) {
			// The bias is added last, as in TF.js (matMul, then add): the products are summed first.
			let a0 = f32x4.splat(0);
			let a1 = a0;
			let a2 = a0;
			let a3 = a0;
			for (let j = 0; j < fanIn; j++) {
				const w = f32x4.splat(load<f32>(p + ((kb + <usize>(j * fanOut + u)) << 2)));
				const src = inp + <usize>j * row + ((<usize>i) << 2);
				a0 = f32x4.add(a0, f32x4.mul(w, v128.load(src)));
				a1 = f32x4.add(a1, f32x4.mul(w, v128.load(src, 16)));
				a2 = f32x4.add(a2, f32x4.mul(w, v128.load(src, 32)));
				a3 = f32x4.add(a3, f32x4.mul(w, v128.load(src, 48)));
			}
			const dst = o + ((<usize>i) << 2);
			v128.store(dst, activate(f32x4.add(a0, bias), mode));
			v128.store(dst, activate(f32x4.add(a1, bias), mode), 16);
			v128.store(dst, activate(f32x4.add(a2, bias), mode), 32);
			v128.store(dst, activate(f32x4.add(a3, bias), mode), 48);
		}
		for (; i < Bp; i += 4) {
			let a = f32x4.splat(0);
			for (let j = 0; j < fanIn; j++) {
				const w = f32x4.splat(load<f32>(p + ((kb + <usize>(j * fanOut + u)) << 2)));
				a = f32x4.add(a, f32x4.mul(w, v128.load(inp + <usize>j * row + ((<usize>i) << 2))));
			}
			v128.store(o + ((<usize>i) << 2), activate(f32x4.add(a, bias), mode));
		}
	}
}

function activate(z: v128, mode: i32): v128 {
	if (mode == 1) return tanhv(z);
	if (mode == 2) return f32x4.max(z, f32x4.splat(0));
	return z;
}

function hsum(a: v128): f32 {
	return f32x4.extract_lane(a, 0) + f32x4.extract_lane(a, 1) + f32x4.extract_lane(a, 2) + f32x4.extract_lane(a, 3);
}

// grad[kernel + j·fanOut + u] = Σ_i inp[j][i] · delta[u][i]; grad[bias + u] = Σ_i delta[u][i].
function gradients(grad: usize, kb: usize, bb: usize, inp: usize, delta: usize, Bp: i32, fanIn: i32, fanOut: i32): void {
	const row = (<usize>Bp) << 2;
	for (let u = 0; u < fanOut; u++) {
		const du = delta + <usize>u * row;
		let s = f32x4.splat(0);
		for (let i = 0; i < Bp; i += 4) s = f32x4.add(s, v128.load(du + ((<usize>i) << 2)));
		store<f32>(grad + ((bb + <usize>u) << 2), hsum(s));
	}
	for (let j = 0; j < fanIn; j++) {
		const aj = inp + <usize>j * row;
		for (let u = 0; u < fanOut; u++) {
			const du = delta + <usize>u * row;
			let s = f32x4.splat(0);
			for (let i = 0; i < Bp; i += 4) s = f32x4.add(s, f32x4.mul(v128.load(aj + ((<usize>i) << 2)), v128.load(du + ((<usize>i) << 2))));
			store<f32>(grad + ((kb + <usize>(j * fanOut + u)) << 2), hsum(s));
		}
	}
}

// below[j][i] = (Σ_u W[j,u] · delta[u][i]) · act'(inp[j][i]): tanh' = 1 − h², ReLU' = [h > 0]. 16 samples at a time
// (each weight splatted once for four vectors), then 4 at a time.
function deltaBelow(p: usize, kb: usize, inp: usize, delta: usize, below: usize, Bp: i32, fanIn: i32, fanOut: i32, tanh: bool): void {
	const row = (<usize>Bp) << 2;
	for (let j = 0; j < fanIn; j++) {
		const wj = p + ((kb + <usize>(j * fanOut)) << 2);
		const rowJ = <usize>j * row;
		let i = 0;
		for (; i + 16 <= Bp; i += 16) {
			let s0 = f32x4.splat(0);
			let s1 = s0;
			let s2 = s0;
			let s3 = s0;
			for (let u = 0; u < fanOut; u++) {
				const w = f32x4.splat(load<f32>(wj + ((<usize>u) << 2)));
				const src = delta + <usize>u * row + ((<usize>i) << 2);
				s0 = f32x4.add(s0, f32x4.mul(w, v128.load(src)));
				s1 = f32x4.add(s1, f32x4.mul(w, v128.load(src, 16)));
				s2 = f32x4.add(s2, f32x4.mul(w, v128.load(src, 32)));
				s3 = f32x4.add(s3, f32x4.mul(w, v128.load(src, 48)));
			}
			const at = rowJ + ((<usize>i) << 2);
			v128.store(below + at, derivative(s0, v128.load(inp + at), tanh));
			v128.store(below + at, derivative(s1, v128.load(inp + at, 16), tanh), 16);
			v128.store(below + at, derivative(s2, v128.load(inp + at, 32), tanh), 32);
			v128.store(below + at, derivative(s3, v128.load(inp + at, 48), tanh), 48);
		}
		for (; i < Bp; i += 4) {
			let s = f32x4.splat(0);
			for (let u = 0; u < fanOut; u++) {
				s = f32x4.add(s, f32x4.mul(f32x4.splat(load<f32>(wj + ((<usize>u) << 2))), v128.load(delta + <usize>u * row + ((<usize>i) << 2))));
			}
			const at = rowJ + ((<usize>i) << 2);
			v128.store(below + at, derivative(s, v128.load(inp + at), tanh));
		}
	}
}

function derivative(s: v128, h: v128, tanh: bool): v128 {
	return tanh ? f32x4.mul(s, f32x4.sub(f32x4.splat(1.0), f32x4.mul(h, h))) : v128.and(s, f32x4.gt(h, f32x4.splat(0)));
}

export function run(h: usize): void {
	const L = hdr(h, 0);
	const tanh = hdr(h, 1) == 0;
	const P = hdr(h, 2);
	const nb = hdr(h, 5);
	const d = hdr(h, 6);
	const sizes = hptr(h, 8);
	const layers = hptr(h, 9);
	const models = hptr(h, 10);
	const params = hptr(h, 11);
	const mArr = hptr(h, 12);
	const vArr = hptr(h, 13);
	const accArr = hptr(h, 14);
	const x = hptr(h, 15);
	const y = hptr(h, 16);
	const idx = hptr(h, 17);
	const batches = hptr(h, 18);
	const acts = hptr(h, 19);
	const deltas = hptr(h, 20);
	const grad = hptr(h, 21);
	const lossSum = hptr(h, 22);
	const count = hptr(h, 23);
	const batchLosses = hptr(h, 24);
	const a0 = <usize>load<i32>(acts);
	const zs = <usize>load<i32>(acts + ((<usize>L) << 2));
	const dz = <usize>load<i32>(deltas + ((<usize>L) << 2));

	for (let b = 0; b < nb; b++) {
		const bt = batches + ((<usize>b) << 4);
		const k = load<i32>(bt);
		const start = load<i32>(bt, 4);
		const B = load<i32>(bt, 8);
		const update = load<i32>(bt, 12) != 0;
		const Bp = (B + 3) & ~3;
		const row = (<usize>Bp) << 2;
		const base = params + ((<usize>k * <usize>P) << 2);
		const mc = models + <usize>k * 72;
		// Inputs, feature-major; padded samples are zero.
		for (let j = 0; j < d; j++) {
			const dst = a0 + <usize>j * row;
			for (let i = 0; i < B; i++) {
				const r = load<i32>(idx + ((<usize>(start + i)) << 2));
				store<f32>(dst + ((<usize>i) << 2), load<f32>(x + ((<usize>(r * d + j)) << 2)));
			}
			for (let i = B; i < Bp; i++) store<f32>(dst + ((<usize>i) << 2), 0);
		}
		for (let l = 0; l < L; l++) {
			const kb = <usize>load<i32>(layers + ((<usize>(2 * l)) << 2));
			const bb = <usize>load<i32>(layers + ((<usize>(2 * l + 1)) << 2));
			const fanIn = load<i32>(sizes + ((<usize>l) << 2));
			const fanOut = load<i32>(sizes + ((<usize>(l + 1)) << 2));
			const inp = <usize>load<i32>(acts + ((<usize>l) << 2));
			const out = <usize>load<i32>(acts + ((<usize>(l + 1)) << 2));
			forward(base, kb, bb, inp, out, Bp, fanIn, fanOut, l == L - 1 ? 0 : tanh ? 1 : 2);
		}
		// Loss and its gradient with respect to the logit (batch mean), in float64 as ../fused-step.ts.
		const lossKind = load<f64>(mc);
		const w0 = load<f64>(mc, 8);
		const w1 = load<f64>(mc, 16);
		const gamma = load<f64>(mc, 24);
		let batchLoss: f64 = 0;
		const invB: f64 = 1.0 / <f64>B;
		for (let i = 0; i < B; i++) {
			const z = <f64>load<f32>(zs + ((<usize>i) << 2));
			const yv = <f64>load<f32>(y + ((<usize>load<i32>(idx + ((<usize>(start + i)) << 2))) << 2));
			let g: f64 = 0;
			if (lossKind == 2) {
				const r = z - yv;
				batchLoss += r * r;
				g = 2 * r * invB;
			} else if (lossKind == 1) {
				batchLoss += Math.max(z, 0) - z * yv + Math.log1p(Math.exp(-Math.abs(z)));
				g = (1.0 / (1.0 + Math.exp(-z)) - yv) * invB;
			} else {
				const p = <f64>(<f32>(1.0 / (1.0 + Math.exp(-z))));
				const pc = p < PROB_EPS ? PROB_EPS : p > 1 - PROB_EPS ? 1 - PROB_EPS : p;
				const pt = yv * pc + (1 - yv) * (1 - pc);
				const a = yv * w1 + (1 - yv) * w0;
				const logPt = Math.log(pt);
				const q = 1 - pt;
				const f = gamma == 0 ? 1.0 : gamma == 2 ? q * q : Math.pow(q, gamma);
				batchLoss += -a * f * logPt;
				if (p >= PROB_EPS && p <= 1 - PROB_EPS) {
					const dfdpt = gamma == 0 ? 0.0 : gamma == 2 ? -2 * q : -gamma * Math.pow(q, gamma - 1);
					const dLdpt = -a * (dfdpt * logPt + f / pt);
					g = dLdpt * (2 * yv - 1) * p * (1 - p) * invB;
				}
			}
			store<f32>(dz + ((<usize>i) << 2), <f32>g);
		}
		for (let i = B; i < Bp; i++) store<f32>(dz + ((<usize>i) << 2), 0);
		store<f64>(batchLosses + ((<usize>b) << 3), batchLoss * invB);
		if (!update) continue;
		store<f64>(lossSum + ((<usize>k) << 3), load<f64>(lossSum + ((<usize>k) << 3)) + batchLoss * invB);
		store<i32>(count + ((<usize>k) << 2), load<i32>(count + ((<usize>k) << 2)) + 1);
		// Backward.
		for (let l = L - 1; l >= 0; l--) {
			const kb = <usize>load<i32>(layers + ((<usize>(2 * l)) << 2));
			const bb = <usize>load<i32>(layers + ((<usize>(2 * l + 1)) << 2));
			const fanIn = load<i32>(sizes + ((<usize>l) << 2));
			const fanOut = load<i32>(sizes + ((<usize>(l + 1)) << 2));
			const inp = <usize>load<i32>(acts + ((<usize>l) << 2));
			const dl = <usize>load<i32>(deltas + ((<usize>(l + 1)) << 2));
			gradients(grad, kb, bb, inp, dl, Bp, fanIn, fanOut);
			if (l > 0) deltaBelow(base, kb, inp, dl, <usize>load<i32>(deltas + ((<usize>l) << 2)), Bp, fanIn, fanOut, tanh);
		}
		optimize(mc, base, mArr + ((<usize>k * <usize>P) << 2), vArr + ((<usize>k * <usize>P) << 2), accArr + ((<usize>k) << 3), grad, P);
	}
}

// SGD, momentum or Adam on one model's P parameters, each operation in float32 in TF.js's order.
function optimize(mc: usize, w: usize, m: usize, v: usize, acc: usize, grad: usize, P: i32): void {
	const kind = load<f64>(mc, 32);
	const negLr = <f32>-load<f64>(mc, 40);
	const nl = f32x4.splat(negLr);
	let q = 0;
	if (kind == 0) {
		for (; q + 4 <= P; q += 4) {
			const o = (<usize>q) << 2;
			v128.store(w + o, f32x4.add(f32x4.mul(nl, v128.load(grad + o)), v128.load(w + o)));
		}
		for (; q < P; q++) {
			const o = (<usize>q) << 2;
			store<f32>(w + o, negLr * load<f32>(grad + o) + load<f32>(w + o));
		}
	} else if (kind == 1) {
		const mu = <f32>load<f64>(mc, 48);
		const muv = f32x4.splat(mu);
		for (; q + 4 <= P; q += 4) {
			const o = (<usize>q) << 2;
			const a = f32x4.add(f32x4.mul(muv, v128.load(m + o)), v128.load(grad + o));
			v128.store(m + o, a);
			v128.store(w + o, f32x4.add(f32x4.mul(nl, a), v128.load(w + o)));
		}
		for (; q < P; q++) {
			const o = (<usize>q) << 2;
			const a = mu * load<f32>(m + o) + load<f32>(grad + o);
			store<f32>(m + o, a);
			store<f32>(w + o, negLr * a + load<f32>(w + o));
		}
	} else {
		const beta1 = <f32>load<f64>(mc, 48);
		const beta2 = <f32>load<f64>(mc, 56);
		const eps = <f32>load<f64>(mc, 64);
		const ob1 = <f32>(1 - load<f64>(mc, 48));
		const ob2 = <f32>(1 - load<f64>(mc, 56));
		const c1 = <f32>1.0 - load<f32>(acc);
		const c2 = <f32>1.0 - load<f32>(acc, 4);
		const b1v = f32x4.splat(beta1);
		const b2v = f32x4.splat(beta2);
		const ob1v = f32x4.splat(ob1);
		const ob2v = f32x4.splat(ob2);
		const c1v = f32x4.splat(c1);
		const c2v = f32x4.splat(c2);
		const epsv = f32x4.splat(eps);
		for (; q + 4 <= P; q += 4) {
			const o = (<usize>q) << 2;
			const g = v128.load(grad + o);
			const mq = f32x4.add(f32x4.mul(v128.load(m + o), b1v), f32x4.mul(g, ob1v));
			const vq = f32x4.add(f32x4.mul(v128.load(v + o), b2v), f32x4.mul(f32x4.mul(g, g), ob2v));
			v128.store(m + o, mq);
			v128.store(v + o, vq);
			const step = f32x4.mul(f32x4.div(f32x4.div(mq, c1v), f32x4.add(f32x4.sqrt(f32x4.div(vq, c2v)), epsv)), nl);
			v128.store(w + o, f32x4.add(step, v128.load(w + o)));
		}
		for (; q < P; q++) {
			const o = (<usize>q) << 2;
			const g = load<f32>(grad + o);
			const mq = load<f32>(m + o) * beta1 + g * ob1;
			const vq = load<f32>(v + o) * beta2 + g * g * ob2;
			store<f32>(m + o, mq);
			store<f32>(v + o, vq);
			const step = (mq / c1 / (Mathf.sqrt(vq / c2) + eps)) * negLr;
			store<f32>(w + o, step + load<f32>(w + o));
		}
		store<f32>(acc, load<f32>(acc) * beta1);
		store<f32>(acc + 4, load<f32>(acc, 4) * beta2);
	}
}
