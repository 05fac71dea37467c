/**
 * A seeded stream of labelled batches whose distribution can drift, for the data drift lab.
 *
 * Reference concept: x ~ N(0, I₂) (isotropic, so rotating it changes nothing), and
 * y = 1[w_θ · x + ε > c] with w_θ = (cos θ, sin θ), ε ~ N(0, noise²), c = 0.5 (about 31% positives).
 * Each drift type is scaled by its magnitude m ∈ [0, 1] and by the schedule's intensity s(t) ∈ [0, 1]:
 * - covariate shift: x's mean moves 2.5·m·s sd along the boundary (perpendicular to w_θ₀) and its sd along that
 *   direction grows to 1 + m·s. P(y | x) is unchanged, so a model that learned the boundary stays as accurate.
 * - prior shift: P(y = 1) moves from its reference value toward 0.85 by m·s, with P(x | y) unchanged (x drawn from
 *   the reference class-conditional by rejection).
 * - concept drift: the boundary rotates by 90°·m·s. P(x) is exactly unchanged, so input statistics stay calm.
 * Schedules: sudden (s jumps to 1 at the onset), gradual (s ramps linearly from 0 to 1 over `span` batches),
 * recurring (s alternates 0 / 1 every `span` batches after the onset: seasonal or recurring contexts).
 */
import type { Rng } from '../../../data/rng';
import { normalSf } from '../../../stats/distributions';

export type DriftSchedule = 'sudden' | 'gradual' | 'recurring';

export interface DriftSpec {
	covariate: number;
	prior: number;
	concept: number;
	schedule: DriftSchedule;
	/** First batch index that drifts. */
	onset: number;
	/** Ramp length (gradual) or half-period (recurring), in batches. */
	span: number;
	/** Label noise sd (ε). */
	noise: number;
}

export const THRESHOLD = 0.5;

export function intensity(spec: DriftSpec, t: number): number {
	if (t < spec.onset) return 0;
	const k = t - spec.onset;
	const span = Math.max(1, spec.span);
	if (spec.schedule === 'sudden') return 1;
	if (spec.schedule === 'gradual') return Math.min(1, (k + 1) / span);
	return Math.floor(k / span) % 2 === 0 ? 1 : 0;
}

export interface BatchState {
	/** Boundary angle (radians). */
	theta: number;
	/** Covariate shift of the mean along the boundary direction, in sd. */
	shift: number;
	/** sd along the boundary direction. */
	spread: number;
	/** Target positive rate under prior shift, or null (no prior shift). */
	positiveRate: number | null;
}

/** P(y = 1) under the reference concept: P(x₁ + ε > c) with x₁ ~ N(0, 1), ε ~ N(0, noise²). */
export function referencePositiveRate(noise: number): number {
	return normalSf(THRESHOLD / Math.sqrt(1 + noise * noise));
}

export function batchState(spec: DriftSpec, t: number): BatchState {
	const s = intensity(spec, t);
	const base = referencePositiveRate(spec.noise);
	return {
		theta: (Math.PI / 2) * spec.concept * s,
		shift: 2.5 * spec.covariate * s,
		spread: 1 + spec.covariate * s,
		positiveRate: spec.prior > 0 ? base + (0.85 - base) * spec.prior * s : null
	};
}

export function validateSpec(spec: DriftSpec): void {
	for (const k of ['covariate', 'prior', 'concept'] as const) {
		if (!(spec[k] >= 0 && spec[k] <= 1)) throw new RangeError(`The ${k} drift magnitude must be in [0, 1] (got ${spec[k]}).`);
	}
	if (!(spec.noise >= 0 && spec.noise <= 3)) throw new RangeError(`Label noise must be in [0, 3] (got ${spec.noise}).`);
	if (!Number.isInteger(spec.onset) || spec.onset < 0) throw new RangeError(`The onset must be a whole batch number ≥ 0 (got ${spec.onset}).`);
	if (!Number.isInteger(spec.span) || spec.span < 1) throw new RangeError(`The span must be a whole number of batches ≥ 1 (got ${spec.span}).`);
}

/** One batch of n examples at time t: row-major x (n × 2) and 0/1 labels. */
export function drawBatch(spec: DriftSpec, t: number, n: number, rng: Rng): { x: Float32Array; y: Uint8Array; state: BatchState } {
	const st = batchState(spec, t);
	// Unit vectors: boundary normal at the reference angle (u) and along the reference boundary (v).
	const u = [1, 0];
	const v = [0, 1];
	const w = [Math.cos(st.theta), Math.sin(st.theta)];
	const x = new Float32Array(2 * n);
	const y = new Uint8Array(n);
	const label = (x1: number, x2: number) => (w[0] * x1 + w[1] * x2 + rng.normal(0, spec.noise) > THRESHOLD ? 1 : 0);
	for (let i = 0; i < n; i++) {
		const wanted = st.positiveRate === null ? -1 : rng.next() < st.positiveRate ? 1 : 0;
		for (let tries = 0; ; tries++) {
			const a = rng.normal();
			const b = st.shift + st.spread * rng.normal();
			const x1 = a * u[0] + b * v[0];
			const x2 = a * u[1] + b * v[1];
			const yi = label(x1, x2);
			if (wanted < 0 || yi === wanted || tries > 200) {
				x[2 * i] = x1;
				x[2 * i + 1] = x2;
				y[i] = yi;
				break;
			}
		}
	}
	return { x, y, state: st };
}
