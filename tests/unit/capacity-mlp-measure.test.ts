/**
 * Measurement, skipped by default: does a trained 1-hidden-layer ReLU MLP (10 → w → 1, linear output, MSE, Adam,
 * full batch) show double descent in its width on the capacity lab's default data (DEFAULT_CAPACITY: x ~ N(0, I_10),
 * teacher target, n = 40, σ = 0.3, the same training and test sets as the random-features curve of each seed)?
 * Run: CAPACITY_MLP_MEASURE=1 npx vitest run tests/unit/capacity-mlp-measure.test.ts
 * Options (env): MLP_WIDTHS (comma list), MLP_SEEDS (count), MLP_STEPS, MLP_LR; MLP_ENGINE=1 trains each width's
 * seeds together on the fused engine (its 'squared' loss, the JS step on the CPU backend) instead of op by op.
 * Prints width, parameters (12w + 1), train MSE and test MSE (E[(ŷ − y)²] on a fresh noisy label, as the lab's)
 * per seed, their means and the time per width.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { Mlp } from '../../src/lib/engine/mlp';
import { registerFusedTrain, tfAdam } from '../../src/lib/engine/fused/kernel';
import { FusedTrainer } from '../../src/lib/engine/fused/trainer';
import { trainingSet } from '../../src/lib/labs/capacity/data';
import { DEFAULT_CAPACITY } from '../../src/lib/labs/capacity/defaults';
import { setUpModel } from '../../src/lib/labs/capacity/model';

const RUN = process.env.CAPACITY_MLP_MEASURE === '1';
const WIDTHS = (process.env.MLP_WIDTHS ?? '1,2,3,4,6,8,12,16,24,32,64,128,256').split(',').map(Number);
const SEEDS = Number(process.env.MLP_SEEDS ?? 5);
const STEPS = Number(process.env.MLP_STEPS ?? 4000);
const LR = Number(process.env.MLP_LR ?? 0.01);
const ENGINE = process.env.MLP_ENGINE === '1';

function problem(seed: number) {
	const c = DEFAULT_CAPACITY;
	const setup = setUpModel({ ...c, capacities: undefined, sampleSizes: undefined } as never, seed);
	const set = trainingSet(setup.target, c.n, setup.sigma, setup.rng.fork('train'), setup.inputs);
	return { setup, set, d: setup.inputs.dim };
}

/** All seeds of one width at once on the fused engine. */
async function fitEngine(width: number, seeds: number[]): Promise<Array<{ train: number; test: number }>> {
	const ps = seeds.map(problem);
	const d = ps[0].d;
	const nets = seeds.map((s) => new Mlp({ inputs: d, hidden: [width], activation: 'relu' }, createRng(s).fork(`mlp-${width}`)));
	const spec = { sizes: [d, width, 1], activation: 'relu' as const, models: seeds.map(() => ({ loss: { kind: 'squared' as const }, optimizer: tfAdam(LR) })) };
	const trainer = await FusedTrainer.create(
		spec,
		nets,
		ps.map((p) => ({ x: Float32Array.from(p.set.x), y: Float32Array.from(p.set.y) }))
	);
	let last: number[][] = [];
	for (let done = 0; done < STEPS; done += 500)
		last = await trainer.fullBatchSteps(
			Math.min(500, STEPS - done),
			seeds.map((_, k) => k)
		);
	trainer.sync();
	const out = ps.map((p, k) => {
		const m = p.setup.testF.length;
		const pred = tf.tidy(() => nets[k].logits(tf.tensor2d(Float32Array.from(p.setup.testX), [m, d])).dataSync());
		let te = 0;
		for (let i = 0; i < m; i++) te += (pred[i] - p.setup.testF[i]) ** 2 / m;
		return { train: last[k][last[k].length - 1], test: te + p.setup.sigma ** 2 };
	});
	trainer.dispose();
	nets.forEach((n) => n.dispose());
	return out;
}

function fitOne(width: number, seed: number): { train: number; test: number } {
	const c = DEFAULT_CAPACITY;
	const setup = setUpModel({ ...c, capacities: undefined, sampleSizes: undefined } as never, seed);
	const set = trainingSet(setup.target, c.n, setup.sigma, setup.rng.fork('train'), setup.inputs);
	const d = setup.inputs.dim;
	const m = setup.testF.length;
	const net = new Mlp({ inputs: d, hidden: [width], activation: 'relu' }, createRng(seed).fork(`mlp-${width}`));
	const x = tf.tensor2d(Float32Array.from(set.x), [c.n, d]);
	const y = tf.tensor1d(Float32Array.from(set.y));
	const tx = tf.tensor2d(Float32Array.from(setup.testX), [m, d]);
	const opt = tf.train.adam(LR);
	for (let s = 0; s < STEPS; s++) {
		opt.minimize(() => tf.mean(tf.square(tf.sub(net.logits(x), y))) as tf.Scalar, false, net.variables);
	}
	const train = tf.tidy(() => tf.mean(tf.square(tf.sub(net.logits(x), y))).dataSync()[0]);
	const pred = tf.tidy(() => net.logits(tx).dataSync());
	let te = 0;
	for (let i = 0; i < m; i++) te += (pred[i] - setup.testF[i]) ** 2 / m;
	opt.dispose();
	tf.dispose([x, y, tx]);
	net.dispose();
	return { train, test: te + setup.sigma ** 2 };
}

it.skipIf(!RUN)('measures the trained MLP against width', { timeout: 3_600_000 }, async () => {
	await tf.setBackend('cpu');
	registerFusedTrain();
	const lines = [
		`${ENGINE ? 'engine' : 'op by op'}, steps ${STEPS}, Adam lr ${LR}, ${SEEDS} seeds`,
		'width params  train(mean)  test(mean ± sd)  test per seed  s/width'
	];
	for (const w of WIDTHS) {
		const t0 = performance.now();
		const seeds = Array.from({ length: SEEDS }, (_, s) => s + 1);
		const r = ENGINE ? await fitEngine(w, seeds) : seeds.map((s) => fitOne(w, s));
		const sec = (performance.now() - t0) / 1000;
		const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
		const te = r.map((q) => q.test);
		const sd = Math.sqrt(mean(te.map((v) => (v - mean(te)) ** 2)));
		const line = `${w} ${12 * w + 1} ${mean(r.map((q) => q.train)).toExponential(2)} ${mean(te).toFixed(3)} ± ${sd.toFixed(3)} [${te.map((v) => v.toFixed(3)).join(' ')}] ${sec.toFixed(1)}`;
		lines.push(line);
		console.log(line);
	}
	console.log(lines.join('\n'));
});
