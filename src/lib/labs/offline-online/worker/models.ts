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

/**
 * A model's features: the user–item products of the latent vectors, the popularity feature, the clickbait flag (if
 * `clickbait`) and a one-hot slot (if `slots` > 0). Written into `out` from `at` (training rows), or summed against
 * weights (scoring) without building the vector: both in the same order, so a score is the same number either way.
 */
interface FeatureSpec {
	pop: Float64Array;
	clickbait: boolean;
	slots: number;
}

const width = (f: FeatureSpec) => DIM + 1 + (f.clickbait ? 1 : 0) + f.slots;

function writeFeatures(p: Population, f: FeatureSpec, user: number, item: number, slot: number, out: Float32Array, at: number): void {
	let j = at;
	for (let d = 0; d < DIM; d++) out[j++] = p.users[user * DIM + d] * p.items[item * DIM + d];
	out[j++] = f.pop[item];
	if (f.clickbait) out[j++] = p.clickbait[item];
	for (let k = 0; k < f.slots; k++) out[j++] = k === slot ? 1 : 0;
}

/** b + w · features, summed term by term in the order of the features. */
function linear(p: Population, f: FeatureSpec, w: Float32Array, b: number, user: number, item: number, slot: number): number {
	let z = b;
	let j = 0;
	for (let d = 0; d < DIM; d++) z += w[j++] * (p.users[user * DIM + d] * p.items[item * DIM + d]);
	z += w[j++] * f.pop[item];
	if (f.clickbait) z += w[j++] * p.clickbait[item];
	for (let k = 0; k < f.slots; k++) z += w[j++] * (k === slot ? 1 : 0);
	return z;
}

export const EPOCHS = 12;

/** The training rows' features, one row after another. */
function featureRows(p: Population, f: FeatureSpec, rows: Impression[]): Float32Array {
	const d = width(f);
	const x = new Float32Array(rows.length * d);
	rows.forEach((r, i) => writeFeatures(p, f, r.user, r.item, r.slot, x, i * d));
	return x;
}

async function fitLogistic(
	x: Float32Array,
	d: number,
	y: Uint8Array,
	seed: number,
	ticket: Ticket,
	onEpoch?: (done: number) => void
): Promise<{ w: Float32Array; b: number }> {
	const model = new Mlp({ inputs: d, hidden: [], activation: 'tanh' }, createRng(seed));
	const rng = createRng(seed ^ 77);
	try {
		await fitModel(
			model,
			{ x, y },
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
	const naiveF: FeatureSpec = { pop, clickbait: false, slots: 0 };
	// Debiased: the slot as a feature in training (served as slot 0) and the IPW popularity feature.
	const debiasedF: FeatureSpec = { pop: popIpw, clickbait: false, slots: c.slots };
	const revF: FeatureSpec = { pop, clickbait: true, slots: c.slots };
	const fit = (f: FeatureSpec, y: Uint8Array, seed: number, k: number) =>
		fitLogistic(featureRows(p, f, rows), width(f), y, mixSeed(c.seed, seed), ticket, (done) => onProgress?.((k + done) / 3));
	const naive = await fit(naiveF, clickY, 1, 0);
	await checkpoint(ticket);
	const debiased = await fit(debiasedF, clickY, 2, 1);
	await checkpoint(ticket);
	const rev = await fit(revF, convY, 4, 2);
	const z = (f: FeatureSpec, m: { w: Float32Array; b: number }, u: number, i: number, slot = 0) => linear(p, f, m.w, m.b, u, i, slot);
	return {
		current: { score: (_u, i) => ctr[i], prob: () => null },
		'click-naive': { score: (u, i) => z(naiveF, naive, u, i), prob: (u, i) => sig(z(naiveF, naive, u, i)) },
		// Serve as if every item were in the top slot; evaluate calibration at the logged slot.
		'click-debiased': {
			score: (u, i) => z(debiasedF, debiased, u, i),
			prob: (u, i, s) => sig(z(debiasedF, debiased, u, i, s))
		},
		revenue: {
			score: (u, i) => sig(z(revF, rev, u, i)) * p.value[i],
			prob: (u, i, s) => sig(z(revF, rev, u, i, s))
		},
		'revenue-miscal': {
			score: (u, i) => sig(3 * z(revF, rev, u, i)) * p.value[i],
			prob: (u, i, s) => sig(3 * z(revF, rev, u, i, s))
		}
	};
}
