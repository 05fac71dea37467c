/**
 * The capacity lab's computed sentences (pure, tested in Node). The peak sentence is the one pre-declared comparison
 * of ./evidence.ts over the seeds shown; the others describe this run's numbers with their Monte Carlo error.
 */
import { fmtNum, plural } from '$lib/format';
import { fmtP } from '$lib/sweep/verdict-text';
import type { Curve } from './curve';
import { interpolatesFrom, type PeakComparison } from './evidence';
import type { Inspection } from './types';

/** The comparison's sentence; `what` names the x ('p' for capacity, 'n' for training points). */
export function peakSentence(c: PeakComparison, what: 'p' | 'n'): string {
	const near = `${what} = ${c.threshold} (${what} = ${c.below} and ${c.above})`;
	const flanks = `${what} = ${c.left} and ${what} = ${c.right}`;
	const counted = `${c.above_} of ${c.seeds} seeds`;
	const test = `exact sign test over seeds, ${fmtP(c.p)}; one comparison declared in advance`;
	const ratio = `median ratio ${fmtNum(c.medianRatio, 2)}`;
	if (c.verdict === 'peak') return `A peak at the threshold: the test error near ${near} is above both ${flanks} in ${counted} (${ratio}; ${test}).`;
	if (c.verdict === 'no-peak') return `No peak at the threshold: the test error near ${near} is above both ${flanks} in only ${counted} (${ratio}; ${test}).`;
	return `Whether the error peaks near ${what} = ${c.threshold} is not distinguishable with these runs: above both ${flanks} in ${counted} (${ratio}; ${test}). More seeds can tell.`;
}

/** Where the fits interpolate: the smallest capacity from which every seed's training error is (numerically) zero. */
export function interpolationSentence(curves: Curve[], n: number, ridge: number): string | null {
	if (curves.length === 0) return null;
	const from = interpolatesFrom(curves, 1e-10);
	if (from === null)
		return ridge > 0
			? `With ridge λ = ${fmtNum(ridge, 3)} no capacity fits the ${n} training points exactly: the penalty keeps the fit from passing through every noisy label.`
			: null;
	return `From p = ${from} on, every fit passes through all ${n} training points (training error below 10⁻¹⁰ in ${plural(curves.length, 'seed')}): past p = n the least-squares solution is the one of minimum norm among the many that interpolate.`;
}

export function inspectionSentence(d: Inspection): string {
	const se = d.testMseSe;
	return (
		`At p = ${d.p}, over ${d.trainingSets} training sets: bias² ${fmtNum(Math.max(0, d.bias2), 3)}${d.bias2 < 0 ? ' (estimated slightly below 0: Monte Carlo error)' : ''}, ` +
		`variance ${fmtNum(d.variance, 3)}, noise σ² ${fmtNum(d.noise, 3)}; their sum ${fmtNum(d.expectedMse, 3)} against the error measured on fresh noisy test labels ` +
		`${fmtNum(d.testMse, 3)} ± ${fmtNum(1.96 * se, 2)} (95% Monte Carlo interval). ${dominance(d)}`
	);
}

/** Which term is larger, said only when one is more than three times the other (both estimated over the same sets). */
function dominance(d: Inspection): string {
	if (d.variance > 3 * Math.max(0, d.bias2)) return 'Variance dominates: each fit follows its own training set’s noise.';
	if (d.bias2 > 3 * d.variance) return 'Bias dominates: on average the fits miss the target (too few features, or too much penalty).';
	return 'Bias² and variance are of similar size.';
}
