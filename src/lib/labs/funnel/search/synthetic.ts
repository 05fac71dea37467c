/**
 * Seeded clustered embeddings for the search indexes' tests and benchmark: a Gaussian mixture, the usual stand-in for
 * a learned embedding space (items of a genre or topic form clusters; Aumüller et al., "ANN-Benchmarks", Information
 * Systems 2020, use such mixtures beside real data sets).
 *
 *   centre c ~ N(0, I_d)                      for c = 1 … C
 *   weight w ~ Dirichlet(α, …, α)             (uneven cluster sizes; α = 1 by default)
 *   item:  c ~ Categorical(w),  x = s · (centre_c + σ · z),  z ~ N(0, I_d),  s = exp(τ · N(0, 1))
 *
 * σ (`spread`, default 0.8) sets how tight a cluster is relative to the distance between centres; s gives the
 * items different norms (τ = `normSpread`, default 0.25), as learned item embeddings have (popular items tend to have
 * larger norms), which is what makes inner product search differ from cosine search. Queries come from the same
 * mixture with another stream (`fork`).
 */
import type { Rng } from '$lib/data/rng';

export interface MixtureSpec {
	d: number;
	clusters?: number;
	spread?: number;
	normSpread?: number;
	alpha?: number;
}

export interface Mixture {
	readonly d: number;
	readonly centres: Float32Array;
	readonly weights: Float64Array;
	/** n points of the mixture (row-major n·d), drawn from `rng`. */
	sample(n: number, rng: Rng): Float32Array;
}

export function gaussianMixture(spec: MixtureSpec, rng: Rng): Mixture {
	const { d, clusters = 128, spread = 0.8, normSpread = 0.25, alpha = 1 } = spec;
	if (!Number.isInteger(d) || d < 1) throw new RangeError(`The dimension d must be a whole number ≥ 1 (got ${d}).`);
	if (!Number.isInteger(clusters) || clusters < 1) throw new RangeError(`clusters must be a whole number ≥ 1 (got ${clusters}).`);
	if (!(spread >= 0) || !Number.isFinite(spread)) throw new RangeError(`spread must be a finite number ≥ 0 (got ${spread}).`);
	if (!(normSpread >= 0) || !Number.isFinite(normSpread)) throw new RangeError(`normSpread must be a finite number ≥ 0 (got ${normSpread}).`);
	if (!(alpha > 0) || !Number.isFinite(alpha)) throw new RangeError(`alpha must be a finite number > 0 (got ${alpha}).`);
	const centres = new Float32Array(clusters * d);
	for (let i = 0; i < centres.length; i++) centres[i] = rng.normal();
	const weights = new Float64Array(clusters);
	let total = 0;
	for (let c = 0; c < clusters; c++) total += weights[c] = rng.gamma(alpha);
	for (let c = 0; c < clusters; c++) weights[c] /= total;
	const cumulative = new Float64Array(clusters);
	let acc = 0;
	for (let c = 0; c < clusters; c++) cumulative[c] = acc += weights[c];
	return {
		d,
		centres,
		weights,
		sample(n: number, r: Rng): Float32Array {
			if (!Number.isInteger(n) || n < 1) throw new RangeError(`The number of points must be a whole number ≥ 1 (got ${n}).`);
			const out = new Float32Array(n * d);
			for (let i = 0; i < n; i++) {
				const u = r.next();
				let c = 0;
				while (c < clusters - 1 && cumulative[c] <= u) c++;
				const s = Math.exp(normSpread * r.normal());
				for (let j = 0; j < d; j++) out[i * d + j] = s * (centres[c * d + j] + spread * r.normal());
			}
			return out;
		}
	};
}
