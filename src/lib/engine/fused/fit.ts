/**
 * Fit one model for a number of epochs on the fused engine where the backend has it, op by op otherwise, with the
 * same batches either way (an epoch's permutation comes from `rngOf(epoch)`). For the labs' retrains and candidate
 * models: the drift lab's models, the offline-vs-online lab's logistic regressions.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '$lib/data/rng';
import type { Mlp } from '../mlp';
import type { Ticket } from '../run-control';
import { disposeDevice, toDevice, trainEpoch, type LossFn } from '../train';
import { engineAvailable, tfAdam } from './kernel';
import { FusedTrainer } from './trainer';
import type { EngineLoss } from './spec';

export interface FitOptions {
	/** The loss for the engine, and the same loss as TF.js ops for the op-by-op path. */
	loss: EngineLoss;
	lossFn: LossFn;
	/** Adam's learning rate (β1 0.9, β2 0.999, the backend's ε, as tf.train.adam). */
	lr: number;
	epochs: number;
	batchSize: number;
	rngOf: (epoch: number) => Rng;
	ticket: Ticket;
	/** Called after each epoch with the share of epochs done. */
	onEpoch?: (done: number) => void;
}

export async function fitModel(model: Mlp, data: { x: Float32Array; y: Uint8Array | Float32Array }, o: FitOptions): Promise<void> {
	if (engineAvailable()) {
		const spec = {
			sizes: [model.spec.inputs, ...model.spec.hidden, 1],
			activation: model.spec.activation,
			models: [{ loss: o.loss, optimizer: tfAdam(o.lr) }]
		};
		const trainer = await FusedTrainer.create(spec, [model], [data]);
		try {
			for (let e = 0; e < o.epochs; e++) {
				await trainer.epoch([o.rngOf(e)], { batchSize: o.batchSize, ticket: o.ticket });
				o.onEpoch?.((e + 1) / o.epochs);
			}
			trainer.sync();
		} finally {
			trainer.dispose();
		}
		return;
	}
	const device = toDevice(data.x, data.y, model.spec.inputs);
	const opt = tf.train.adam(o.lr);
	try {
		for (let e = 0; e < o.epochs; e++) {
			await trainEpoch(model, opt, device, o.lossFn, { batchSize: o.batchSize, rng: o.rngOf(e), ticket: o.ticket });
			o.onEpoch?.((e + 1) / o.epochs);
		}
	} finally {
		opt.dispose();
		disposeDevice(device);
	}
}
