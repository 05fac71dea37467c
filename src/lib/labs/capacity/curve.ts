/**
 * Train and test error against capacity for one seed — the unit the sweep machinery replicates over seeds.
 *
 * Model-wise curve: one training set of n points, the capacities p₁ < p₂ < … fitted with the first p features of one
 * draw (nested models, Belkin et al. 2019). Sample-wise curve (Nakkiran et al., "Deep double descent", 2019;
 * Nakkiran, "More data can hurt for linear regression", arXiv:1912.07242): p fixed, the first n points of one draw for
 * each n (nested samples). With λ = 0 the test error peaks where p = n — the interpolation threshold, where the
 * smallest singular value of the n × p design is smallest and the fit must pass through every noisy label
 * (Hastie, Montanari, Rosset & Tibshirani, "Surprises in high-dimensional ridgeless least squares interpolation",
 * Ann. Statist. 2022). The peak is the argmax of the test error over the capacities given.
 *
 * The grid skips p = n − 1, n, n + 1. For an isotropic Gaussian design the expected test error of least squares is
 * σ²·(1 + p/(n − p − 1)) below the threshold and infinite at p ≥ n − 1 up to p ≤ n + 1 (Hastie et al. 2022,
 * Breiman & Freedman 1983): at p = n exactly one seed in many has a near-singular square design and an error
 * 1e4–1e6 times σ², which no y axis can show next to the rest. Measured at the default set-up with p = n on the
 * grid (numpy prototype of the same set-up): median peak 12 (σ² = 0.09), largest of 50 seeds ~1e6. At n ± 2 the
 * peak is finite and readable.
 *
 * Measured (DEFAULT_CAPACITY: random Fourier features, ℓ = 5, of x ~ N(0, I_10), teacher target, n = 40, σ = 0.3,
 * capacityGrid(40), 50 seeds; tests/unit/capacity-curve.test.ts prints these): the peak lies within ±10% of p = n
 * in 48/50 seeds (0.96 ± 0.03); peak test MSE median 4.7 (52σ²), 90th percentile 15.8, largest 119; the error at
 * p = 4n is at most 0.42 of the peak. Peak ratio (band max over the larger of p ≈ n/2 and p = 4n), 10th percentile
 * 4.6 by default; 90th percentile 0.21 at σ = 0, 1.01 with ridge λ = 0.05, 0.21 for the aligned target at σ = 0
 * (argmax in the band 0/50 each). The aligned target at σ = 0.3 keeps the peak (48/50): noise alone suffices.
 * Sample-wise (p = 40, n from 10 to 160): peak within ±10% of n = p in 47/50 seeds.
 * Earlier 1-D set-ups, kept as options, fail the check: Legendre on U[−1, 1] peaks at p = n in 49/50 seeds but at
 * ~1e20 (κ ≈ 1e12–1e16); random Fourier / ReLU features of a 1-D input peak at p = n in ≤ 5/50 seeds.
 */
import { assertCount } from '../../stats/validate';
import { firstPoints, trainingSet } from './data';
import { fitCapacity, setUpModel, type ModelOptions } from './model';

export interface CurvePoint {
	/** The capacity p (model-wise) or the number of training points n (sample-wise). */
	x: number;
	trainMse: number;
	testMse: number;
	betaNorm: number;
	condition: number;
}

export interface Curve {
	points: CurvePoint[];
	/** The x of the largest test error. */
	peakAt: number;
}

function checkIncreasing(name: string, xs: number[], max?: number): void {
	if (!Array.isArray(xs) || xs.length === 0) throw new RangeError(`${name} is empty: give at least one value.`);
	for (let i = 0; i < xs.length; i++) {
		assertCount(`${name}[${i}]`, xs[i]);
		if (xs[i] < 1) throw new RangeError(`${name}[${i}] must be at least 1 (got ${xs[i]}).`);
		if (i > 0 && xs[i] <= xs[i - 1]) throw new RangeError(`${name} must be increasing (${xs[i - 1]} then ${xs[i]}).`);
	}
	if (max !== undefined && xs[xs.length - 1] > max) throw new RangeError(`${name} go up to ${xs[xs.length - 1]}, above the limit ${max}.`);
}

function peakOf(points: CurvePoint[]): number {
	let best = points[0];
	for (const q of points) if (q.testMse > best.testMse) best = q;
	return best.x;
}

/**
 * Capacities for a curve at n training points: every `step` = max(1, ⌊n/20⌋) integers within ±20% of n (the
 * threshold region) except n − 1, n, n + 1 (see the header), and geometric steps below it (from 1) and above it (to
 * maxRatio·n), `count` in all when the integers allow. Also usable as training-set sizes around a fixed p.
 */
export function capacityGrid(n: number, count = 40, maxRatio = 4): number[] {
	assertCount('n', n);
	assertCount('count', count);
	if (n < 2) throw new RangeError(`A capacity grid needs n ≥ 2 (got ${n}).`);
	if (!(maxRatio > 1.3)) throw new RangeError(`maxRatio must be above 1.3 (got ${maxRatio}).`);
	const step = Math.max(1, Math.floor(n / 20));
	const half = Math.max(2 * step, Math.ceil(0.2 * n));
	const band: number[] = [];
	for (let p = Math.max(1, n - half); p <= n + half; p += step) if (Math.abs(p - n) >= 2) band.push(p);
	const rest = Math.max(0, count - band.length);
	const geometric = (lo: number, hi: number, k: number, includeLo: boolean): number[] => {
		// k distinct integers in [lo, hi] (fewer if the range has fewer), spaced evenly in log.
		const avail = hi - lo + 1;
		const want = Math.min(k, avail);
		if (want <= 0) return [];
		for (let m = want; m <= 50 * want + 50; m++) {
			const set = new Set<number>();
			for (let i = 0; i < m; i++) set.add(Math.round(lo * Math.pow(hi / lo, m === 1 ? 1 : i / (m - 1))));
			if (!includeLo) set.delete(lo);
			if (set.size >= want) return [...set].sort((a, b) => a - b).slice(includeLo ? 0 : -want);
		}
		return [];
	};
	const lowCount = Math.round(rest * 0.4);
	const low = band[0] > 1 ? geometric(1, band[0] - 1, lowCount, true) : [];
	const top = Math.max(band[band.length - 1] + 1, Math.round(maxRatio * n));
	const high = geometric(band[band.length - 1], top, rest - low.length, false);
	return [...new Set([...low, ...band, ...high])].sort((a, b) => a - b);
}

/** Train and test error for each capacity p, one training set of n points. */
export function capacityCurve(options: ModelOptions & { n: number; capacities: number[]; rcond?: number }, seed: number): Curve {
	assertCount('The number of training points n', options.n);
	checkIncreasing('The capacities', options.capacities, options.maxP);
	const setup = setUpModel(options, seed);
	const train = trainingSet(setup.target, options.n, setup.sigma, setup.rng.fork('train'), setup.inputs);
	const points = options.capacities.map((p) => {
		const f = fitCapacity(setup, train, p, options.rcond);
		return { x: p, trainMse: f.trainMse, testMse: f.testMse, betaNorm: f.betaNorm, condition: f.condition };
	});
	return { points, peakAt: peakOf(points) };
}

/** Train and test error for each training-set size n at a fixed capacity p (nested samples). */
export function sampleCurve(options: ModelOptions & { p: number; sizes: number[]; rcond?: number }, seed: number): Curve {
	assertCount('The capacity p', options.p);
	checkIncreasing('The training-set sizes', options.sizes);
	const setup = setUpModel({ ...options, maxP: Math.max(options.maxP, options.p) }, seed);
	const all = trainingSet(setup.target, options.sizes[options.sizes.length - 1], setup.sigma, setup.rng.fork('train'), setup.inputs);
	const points = options.sizes.map((n) => {
		const f = fitCapacity(setup, firstPoints(all, n), options.p, options.rcond);
		return { x: n, trainMse: f.trainMse, testMse: f.testMse, betaNorm: f.betaNorm, condition: f.condition };
	});
	return { points, peakAt: peakOf(points) };
}
