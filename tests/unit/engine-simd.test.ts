/**
 * The WebAssembly SIMD step (the WASM backend's fused kernel) against the JS step (the CPU backend's, which
 * engine.test.ts checks against TF.js op by op): same spec, state and batches, float32 against float64 activations.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { relErr } from '../../src/lib/engine/fused/agreement';
import { runBatches, type FusedBatches, type FusedState } from '../../src/lib/engine/fused/fused-step';
import { simdHasData, simdStep } from '../../src/lib/engine/fused/wasm-step';
import { parameterCount, type EngineActivation, type EngineLoss, type EngineOptimizer, type EngineSpec } from '../../src/lib/engine/fused/spec';

const step = simdStep();

function dataset(seed: number, n: number, d: number) {
	const rng = createRng(seed);
	const x = new Float32Array(n * d);
	const y = new Float32Array(n);
	for (let i = 0; i < n; i++) {
		y[i] = rng.next() < 0.2 ? 1 : 0;
		for (let j = 0; j < d; j++) x[i * d + j] = rng.normal(y[i] ? 0.8 - 0.3 * j : -0.4, 1);
	}
	return { x, y };
}

/** An epoch's batch table: each model's rows in a seeded order, cut in batches of `size` (the last may be smaller). */
function epochBatches(rng: ReturnType<typeof createRng>, K: number, n: number, size: number, update = 1): { idx: Int32Array; batches: Int32Array } {
	const idx: number[] = [];
	const batches: number[] = [];
	for (let k = 0; k < K; k++) {
		const order = Array.from({ length: n }, (_, i) => i);
		for (let i = n - 1; i > 0; i--) {
			const j = Math.floor(rng.next() * (i + 1));
			[order[i], order[j]] = [order[j], order[i]];
		}
		for (let s = 0; s < n; s += size) {
			batches.push(k, idx.length, Math.min(size, n - s), update);
			idx.push(...order.slice(s, s + size));
		}
	}
	return { idx: Int32Array.from(idx), batches: Int32Array.from(batches) };
}

function initialState(spec: EngineSpec, seed: number): FusedState {
	const rng = createRng(seed);
	const K = spec.models.length;
	const P = parameterCount(spec.sizes);
	const acc = new Float32Array(2 * K);
	spec.models.forEach((m, k) => {
		if (m.optimizer.kind === 'adam') acc.set([m.optimizer.beta1, m.optimizer.beta2], 2 * k);
	});
	return { params: Float32Array.from({ length: K * P }, () => rng.normal(0, 0.5)), m: new Float32Array(K * P), v: new Float32Array(K * P), acc };
}

const copy = (s: FusedState): FusedState => ({ params: s.params.slice(), m: s.m.slice(), v: s.v.slice(), acc: s.acc.slice() });

/** Train both steps from the same state on the same epochs; the largest relative loss error and the weights' error. */
function compare(spec: EngineSpec, n: number, batch: number, epochs: number) {
	const { x, y } = dataset(3, n, spec.sizes[0]);
	const js = initialState(spec, 7);
	const simd = copy(js);
	const rng = createRng(13);
	let lossErr = 0;
	for (let e = 0; e < epochs; e++) {
		const { idx, batches } = epochBatches(rng, spec.models.length, n, batch);
		const data: FusedBatches = { x, y, idx, batches };
		const a = runBatches(spec, js, data);
		const b = step!(spec, simd, { ...data, xLength: x.length, yLength: y.length });
		expect(Array.from(b.batches)).toEqual(Array.from(a.batches));
		a.batchLosses.forEach((l, i) => (lossErr = Math.max(lossErr, Math.abs(b.batchLosses[i] - l) / Math.abs(l))));
	}
	for (const v of [...simd.params, ...simd.m, ...simd.v]) expect(Number.isFinite(v)).toBe(true);
	return { lossErr, weightErr: relErr(simd.params, js.params), acc: [js.acc, simd.acc] };
}

const LOSSES: Record<string, EngineLoss> = {
	bce: { kind: 'clipped', weights: [1, 1], gamma: 0 },
	weighted: { kind: 'clipped', weights: [0.6, 2.5], gamma: 0 },
	focal: { kind: 'clipped', weights: [0.25, 0.75], gamma: 2 },
	'focal γ=0.5': { kind: 'clipped', weights: [1, 1], gamma: 0.5 },
	logits: { kind: 'logits' },
	squared: { kind: 'squared' }
};

function optimizer(kind: EngineOptimizer['kind'], lr: number): EngineOptimizer {
	if (kind === 'sgd') return { kind, lr };
	if (kind === 'momentum') return { kind, lr, momentum: 0.9 };
	return { kind, lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 };
}

describe('WebAssembly SIMD step against the JS step', () => {
	it('is available here (Node has WebAssembly SIMD)', () => {
		expect(step).not.toBeNull();
	});

	for (const activation of ['tanh', 'relu'] as EngineActivation[]) {
		for (const [lossName, loss] of Object.entries(LOSSES)) {
			for (const optKind of ['sgd', 'momentum', 'adam'] as const) {
				it(`${activation} · ${lossName} · ${optKind}: losses and weights agree after 200 steps`, () => {
					const lr = activation === 'relu' ? 0.003 : 0.02;
					const spec: EngineSpec = { sizes: [2, 16, 16, 1], activation, models: [{ loss, optimizer: optimizer(optKind, lr) }] };
					const r = compare(spec, 640, 64, 20);
					expect(r.lossErr).toBeLessThan(1e-5);
					// Float32 against float64 sums; with ReLU and Adam a pre-activation at the kink can fall either side and
					// Adam's normalised steps carry it on (as between the JS step and TF.js, engine.test.ts).
					expect(r.weightErr).toBeLessThan(activation === 'relu' && optKind === 'adam' ? 5e-4 : 1e-5);
					expect(Array.from(r.acc[1])).toEqual(Array.from(r.acc[0]));
				});
			}
		}
	}

	it('handles widths and batch sizes that are not multiples of 4 or 16, several layers and K models', () => {
		const models = [
			{ loss: LOSSES.focal, optimizer: optimizer('adam', 0.01) },
			{ loss: LOSSES.weighted, optimizer: optimizer('momentum', 0.02) },
			{ loss: LOSSES.logits, optimizer: optimizer('sgd', 0.05) }
		];
		for (const [sizes, batch] of [
			[[3, 5, 1], 17],
			[[5, 7, 3, 1], 50],
			[[1, 1], 9],
			[[4, 20, 1], 130]
		] as Array<[number[], number]>) {
			const r = compare({ sizes, activation: 'tanh', models }, 333, batch, 8);
			expect(r.lossErr).toBeLessThan(1e-5);
			expect(r.weightErr).toBeLessThan(1e-5);
		}
	});

	it('computes a loss-only batch without training on it', () => {
		const spec: EngineSpec = { sizes: [2, 8, 1], activation: 'tanh', models: [{ loss: LOSSES.focal, optimizer: optimizer('adam', 0.01) }] };
		const { x, y } = dataset(5, 100, 2);
		const state = initialState(spec, 2);
		const before = copy(state);
		const { idx, batches } = epochBatches(createRng(1), 1, 100, 100, 0);
		const out = step!(spec, state, { x, y, xLength: x.length, yLength: y.length, idx, batches });
		expect(Array.from(state.params)).toEqual(Array.from(before.params));
		expect(out.batches[0]).toBe(0);
		const ref = runBatches(spec, before, { x, y, idx, batches });
		expect(Math.abs(out.batchLosses[0] - ref.batchLosses[0]) / ref.batchLosses[0]).toBeLessThan(1e-6);
	});

	it('keeps the inputs in its memory between calls with the same key, and asks for them after another key', () => {
		const spec: EngineSpec = { sizes: [2, 8, 1], activation: 'tanh', models: [{ loss: LOSSES.focal, optimizer: optimizer('adam', 0.01) }] };
		const a = dataset(5, 128, 2);
		const b = dataset(6, 128, 2);
		const keyA = [{}, {}] as const;
		const keyB = [{}, {}] as const;
		const { idx, batches } = epochBatches(createRng(1), 1, 128, 64);
		const full = (d: typeof a) => ({ ...d, xLength: d.x.length, yLength: d.y.length, idx, batches });
		const sA = initialState(spec, 2);
		const ref = copy(sA);
		step!(spec, sA, full(a), keyA);
		expect(simdHasData(keyA, a.x.length, a.y.length)).toBe(true);
		// Same key, inputs not passed: trains on a's data still in memory, as the JS step does on a.
		step!(spec, sA, { ...full(a), x: null, y: null }, keyA);
		runBatches(spec, ref, { ...a, idx, batches });
		runBatches(spec, ref, { ...a, idx, batches });
		expect(relErr(sA.params, ref.params)).toBeLessThan(1e-6);
		step!(spec, initialState(spec, 3), full(b), keyB);
		expect(simdHasData(keyA, a.x.length, a.y.length)).toBe(false);
		expect(() => step!(spec, sA, { ...full(a), x: null, y: null }, keyA)).toThrow(/not in the SIMD module/);
	});

	it('rejects a batch that names a model that does not exist', () => {
		const spec: EngineSpec = { sizes: [2, 4, 1], activation: 'relu', models: [{ loss: LOSSES.bce, optimizer: optimizer('sgd', 0.1) }] };
		const { x, y } = dataset(5, 10, 2);
		expect(() =>
			step!(spec, initialState(spec, 1), { x, y, xLength: x.length, yLength: y.length, idx: new Int32Array(4), batches: Int32Array.from([1, 0, 4, 1]) })
		).toThrow(/model 1/);
	});
});
