/**
 * Writes a model variant in the TF.js layers format (model.json + one binary weights file), loadable with
 * tf.loadLayersModel. The weights manifest stores float16 kernels as float16 and per-tensor quantized kernels of
 * up to 8 bits as uint8 with TF.js's affine decoding (value = q·scale + min); TF.js decodes both to float32 on load
 * (tfjs#611). Its format has no per-channel quantization and no sub-byte types, so per-channel variants are exported
 * dequantized as float32 and 2/4-bit values take a byte each.
 */
import { toFloat16Bits } from '$lib/ml/compression';
import type { DenseWeights } from '../../../engine/mlp';
import type { Encoding } from './variants';
import type { ExportEncoding, ExportedModel } from '../types';
import { biasEntry, layersModelJson, plainKernelEntry, type ManifestEntry } from '../tfjs-json';

/** What the export does with a variant's kernels (the page says it in words). */
export function exportEncoding(encoding: Encoding): ExportEncoding {
	if (encoding.kind === 'affine') return { kind: 'affine', bits: encoding.bits, perChannel: encoding.perChannel };
	return { kind: encoding.kind };
}

export function exportTfjs(layers: DenseWeights[], encoding: Encoding, activation = 'relu', note = 'ML Design Lab'): ExportedModel {
	const chunks: Uint8Array[] = [];
	const weights: ManifestEntry[] = [];
	layers.forEach((l, i) => {
		const kernelName = `dense_${i + 1}/kernel`;
		const t = encoding.kind === 'affine' && !encoding.perChannel ? encoding.tensors[i] : null;
		if (encoding.kind === 'float16') {
			const half = Uint16Array.from(l.kernel, (v) => toFloat16Bits(v));
			chunks.push(new Uint8Array(half.buffer));
			weights.push(plainKernelEntry(l, i, 'float16'));
		} else if (t && encoding.kind === 'affine') {
			// Stored codes must be ≥ 0: symmetric codes in [−qmax, qmax] are shifted by qmax. Then
			// value = (code − offset − zeroPoint)·scale = code·scale + min.
			const offset = encoding.symmetric ? 2 ** (encoding.bits - 1) - 1 : 0;
			const bytes = Uint8Array.from(t.q, (q) => q + offset);
			const min = -(offset + t.zeroPoint) * t.scale;
			chunks.push(bytes);
			weights.push({
				name: kernelName,
				shape: [l.fanIn, l.fanOut],
				dtype: 'float32',
				quantization: { dtype: 'uint8', scale: t.scale, min, original_dtype: 'float32' }
			});
		} else {
			chunks.push(new Uint8Array(Float32Array.from(l.kernel).buffer));
			weights.push(plainKernelEntry(l, i, 'float32'));
		}
		chunks.push(new Uint8Array(Float32Array.from(l.bias).buffer));
		weights.push(biasEntry(l, i));
	});
	const total = chunks.reduce((s, c) => s + c.length, 0);
	const buffer = new Uint8Array(total);
	let o = 0;
	for (const c of chunks) {
		buffer.set(c, o);
		o += c.length;
	}
	return { modelJson: layersModelJson(layers, weights, activation, note), weights: buffer.buffer };
}
