/**
 * The bias–variance decomposition of the expected test error at one capacity, estimated over many independent
 * training sets (Geman, Bienenstock & Doursat, "Neural networks and the bias/variance dilemma", Neural Computation
 * 4, 1992; Hastie, Tibshirani & Friedman, The Elements of Statistical Learning, 2nd ed., §7.3, eq. 7.9):
 *
 *   E[(y − ŷ(x))²] = σ² + (E ŷ(x) − f(x))² + Var ŷ(x)
 *
 * The model (its feature draw, hence p features) is fixed; the training sets vary (T sets of n points, seeded by
 * forks 'set-0', 'set-1', … of the model's 'train' stream). On the test set x₁…x_m (model.ts):
 *   ȳ(x) = (1/T) Σ_t ŷ_t(x),  v(x) = (1/(T − 1)) Σ_t (ŷ_t(x) − ȳ(x))²,  noise = σ²,
 *   variance = mean_x v(x),  bias² = mean_x [(ȳ(x) − f(x))² − v(x)/T].
 * (ȳ − f)² alone over-estimates the squared bias by Var ŷ/T in expectation (ȳ is a mean of T fits), which near the
 * threshold, where the variance is large, would show a bias that is not there; subtracting v/T makes both terms
 * unbiased, and bias² + variance = mean_t mean_x (ŷ_t(x) − f(x))² still holds exactly. With little bias the estimate
 * can come out slightly negative (Monte Carlo error); it is reported as it is, and the page shows it as ≈ 0.
 * As a check that is not algebra, `testMse` scores each fit on fresh noisy test labels y = f(x) + ε (one independent
 * ε per test point and training set, fork 'test-noise'); its standard error is the spread of the per-set values/√T.
 * For drawing, the mean fit and the first `keepCurves` fits are also returned on the 1-D slice of data.ts.
 */
import { assertCount } from '../../stats/validate';
import { trainingSet } from './data';
import { predict } from './least-squares';
import { fitCapacity, setUpModel, type ModelOptions } from './model';

export interface BiasVarianceResult {
	p: number;
	bias2: number;
	variance: number;
	noise: number;
	/** bias² + variance + σ². */
	expectedMse: number;
	/** Mean over training sets of the mean squared error on noisy test labels. */
	testMse: number;
	/** Standard error of testMse (spread over training sets / √T). */
	testMseSe: number;
	/** Mean training error over the sets. */
	trainMse: number;
	testX: Float64Array;
	testF: Float64Array;
	meanPrediction: Float64Array;
	/** The test-set predictions of the first `keepCurves` training sets. */
	curves: Float64Array[];
	/** The fitted-curves view: f, the mean fit and the first `keepCurves` fits along the slice coordinate t. */
	slice: { t: Float64Array; f: Float64Array; meanPrediction: Float64Array; curves: Float64Array[] };
}

export function biasVariance(
	options: ModelOptions & { n: number; p: number; trainingSets: number; keepCurves?: number; rcond?: number },
	seed: number
): BiasVarianceResult {
	assertCount('The number of training points n', options.n);
	assertCount('The capacity p', options.p);
	assertCount('The number of training sets', options.trainingSets);
	if (options.trainingSets < 2) throw new RangeError(`The decomposition needs at least 2 training sets (got ${options.trainingSets}).`);
	const keep = options.keepCurves ?? 0;
	assertCount('keepCurves', keep);
	const setup = setUpModel({ ...options, maxP: Math.max(options.maxP, options.p) }, seed);
	const { testX, testF, sigma } = setup;
	const m = testF.length;
	const ms = setup.sliceT.length;
	const sliceDesign = setup.features.design(setup.sliceX, options.p);
	const sliceSum = new Float64Array(ms);
	const sliceCurves: Float64Array[] = [];
	const T = options.trainingSets;
	const sum = new Float64Array(m);
	const sumSq = new Float64Array(m);
	const trainRng = setup.rng.fork('train');
	const noiseRng = setup.rng.fork('test-noise');
	const curves: Float64Array[] = [];
	let mseSum = 0;
	let mseSq = 0;
	let trainSum = 0;
	for (let t = 0; t < T; t++) {
		const train = trainingSet(setup.target, options.n, sigma, trainRng.fork(`set-${t}`), setup.inputs);
		const fit = fitCapacity(setup, train, options.p, options.rcond);
		const pred = fit.testPrediction;
		let mse = 0;
		for (let i = 0; i < m; i++) {
			// Deviations from f keep the sums well conditioned when f is large.
			const d = pred[i] - testF[i];
			sum[i] += d;
			sumSq[i] += d * d;
			const e = pred[i] - (testF[i] + sigma * noiseRng.normal());
			mse += e * e;
		}
		mse /= m;
		mseSum += mse;
		mseSq += mse * mse;
		trainSum += fit.trainMse;
		const onSlice = predict(sliceDesign, ms, options.p, fit.beta);
		for (let i = 0; i < ms; i++) sliceSum[i] += onSlice[i];
		if (t < keep) {
			curves.push(pred);
			sliceCurves.push(onSlice);
		}
	}
	let bias2 = 0;
	let variance = 0;
	const meanPrediction = new Float64Array(m);
	for (let i = 0; i < m; i++) {
		const md = sum[i] / T;
		meanPrediction[i] = testF[i] + md;
		const v = (Math.max(0, sumSq[i] / T - md * md) * T) / (T - 1);
		bias2 += md * md - v / T;
		variance += v;
	}
	bias2 /= m;
	variance /= m;
	const testMse = mseSum / T;
	const sd = Math.sqrt(Math.max(0, (mseSq - T * testMse * testMse) / (T - 1)));
	const noise = sigma * sigma;
	return {
		p: options.p,
		bias2,
		variance,
		noise,
		expectedMse: bias2 + variance + noise,
		testMse,
		testMseSe: sd / Math.sqrt(T),
		trainMse: trainSum / T,
		testX,
		testF,
		meanPrediction,
		curves,
		slice: { t: setup.sliceT, f: setup.sliceF, meanPrediction: sliceSum.map((v) => v / T), curves: sliceCurves }
	};
}
