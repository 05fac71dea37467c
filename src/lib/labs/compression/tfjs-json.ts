/**
 * The model.json of the TF.js layers export (worker/export.ts writes it with the weights): the topology of the dense
 * layers and the weights manifest. Pure, so the page can count the bytes of an export whose manifest holds no
 * weight-dependent numbers (float32 and float16 kernels) before any weight is trained (./known.ts).
 */

export interface ManifestEntry {
	name: string;
	shape: number[];
	dtype: 'float32';
	quantization?: { dtype: 'uint8' | 'float16'; scale?: number; min?: number; original_dtype?: 'float32' };
}

export interface LayerShape {
	fanIn: number;
	fanOut: number;
}

function denseConfig(l: LayerShape, i: number, last: boolean, activation: string) {
	return {
		class_name: 'Dense',
		config: {
			units: l.fanOut,
			activation: last ? 'sigmoid' : activation,
			use_bias: true,
			kernel_initializer: { class_name: 'Zeros', config: {} },
			bias_initializer: { class_name: 'Zeros', config: {} },
			kernel_regularizer: null,
			bias_regularizer: null,
			activity_regularizer: null,
			kernel_constraint: null,
			bias_constraint: null,
			name: `dense_${i + 1}`,
			trainable: true,
			dtype: 'float32',
			...(i === 0 ? { batch_input_shape: [null, l.fanIn] } : {})
		}
	};
}

/** A kernel stored as float32 or float16, and a float32 bias: manifest entries without weight-dependent numbers. */
export function plainKernelEntry(l: LayerShape, i: number, kind: 'float32' | 'float16'): ManifestEntry {
	const entry: ManifestEntry = { name: `dense_${i + 1}/kernel`, shape: [l.fanIn, l.fanOut], dtype: 'float32' };
	return kind === 'float16' ? { ...entry, quantization: { dtype: 'float16', original_dtype: 'float32' } } : entry;
}

export function biasEntry(l: LayerShape, i: number): ManifestEntry {
	return { name: `dense_${i + 1}/bias`, shape: [l.fanOut], dtype: 'float32' };
}

export function layersModelJson(layers: LayerShape[], weights: ManifestEntry[], activation = 'relu', note = 'ML Design Lab'): string {
	const model = {
		format: 'layers-model',
		generatedBy: note,
		convertedBy: null,
		modelTopology: {
			class_name: 'Sequential',
			config: { name: 'sequential_1', layers: layers.map((l, i) => denseConfig(l, i, i === layers.length - 1, activation)) },
			keras_version: 'tfjs-layers 4.22.0',
			backend: 'tensor_flow.js'
		},
		weightsManifest: [{ paths: ['weights.bin'], weights }]
	};
	return JSON.stringify(model);
}
