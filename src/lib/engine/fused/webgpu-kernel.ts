/**
 * The fused training step for TF.js's WebGPU backend: one WGSL compute program, run by the backend's
 * `runWebGPUProgram`, trains all K models in one dispatch (one workgroup of 64 invocations per model, every batch of
 * the call in order). Within a batch each invocation runs the forward pass, loss and backward pass of its samples;
 * then each invocation sums the gradient of its share of the parameters over the batch and applies the optimizer
 * update (TF.js's order of float32 operations, as ./fused-step.ts). The program writes the new state, the losses and
 * its scratch space (activations and deltas per sample) into one output buffer, which the kernel slices into the
 * same six outputs as the CPU and WASM kernels. The spec (layer sizes, losses, optimizers) is baked into the shader
 * source and its cache key; batches, data and state are buffers.
 */
import type { KernelFunc, NamedTensorInfoMap, TensorInfo } from '@tensorflow/tfjs-core';
import * as tf from '@tensorflow/tfjs-core';
import { layerOffsets, parameterCount, type EngineSpec } from './spec';
import { PROB_EPS } from './fused-step';

const THREADS = 64;

/** The parts of TF.js's WebGPU backend the kernel uses (no import: the backend's code loads only when chosen). */
interface WebGpuBackendLike {
	runWebGPUProgram(program: object, inputs: TensorInfo[], dtype: 'float32', uniforms?: Array<{ type: 'int32'; data: number[] }>): TensorInfo;
	disposeData(dataId: object): boolean;
}

const f = (v: number): string => {
	if (!Number.isFinite(v)) throw new RangeError(`Not a finite number: ${v}`);
	const s = String(Math.fround(v));
	return /[.e]/.test(s) ? s : `${s}.0`;
};

/** The WGSL of the program's `main` and its helpers for one spec (TF.js adds bindings, uniforms and `_start`). */
export function fusedTrainWgsl(spec: EngineSpec): string {
	const { sizes, models } = spec;
	const L = sizes.length - 1;
	const K = models.length;
	const P = parameterCount(sizes);
	const layers = layerOffsets(sizes);
	const A = sizes.reduce((a, b) => a + b, 0);
	const aoff: number[] = [];
	sizes.reduce((at, s) => (aoff.push(at), at + s), 0);
	// Private arrays (not const) so that they can be indexed with runtime values.
	const arr = (name: string, type: string, xs: number[]) =>
		`var<private> ${name}: array<${type}, ${xs.length}> = array<${type}, ${xs.length}>(${xs.map((x) => (type === 'f32' ? f(x) : String(x))).join(', ')});`;
	// Per model: loss kind, w0, w1, γ, optimizer kind, −lr, β1 or μ, β2, ε, 1 − β1, 1 − β2 (float32 as TF.js's scalars).
	const table = models.flatMap((m) => {
		const o = m.optimizer;
		const clipped = m.loss.kind === 'clipped' ? m.loss : null;
		const b1 = o.kind === 'adam' ? o.beta1 : o.kind === 'momentum' ? o.momentum : 0;
		const b2 = o.kind === 'adam' ? o.beta2 : 0;
		return [
			clipped ? 0 : m.loss.kind === 'squared' ? 2 : 1,
			clipped?.weights[0] ?? 0,
			clipped?.weights[1] ?? 0,
			clipped?.gamma ?? 0,
			{ sgd: 0, momentum: 1, adam: 2 }[o.kind],
			-o.lr,
			b1,
			b2,
			o.kind === 'adam' ? o.epsilon : 0,
			1 - b1,
			1 - b2
		];
	});
	const hidden = spec.activation === 'tanh' ? 'tanh_(z)' : 'max(z, 0.0)';
	const derivative = spec.activation === 'tanh' ? 's * (1.0 - h * h)' : 'select(0.0, s, h > 0.0)';
	return /* wgsl */ `
const L = ${L};
const K = ${K};
const P = ${P};
const A = ${A};
const D = ${sizes[0]};
const NT = ${THREADS};
${arr('SIZES', 'i32', sizes)}
${arr(
	'KOFF',
	'i32',
	layers.map((l) => l.kernel)
)}
${arr(
	'BOFF',
	'i32',
	layers.map((l) => l.bias)
)}
${arr('AOFF', 'i32', aoff)}
${arr('MODEL', 'f32', table)}
const EPS = ${f(PROB_EPS)};

var<workgroup> red: array<f32, ${THREADS}>;
var<workgroup> model: i32;

// tanh z = 1 − 2 / (e^2z + 1), with the exponent clamped so e^2z stays finite.
fn tanh_(z: f32) -> f32 {
  return 1.0 - 2.0 / (exp(clamp(2.0 * z, -80.0, 80.0)) + 1.0);
}

fn mc(k: i32, i: i32) -> f32 {
  return MODEL[k * 11 + i];
}

fn main(_index: i32) {
  // The model index, made uniform for the barriers (TF.js keeps workgroupId in a private variable).
  if (localIndex == 0u) {
    model = i32(workgroupId.x);
  }
  let k = workgroupUniformLoad(&model);
  let t = i32(localId.x);
  let MO = K * P;
  let VO = 2 * K * P;
  let ACCO = 3 * K * P;
  let LOSSO = ACCO + 2 * K;
  let nb = uniforms.batchesShape / 4;
  let BLO = LOSSO + K;
  let bmax = uniforms.bmax;
  let scr = BLO + nb + k * bmax * A * 2;
  let dscr = scr + bmax * A;
  let base = k * P;
  // The state arrives as one buffer laid out as the output starts: parameters, m, v, then β1ᵗ and β2ᵗ.
  for (var q = t; q < P; q += NT) {
    result[base + q] = state[base + q];
    result[MO + base + q] = state[MO + base + q];
    result[VO + base + q] = state[VO + base + q];
  }
  if (t == 0) {
    result[ACCO + 2 * k] = state[ACCO + 2 * k];
    result[ACCO + 2 * k + 1] = state[ACCO + 2 * k + 1];
    result[LOSSO + k] = 0.0;
  }
  storageBarrier();
  workgroupBarrier();
  let lossKind = mc(k, 0);
  let w0 = mc(k, 1);
  let w1 = mc(k, 2);
  let gamma = mc(k, 3);
  for (var b = 0; b < nb; b++) {
    if (batches[4 * b] != k) {
      continue;
    }
    let start = batches[4 * b + 1];
    let B = batches[4 * b + 2];
    let update = batches[4 * b + 3] != 0;
    var lsum = 0.0;
    for (var i = t; i < B; i += NT) {
      let r = idx[start + i];
      let ai = scr + i * A;
      let di = dscr + i * A;
      for (var j = 0; j < D; j++) {
        result[ai + j] = x[r * D + j];
      }
      for (var l = 0; l < L; l++) {
        let fanIn = SIZES[l];
        let fanOut = SIZES[l + 1];
        for (var u = 0; u < fanOut; u++) {
          var s = 0.0;
          for (var j = 0; j < fanIn; j++) {
            s += result[ai + AOFF[l] + j] * result[base + KOFF[l] + j * fanOut + u];
          }
          let z = s + result[base + BOFF[l] + u];
          result[ai + AOFF[l + 1] + u] = select(${hidden}, z, l == L - 1);
        }
      }
      // Loss and its gradient with respect to the logit (batch mean).
      let z = result[ai + AOFF[L]];
      let yv = y[r];
      var g = 0.0;
      if (lossKind == 2.0) {
        let r = z - yv;
        lsum += r * r;
        g = 2.0 * r / f32(B);
      } else if (lossKind == 1.0) {
        lsum += max(z, 0.0) - z * yv + log(1.0 + exp(-abs(z)));
        g = (1.0 / (1.0 + exp(-z)) - yv) / f32(B);
      } else {
        let p = 1.0 / (1.0 + exp(-z));
        let pc = clamp(p, EPS, 1.0 - EPS);
        let pt = yv * pc + (1.0 - yv) * (1.0 - pc);
        let a = yv * w1 + (1.0 - yv) * w0;
        let logPt = log(pt);
        let qq = 1.0 - pt;
        var fq = 1.0;
        var dfdpt = 0.0;
        if (gamma == 2.0) {
          fq = qq * qq;
          dfdpt = -2.0 * qq;
        } else if (gamma != 0.0) {
          fq = pow(qq, gamma);
          dfdpt = -gamma * pow(qq, gamma - 1.0);
        }
        lsum += -a * fq * logPt;
        if (p >= EPS && p <= 1.0 - EPS) {
          let dLdpt = -a * (dfdpt * logPt + fq / pt);
          g = dLdpt * (2.0 * yv - 1.0) * p * (1.0 - p) / f32(B);
        }
      }
      result[di + AOFF[L]] = g;
      // Deltas of the hidden layers, top down.
      for (var l = L - 1; l > 0; l--) {
        let fanIn = SIZES[l];
        let fanOut = SIZES[l + 1];
        for (var j = 0; j < fanIn; j++) {
          var s = 0.0;
          for (var u = 0; u < fanOut; u++) {
            s += result[base + KOFF[l] + j * fanOut + u] * result[di + AOFF[l + 1] + u];
          }
          let h = result[ai + AOFF[l] + j];
          result[di + AOFF[l] + j] = ${derivative};
        }
      }
    }
    red[t] = lsum;
    storageBarrier();
    workgroupBarrier();
    if (t == 0) {
      var total = 0.0;
      for (var i = 0; i < NT; i++) {
        total += red[i];
      }
      result[BLO + b] = total / f32(B);
      if (update) {
        result[LOSSO + k] += total / f32(B);
      }
    }
    if (update) {
      let kind = mc(k, 4);
      let negLr = mc(k, 5);
      let b1 = mc(k, 6);
      let b2 = mc(k, 7);
      let eps = mc(k, 8);
      let ob1 = mc(k, 9);
      let ob2 = mc(k, 10);
      let c1 = 1.0 - result[ACCO + 2 * k];
      let c2 = 1.0 - result[ACCO + 2 * k + 1];
      for (var q = t; q < P; q += NT) {
        // Which layer's kernel (row j, column u) or bias (u) the parameter is.
        var l = 0;
        for (var s = 1; s < L; s++) {
          if (q >= KOFF[s]) {
            l = s;
          }
        }
        let fanOut = SIZES[l + 1];
        var grad = 0.0;
        if (q >= BOFF[l]) {
          let u = q - BOFF[l];
          for (var i = 0; i < B; i++) {
            grad += result[dscr + i * A + AOFF[l + 1] + u];
          }
        } else {
          let j = (q - KOFF[l]) / fanOut;
          let u = (q - KOFF[l]) % fanOut;
          for (var i = 0; i < B; i++) {
            grad += result[scr + i * A + AOFF[l] + j] * result[dscr + i * A + AOFF[l + 1] + u];
          }
        }
        let w = result[base + q];
        if (kind == 0.0) {
          result[base + q] = negLr * grad + w;
        } else if (kind == 1.0) {
          let a = b1 * result[MO + base + q] + grad;
          result[MO + base + q] = a;
          result[base + q] = negLr * a + w;
        } else {
          let mq = result[MO + base + q] * b1 + grad * ob1;
          let vq = result[VO + base + q] * b2 + grad * grad * ob2;
          result[MO + base + q] = mq;
          result[VO + base + q] = vq;
          result[base + q] = ((mq / c1) / (sqrt(vq / c2) + eps)) * negLr + w;
        }
      }
      storageBarrier();
      workgroupBarrier();
      if (t == 0 && kind == 2.0) {
        result[ACCO + 2 * k] = result[ACCO + 2 * k] * b1;
        result[ACCO + 2 * k + 1] = result[ACCO + 2 * k + 1] * b2;
      }
    }
    storageBarrier();
    workgroupBarrier();
  }
}
`;
}

/** The program object TF.js's `runWebGPUProgram` expects (a WebGPUProgram). */
class FusedTrainProgram {
	variableNames = ['x', 'y', 'idx', 'batches', 'state'];
	outputShape: number[];
	shaderKey: string;
	dispatchLayout = { x: [0] };
	dispatch: [number, number, number];
	workgroupSize: [number, number, number] = [THREADS, 1, 1];
	uniforms = 'bmax : i32,';
	private readonly source: string;
	constructor(spec: EngineSpec, outputSize: number) {
		this.outputShape = [outputSize];
		this.dispatch = [spec.models.length, 1, 1];
		this.source = fusedTrainWgsl(spec);
		this.shaderKey = `mdlFusedTrain_${hashString(this.source)}`;
	}
	getUserCode(): string {
		return this.source;
	}
}

function hashString(s: string): string {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
	return `${h.toString(16)}_${s.length}`;
}

export const fusedTrainWebGpu: KernelFunc = ({ inputs, backend, attrs }) => {
	const gpu = backend as unknown as WebGpuBackendLike;
	const { x, y, idx, batches, params, m, v, acc } = inputs as Record<string, TensorInfo>;
	const spec = attrs!.spec as unknown as EngineSpec;
	const K = spec.models.length;
	const P = parameterCount(spec.sizes);
	const A = spec.sizes.reduce((a, b) => a + b, 0);
	const nb = batches.shape[0] / 4;
	const bmax = Math.max(1, Number(attrs!.maxBatch));
	const size = 3 * K * P + 3 * K + nb + K * bmax * A * 2;
	// The output buffer holds the scratch space (activations and deltas of every sample): WebGPU's default limit for one
	// storage buffer is 128 MiB.
	if (size * 4 > 128 * 2 ** 20) {
		throw new RangeError(
			`This training call needs ${Math.ceil((size * 4) / 2 ** 20)} MiB of GPU scratch space (over 128 MiB): use smaller batches or fewer models at once.`
		);
	}
	const slice = tf.getKernel('Slice', 'webgpu')!.kernelFunc;
	const reshape = tf.getKernel('Reshape', 'webgpu')!.kernelFunc;
	const concat = tf.getKernel('Concat', 'webgpu')!.kernelFunc;
	// One state buffer instead of four: WebGPU allows 8 storage buffers per shader stage by default.
	const flat = [params, m, v, acc].map((t) => reshape({ inputs: { x: t }, backend, attrs: { shape: [-1] } }) as TensorInfo);
	// TF.js's Concat kernel takes its inputs as an array.
	const state = concat({ inputs: flat as unknown as NamedTensorInfoMap, backend, attrs: { axis: 0 } }) as TensorInfo;
	flat.forEach((t) => gpu.disposeData(t.dataId));
	const program = new FusedTrainProgram(spec, size);
	let out: TensorInfo;
	try {
		out = gpu.runWebGPUProgram(program, [x, y, idx, batches, state], 'float32', [{ type: 'int32', data: [bmax] }]);
	} finally {
		gpu.disposeData(state.dataId);
	}
	const part = (begin: number, length: number, shape: number[]): TensorInfo => {
		const flat = slice({ inputs: { x: out }, backend, attrs: { begin: [begin], size: [length] } }) as TensorInfo;
		if (shape.length === 1) return flat;
		const shaped = reshape({ inputs: { x: flat }, backend, attrs: { shape } }) as TensorInfo;
		gpu.disposeData(flat.dataId);
		return shaped;
	};
	try {
		return [
			part(0, K * P, params.shape),
			part(K * P, K * P, m.shape),
			part(2 * K * P, K * P, v.shape),
			part(3 * K * P, 2 * K, acc.shape),
			part(3 * K * P + 2 * K, K, [K]),
			part(3 * K * P + 3 * K, nb, [nb])
		];
	} finally {
		gpu.disposeData(out.dataId);
	}
};
