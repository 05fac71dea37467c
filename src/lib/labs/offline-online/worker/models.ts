/** The candidate models: popularity and three logistic regressions trained on the logs with the training engine. */
import { createRng, mixSeed } from '$lib/data/rng';
import { DIM, type Impression, type Population } from '$lib/labs/offline-online/worker/population';
import { focalLoss } from '$lib/ml/losses';
import { Mlp } from '../../../engine/mlp';
import { type Ticket, checkpoint } from '../../../engine/run-control';
import { fitModel } from '../../../engine/fused/fit';
import type { ModelId, OfflineOnlineConfig } from '../types';
import { popularity, type ItemLogStats } from './item-stats';

export interface Scorer {
	/** Ranking score of an item for a user (higher first). */
	score(user: number, item: number): number;
	/** The model's probability of its own target, or null (popularity). */
	prob(user: number, item: number, slot: number): number | null;
}

function features(p: Population, pop: Float64Array, user: number, item: number, extra: { clickbait: boolean; slots: number; slot: number }): number[] {
	const f: number[] = [];
	for (let d = 0; d < DIM; d++) f.push(p.users[user * DIM + d] * p.items[item * DIM + d]);
	f.push(pop[item]);
	if (extra.clickbait) f.push(p.clickbait[item]);
	for (let k = 0; k < extra.slots; k++) f.push(k === extra.slot ? 1 : 0);
	return f;
}

export const EPOCHS = 12;

async function fitLogistic(
	x: number[][],
	y: Uint8Array,
	seed: number,
	ticket: Ticket,
	onEpoch?: (done: number) => void
): Promise<{ w: Float32Array; b: number }> {
	const d = x[0].length;
	const model = new Mlp({ inputs: d, hidden: [], activation: 'tanh' }, createRng(seed));
	const rng = createRng(seed ^ 77);
	try {
		await fitModel(
			model,
			{ x: Float32Array.from(x.flat()), y },
			{
				loss: { kind: 'clipped', weights: [1, 1], gamma: 0 },
				lossFn: (yt, yp) => focalLoss(yt, yp, { gamma: 0, alpha: null }),
				lr: 0.05,
				epochs: EPOCHS,
				batchSize: 512,
				rngOf: () => rng,
				ticket,
				onEpoch
			}
		);
		const [layer] = await model.getWeights();
		return { w: layer.kernel, b: layer.bias[0] };
	} finally {
		model.dispose();
	}
}

function dot(w: Float32Array, f: number[], b: number): number {
	let z = b;
	for (let i = 0; i < f.length; i++) z += w[i] * f[i];
	return z;
}

const sig = (z: number) => 1 / (1 + Math.exp(-z));

const logit = (v: number) => Math.log(v / (1 - v));

/** `onProgress`: share (0…1) of the three fits done. */
export async function buildModels(
	p: Population,
	c: OfflineOnlineConfig,
	train: Impression[][],
	stats: ItemLogStats,
	ticket: Ticket,
	onProgress?: (fraction: number) => void
): Promise<Record<ModelId, Scorer>> {
	// Popularity: smoothed logged CTR per item, ignoring position (what production does), and its IPW version.
	const both = popularity(stats);
	const ctr = both.raw;
	const pop = Float64Array.from(ctr, logit);
	const popIpw = Float64Array.from(both.ipw, logit);
	const rows = train.flat();
	const clickY = Uint8Array.from(rows, (r) => r.click);
	const convY = Uint8Array.from(rows, (r) => r.conversion);
	const make = (popFeature: Float64Array, opts: { clickbait: boolean; slots: number }) => (r: Impression) =>
		features(p, popFeature, r.user, r.item, { ...opts, slot: r.slot });
	const fitDone = (k: number) => (f: number) => onProgress?.((k + f) / 3);
	const naive = await fitLogistic(rows.map(make(pop, { clickbait: false, slots: 0 })), clickY, mixSeed(c.seed, 1), ticket, fitDone(0));
	await checkpoint(ticket);
	// Debiased: the slot as a feature in training (served as slot 0) and the IPW popularity feature.
	const debiased = await fitLogistic(rows.map(make(popIpw, { clickbait: false, slots: c.slots })), clickY, mixSeed(c.seed, 2), ticket, fitDone(1));
	await checkpoint(ticket);
	const rev = await fitLogistic(rows.map(make(pop, { clickbait: true, slots: c.slots })), convY, mixSeed(c.seed, 4), ticket, fitDone(2));
	const f = (user: number, item: number, clickbait: boolean, slots: number, slot = 0, popFeature = pop) =>
		features(p, popFeature, user, item, { clickbait, slots, slot });
	return {
		current: { score: (_u, i) => ctr[i], prob: () => null },
		'click-naive': { score: (u, i) => dot(naive.w, f(u, i, false, 0), naive.b), prob: (u, i) => sig(dot(naive.w, f(u, i, false, 0), naive.b)) },
		// Serve as if every item were in the top slot; evaluate calibration at the logged slot.
		'click-debiased': {
			score: (u, i) => dot(debiased.w, f(u, i, false, c.slots, 0, popIpw), debiased.b),
			prob: (u, i, s) => sig(dot(debiased.w, f(u, i, false, c.slots, s, popIpw), debiased.b))
		},
		revenue: {
			score: (u, i) => sig(dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i],
			prob: (u, i, s) => sig(dot(rev.w, f(u, i, true, c.slots, s), rev.b))
		},
		'revenue-miscal': {
			score: (u, i) => sig(3 * dot(rev.w, f(u, i, true, c.slots, 0), rev.b)) * p.value[i],
			prob: (u, i, s) => sig(3 * dot(rev.w, f(u, i, true, c.slots, s), rev.b))
		}
	};
}
