/**
 * The bench's yardstick: a plain-JavaScript per-example trainer in the style of TensorFlow Playground (an object
 * per neuron and per link, one example at a time, plain SGD), on the same network (2-16-16-1, tanh, sigmoid output,
 * cross-entropy). Not used by any lab: it shows what the engine's speed should be compared with.
 */
import { createRng } from '$lib/data/rng';

interface Link {
	source: Neuron;
	weight: number;
	grad: number;
}
interface Neuron {
	bias: number;
	inputs: Link[];
	out: number;
	total: number;
	delta: number;
	biasGrad: number;
}

function network(sizes: number[], seed: number): Neuron[][] {
	const rng = createRng(seed);
	const layers: Neuron[][] = [];
	sizes.forEach((n, l) => {
		layers.push(
			Array.from({ length: n }, () => ({
				bias: 0.1,
				out: 0,
				total: 0,
				delta: 0,
				biasGrad: 0,
				inputs: l === 0 ? [] : layers[l - 1].map((source) => ({ source, weight: rng.next() - 0.5, grad: 0 }))
			}))
		);
	});
	return layers;
}

/** Samples per second of per-example SGD on `n` seeded two-feature points for about `ms` (on the calling thread). */
export function benchYardstick(ms = 1500, n = 7000): { samplesPerSecond: number } {
	const rng = createRng(3);
	const xs = Array.from({ length: n }, () => [rng.normal(0, 1), rng.normal(0, 1)]);
	const ys = xs.map(([a, b]) => (a * a + b > 1 ? 1 : 0));
	const net = network([2, 16, 16, 1], 7);
	const lr = 0.03;
	let samples = 0;
	const t0 = performance.now();
	while (performance.now() - t0 < ms) {
		for (let i = 0; i < n; i++) {
			net[0].forEach((nr, j) => (nr.out = xs[i][j]));
			for (let l = 1; l < net.length; l++) {
				for (const nr of net[l]) {
					nr.total = nr.bias;
					for (const link of nr.inputs) nr.total += link.weight * link.source.out;
					nr.out = l === net.length - 1 ? 1 / (1 + Math.exp(-nr.total)) : Math.tanh(nr.total);
				}
			}
			const out = net[net.length - 1][0];
			out.delta = out.out - ys[i];
			for (let l = net.length - 1; l >= 1; l--) {
				for (const nr of net[l]) {
					if (l < net.length - 1) nr.delta *= 1 - nr.out * nr.out;
					nr.bias -= lr * nr.delta;
					for (const link of nr.inputs) link.weight -= lr * nr.delta * link.source.out;
				}
				for (const below of net[l - 1]) below.delta = 0;
				for (const nr of net[l]) for (const link of nr.inputs) link.source.delta += nr.delta * link.weight;
			}
			samples++;
		}
	}
	return { samplesPerSecond: samples / ((performance.now() - t0) / 1000) };
}
