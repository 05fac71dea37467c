import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { buildAlias, drawAlias } from '../../src/lib/labs/funnel/alias';
import { DEFAULT_WORLD, examination, generateWorld, rankerAffinity, affinity, type FunnelWorldConfig } from '../../src/lib/labs/funnel/world';
import { exactBatchProbabilities, StreamingFrequencyEstimator } from '../../src/lib/labs/funnel/worker/frequency';

const small: FunnelWorldConfig = { ...DEFAULT_WORLD, users: 400, items: 3000, sessionsPerUser: 10, testUsers: 100, heldOutSessions: 5 };

/** Least-squares slope of y on x. */
function slope(x: number[], y: number[]): number {
	const mx = x.reduce((a, b) => a + b, 0) / x.length;
	const my = y.reduce((a, b) => a + b, 0) / y.length;
	let sxy = 0;
	let sxx = 0;
	for (let k = 0; k < x.length; k++) {
		sxy += (x[k] - mx) * (y[k] - my);
		sxx += (x[k] - mx) ** 2;
	}
	return sxy / sxx;
}

describe('funnel world', () => {
	it('is deterministic per seed and differs across seeds', () => {
		const a = generateWorld(small);
		const b = generateWorld(small);
		const c = generateWorld({ ...small, seed: 2 });
		expect(Array.from(b.log.item)).toEqual(Array.from(a.log.item));
		expect(Array.from(b.heldOut.items)).toEqual(Array.from(a.heldOut.items));
		expect(Array.from(b.itemTaste)).toEqual(Array.from(a.itemTaste));
		expect(Array.from(c.log.item.subarray(0, 200))).not.toEqual(Array.from(a.log.item.subarray(0, 200)));
		expect(rankerAffinity(a, 3, 7)).toBe(rankerAffinity(b, 3, 7));
		// Clicks, counts and impressions agree with each other.
		expect(a.counts.reduce((s, x) => s + x, 0)).toBe(a.log.item.length);
		expect(a.impressions.clicked.reduce((s, x) => s + x, 0)).toBe(a.log.item.length);
		expect(a.heldOut.users.length).toBe(100);
		expect(a.heldOut.items.length).toBeGreaterThan(100);
		for (let k = 0; k < a.heldOut.items.length; k++) expect([1, 2, 3]).toContain(a.heldOut.grade[k]);
	});

	it('has affinities of variance ≈ 1 and a ranker feature noisier by σ_f', () => {
		const w = generateWorld({ ...small, rankerNoise: 0.5 });
		let s = 0;
		let s2 = 0;
		let e2 = 0;
		const n = 20000;
		const rng = createRng(5);
		for (let k = 0; k < n; k++) {
			const u = rng.int(w.config.users);
			const i = rng.int(w.config.items);
			const a = affinity(w, u, i);
			s += a;
			s2 += a * a;
			e2 += (rankerAffinity(w, u, i) - a) ** 2;
		}
		expect(Math.abs(s / n)).toBeLessThan(0.05);
		expect(s2 / n).toBeGreaterThan(0.9);
		expect(s2 / n).toBeLessThan(1.1);
		expect(Math.sqrt(e2 / n)).toBeCloseTo(0.5, 1);
	});

	it('shows the popularity exponent in the interaction counts (log-count vs log-rank slope)', () => {
		for (const zipf of [0.8, 1.2]) {
			const w = generateWorld({ ...small, users: 1500, items: 5000, zipf, sessionsPerUser: 20, testUsers: 0 });
			const x: number[] = [];
			const y: number[] = [];
			// Ranks past the head (where a 50-item pool holds an item more than once) with enough clicks to log.
			for (let r = 20; r <= 5000; r++) {
				const c = w.counts[r - 1];
				if (c < 5) break;
				x.push(Math.log(r));
				y.push(Math.log(c));
			}
			expect(x.length).toBeGreaterThan(60);
			expect(Math.abs(slope(x, y) + zipf)).toBeLessThan(0.12);
		}
	});

	it('clicks follow the examination model: clicks/Σγ at position p ≈ θ_p', () => {
		for (const cfg of [
			{ positionModel: 'power' as const, positionBias: 1 },
			{ positionModel: 'log2' as const, positionBias: 1 }
		]) {
			const w = generateWorld({ ...small, ...cfg, sessionsPerUser: 20 });
			const L = w.config.slate;
			const clicks = new Float64Array(L);
			const attract = new Float64Array(L);
			for (let k = 0; k < w.impressions.item.length; k++) {
				clicks[k % L] += w.impressions.clicked[k];
				attract[k % L] += w.impressions.attract[k];
			}
			for (let p = 1; p <= L; p++) {
				const ratio = clicks[p - 1] / attract[p - 1];
				expect(Math.abs(ratio - examination(p, cfg)) / examination(p, cfg)).toBeLessThan(0.12);
			}
			// Fewer clicks low in the slate.
			expect(clicks[L - 1]).toBeLessThan(clicks[0] / 2);
		}
		expect(examination(4, { positionModel: 'power', positionBias: 1 })).toBe(0.25);
		expect(examination(3, { positionModel: 'log2', positionBias: 1 })).toBe(0.5);
	});

	it('rejects bad configurations in plain words', () => {
		expect(() => generateWorld({ ...small, items: 1 })).toThrow(RangeError);
		expect(() => generateWorld({ ...small, pool: 5 })).toThrow(/pool/);
		expect(() => generateWorld({ ...small, tasteTemp: 0 })).toThrow(/temperature/);
	});
});

describe('alias table', () => {
	it('draws in proportion to the weights', () => {
		const w = [5, 1, 0, 3, 1];
		const t = buildAlias(w);
		const rng = createRng(9);
		const n = 200000;
		const c = new Float64Array(w.length);
		for (let k = 0; k < n; k++) c[drawAlias(t, rng)]++;
		for (let i = 0; i < w.length; i++) expect(Math.abs(c[i] / n - w[i] / 10)).toBeLessThan(0.005);
		expect(() => buildAlias([0, 0])).toThrow(RangeError);
	});
});

describe('streaming frequency estimation (Yi et al. 2019, Algorithm 2)', () => {
	it('1/B converges to the expected occurrences per batch', () => {
		const N = 200;
		const batch = 32;
		const weights = Array.from({ length: N }, (_, i) => 1 / (i + 1));
		const total = weights.reduce((a, b) => a + b, 0);
		const table = buildAlias(weights);
		const rng = createRng(3);
		const est = new StreamingFrequencyEstimator({ buckets: N, alpha: 0.01, identity: true });
		const b = new Int32Array(batch);
		for (let t = 0; t < 20000; t++) {
			for (let k = 0; k < batch; k++) b[k] = drawAlias(table, rng);
			est.update(b);
		}
		// Items expected at least once every 20 batches have seen enough occurrences for the average to settle.
		let errSum = 0;
		let m = 0;
		for (let i = 0; i < N; i++) {
			const p = (weights[i] / total) * batch;
			if (p < 0.05) continue;
			const rel = Math.abs(est.probability(i) - p) / p;
			expect(rel).toBeLessThan(0.3);
			errSum += rel;
			m++;
		}
		expect(m).toBeGreaterThan(50);
		expect(errSum / m).toBeLessThan(0.1);
	});

	it('with hashed buckets and several hashes stays close for the frequent items', () => {
		const est = new StreamingFrequencyEstimator({ buckets: 64, alpha: 0.02, hashes: 3, seed: 4 });
		const rng = createRng(8);
		for (let t = 0; t < 5000; t++) est.update([0, 0, 1, rng.int(1000) + 10]);
		expect(est.probability(0)).toBeGreaterThan(1.6);
		expect(est.probability(0)).toBeLessThan(2.4);
		expect(est.probability(1)).toBeGreaterThan(0.8);
		expect(est.probability(1)).toBeLessThan(1.25);
		expect(est.probability(999999)).toBeLessThan(0.2);
	});

	it('is not biased towards short gaps for rare items (the moving average is bias-corrected)', () => {
		// Item 7 every 100 steps, item 3 every step: true gaps 100 and 1. Without the correction of the zero start, three
		// occurrences of item 7 at α = 0.05 would give B ≈ 14 (p̂ ≈ 0.07, 7× too large).
		const est = new StreamingFrequencyEstimator({ buckets: 10, alpha: 0.05, identity: true });
		for (let t = 1; t <= 300; t++) est.update(t % 100 === 0 ? [3, 7] : [3]);
		expect(est.gap(7)).toBeCloseTo(100, 9);
		expect(est.probability(7)).toBeCloseTo(0.01, 9);
		expect(est.gap(3)).toBeCloseTo(1, 9);
		expect(est.probability(5)).toBe(0);
	});

	it('exact probabilities are count shares times the batch size', () => {
		expect(Array.from(exactBatchProbabilities([1, 3, 0], 8))).toEqual([2, 6, 0]);
		expect(() => exactBatchProbabilities([0, 0], 8)).toThrow(RangeError);
		expect(() => new StreamingFrequencyEstimator({ buckets: 0, alpha: 0.1 })).toThrow(RangeError);
	});
});
