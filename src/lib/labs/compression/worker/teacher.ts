/**
 * Data for the compression lab: d standard-normal features labelled by a seeded random "teacher" network
 * (d → 32 tanh → 1), thresholded at its median so classes are balanced, with a share of labels flipped as noise.
 * A student MLP can learn it well, and compressing the student costs measurable accuracy.
 */
import type { Dataset } from '../../../data/dataset';
import type { Rng } from '../../../data/rng';

export interface TeacherOptions {
	n: number;
	d: number;
	/** Share of labels flipped at random. */
	flip: number;
}

export function makeTeacherData(options: TeacherOptions, rng: Rng): Dataset {
	const { n, d, flip } = options;
	if (!Number.isInteger(n) || n < 100) throw new RangeError(`The sample size must be a whole number ≥ 100 (got ${n}).`);
	if (!Number.isInteger(d) || d < 2 || d > 256) throw new RangeError(`The number of features must be between 2 and 256 (got ${d}).`);
	if (!(flip >= 0 && flip < 0.5)) throw new RangeError(`The label noise must be in [0, 0.5) (got ${flip}).`);
	const teacher = rng.fork('teacher');
	const H = 32;
	const w1 = Float64Array.from({ length: d * H }, () => teacher.normal(0, 1.6 / Math.sqrt(d)));
	const b1 = Float64Array.from({ length: H }, () => teacher.normal(0, 0.5));
	const w2 = Float64Array.from({ length: H }, () => teacher.normal(0, 1 / Math.sqrt(H)));
	const x = new Float32Array(n * d);
	const logits = new Float64Array(n);
	const draw = rng.fork('inputs');
	for (let i = 0; i < n; i++) {
		for (let j = 0; j < d; j++) x[i * d + j] = draw.normal();
		let z = 0;
		for (let h = 0; h < H; h++) {
			let a = b1[h];
			for (let j = 0; j < d; j++) a += x[i * d + j] * w1[j * H + h];
			z += Math.tanh(a) * w2[h];
		}
		logits[i] = z;
	}
	const median = Float64Array.from(logits).sort()[Math.floor(n / 2)];
	const noise = rng.fork('flip');
	const y = new Uint8Array(n);
	for (let i = 0; i < n; i++) {
		const label = logits[i] > median ? 1 : 0;
		y[i] = noise.next() < flip ? 1 - label : label;
	}
	return { x, y, n, d };
}
