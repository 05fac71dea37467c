/**
 * One simulated experiment, day by day: visitors arrive (Poisson per day), each is assigned to the variant with
 * probability `split`, converts with the arm's rate and, in revenue mode, spends a log-normal order value. After each
 * day every method looks at the cumulative data and takes its decision.
 */
import { createRng, type Rng } from '$lib/data/rng';
import { normalCdf, studentTPpf } from '$lib/stats/distributions';
import { msprtPValue, probabilityVariantBeats, twoProportionZTest, welchTTest, wilsonInterval } from '$lib/stats/abtest';
import type { AnalysisOptions, ArmDay, DayArm, DayCounts, Decision, ExperimentConfig, ExperimentDay, ExperimentResult } from '../types';

interface Acc {
	n: number;
	conversions: number;
	sum: number;
	sumSq: number;
}

/** Log-normal order values with the given mean and standard deviation. */
function orderSampler(rng: Rng, mean: number, sd: number): () => number {
	const s2 = Math.log(1 + (sd * sd) / (mean * mean));
	const mu = Math.log(mean) - s2 / 2;
	const s = Math.sqrt(s2);
	return () => Math.exp(mu + s * rng.normal());
}

function armDay(a: Acc, mode: ExperimentConfig['mode'], alpha: number): ArmDay {
	if (mode === 'conversion') {
		const mean = a.n ? a.conversions / a.n : 0;
		return {
			n: a.n,
			conversions: a.conversions,
			mean,
			sd: Math.sqrt(mean * (1 - mean)),
			ci: a.n ? wilsonInterval({ conversions: a.conversions, visitors: a.n }, alpha) : [0, 1]
		};
	}
	const mean = a.n ? a.sum / a.n : 0;
	const sd = a.n > 1 ? Math.sqrt(Math.max(0, (a.sumSq - a.n * mean * mean) / (a.n - 1))) : 0;
	const half = a.n > 1 ? studentTPpf(1 - alpha / 2, a.n - 1) * (sd / Math.sqrt(a.n)) : Infinity;
	return { n: a.n, conversions: a.conversions, mean, sd, ci: [mean - half, mean + half] };
}

export function validateExperiment(c: ExperimentConfig): void {
	if (!(c.baselineRate > 0 && c.baselineRate < 1)) throw new RangeError(`The baseline rate must be between 0 and 1 (got ${c.baselineRate}).`);
	const p2 = c.baselineRate * (1 + c.lift);
	if (!(p2 > 0 && p2 < 1)) throw new RangeError(`A lift of ${(c.lift * 100).toFixed(1)}% puts the variant's rate at ${p2.toFixed(4)}, outside (0, 1).`);
	if (!(c.split > 0 && c.split < 1)) throw new RangeError(`The allocation split must be between 0 and 1 (got ${c.split}).`);
	if (!Number.isInteger(c.days) || c.days < 1) throw new RangeError(`The duration must be a whole number of days ≥ 1 (got ${c.days}).`);
	if (!(c.dailyTraffic >= 2)) throw new RangeError(`Daily traffic must be at least 2 visitors (got ${c.dailyTraffic}).`);
	if (!(c.orderValue > 0 && c.orderSd > 0)) throw new RangeError('Order value and its spread must be positive.');
}

/** Every method's look at the cumulative data after each day, as in `simulateExperiment`, for any day-by-day counts. */
export function analyseDays(daily: DayCounts[], c: AnalysisOptions): Omit<ExperimentResult, 'trueDiff'> {
	const acc: Acc[] = [
		{ n: 0, conversions: 0, sum: 0, sumSq: 0 },
		{ n: 0, conversions: 0, sum: 0, sumSq: 0 }
	];
	const days: ExperimentDay[] = [];
	let seqP = 1;
	const firstStop = { naive: 0, sequential: 0, bayes: 0 };
	let bayesVerdict: Decision = 'continue';
	let planDay = 0;
	const last = daily.length;
	for (let d = 1; d <= last; d++) {
		const today = daily[d - 1];
		[today.control, today.variant].forEach((arm, i) => {
			const a = acc[i];
			a.n += arm.n;
			a.conversions += arm.conversions;
			a.sum += arm.sum;
			a.sumSq += arm.sumSq;
		});
		const control = armDay(acc[0], c.mode, c.alpha);
		const variant = armDay(acc[1], c.mode, c.alpha);
		const diff = variant.mean - control.mean;
		let pValue = 1;
		let diffCi: [number, number] = [-Infinity, Infinity];
		let variance = Infinity;
		let pBeat = 0.5;
		const ready = acc[0].n >= 2 && acc[1].n >= 2;
		if (ready && c.mode === 'conversion') {
			const t = twoProportionZTest(
				{ conversions: acc[0].conversions, visitors: acc[0].n },
				{ conversions: acc[1].conversions, visitors: acc[1].n },
				{ alpha: c.alpha }
			);
			pValue = t.pValue;
			diffCi = t.ci;
			variance = (control.mean * (1 - control.mean)) / acc[0].n + (variant.mean * (1 - variant.mean)) / acc[1].n;
			pBeat = probabilityVariantBeats({ conversions: acc[0].conversions, visitors: acc[0].n }, { conversions: acc[1].conversions, visitors: acc[1].n });
		} else if (ready && (control.sd > 0 || variant.sd > 0)) {
			const t = welchTTest({ mean: control.mean, sd: control.sd, n: acc[0].n }, { mean: variant.mean, sd: variant.sd, n: acc[1].n }, { alpha: c.alpha });
			pValue = t.pValue;
			diffCi = t.ci;
			variance = (control.sd * control.sd) / acc[0].n + (variant.sd * variant.sd) / acc[1].n;
			pBeat = normalCdf(diff / Math.sqrt(variance));
		}
		if (ready && variance > 0 && Number.isFinite(variance)) seqP = msprtPValue(diff, variance, c.tau, seqP);
		if (!firstStop.naive && pValue < c.alpha) firstStop.naive = d;
		if (!firstStop.sequential && seqP < c.alpha) firstStop.sequential = d;
		if (!firstStop.bayes && (pBeat >= c.bayesThreshold || pBeat <= 1 - c.bayesThreshold)) {
			firstStop.bayes = d;
			bayesVerdict = pBeat >= c.bayesThreshold ? 'ship variant' : 'keep control';
		}
		const planReached = acc[0].n >= c.plannedControl && acc[1].n >= c.plannedVariant;
		if (!planDay && (planReached || d === last)) planDay = d;
		const stopped = (first: number, verdict: Decision, final: Decision): Decision =>
			first === 0 ? (d === last ? final : 'continue') : d === first ? verdict : 'stopped';
		days.push({
			day: d,
			control,
			variant,
			diff,
			diffCi,
			pValue,
			seqPValue: seqP,
			pBeat,
			decisions: {
				naive: stopped(firstStop.naive, 'significant', 'not significant'),
				fixed: !planDay ? 'wait' : d === planDay ? (pValue < c.alpha ? 'significant' : 'not significant') : 'stopped',
				sequential: stopped(firstStop.sequential, 'significant', 'not significant'),
				bayes: stopped(firstStop.bayes, bayesVerdict, 'continue')
			}
		});
	}
	const end = days[days.length - 1];
	return { days, planDay, planReached: !!end && end.control.n >= c.plannedControl && end.variant.n >= c.plannedVariant };
}

/** Simulated day-by-day counts of one experiment; `onOrder` sees every order value (revenue mode) as it is drawn. */
export function simulateDays(c: ExperimentConfig, onOrder?: (day: number, arm: number, value: number) => void): DayCounts[] {
	validateExperiment(c);
	const rng = createRng(c.seed);
	const traffic = rng.fork('traffic');
	const conv = rng.fork('conversions');
	const order = orderSampler(rng.fork('orders'), c.orderValue, c.orderSd);
	const rates = [c.baselineRate, c.baselineRate * (1 + c.lift)];
	const out: DayCounts[] = [];
	for (let d = 1; d <= c.days; d++) {
		const visitors = traffic.poisson(c.dailyTraffic);
		const nB = traffic.binomial(visitors, c.split);
		const arrivals = [visitors - nB, nB];
		const arms = arrivals.map((n, arm): DayArm => {
			const k = conv.binomial(n, rates[arm]);
			const a: DayArm = { n, conversions: k, sum: 0, sumSq: 0 };
			if (c.mode === 'revenue') {
				for (let i = 0; i < k; i++) {
					const v = order();
					onOrder?.(d, arm, v);
					a.sum += v;
					a.sumSq += v * v;
				}
			} else {
				a.sum = k;
				a.sumSq = k;
			}
			return a;
		});
		out.push({ label: String(d), control: arms[0], variant: arms[1] });
	}
	return out;
}

export function simulateExperiment(c: ExperimentConfig): ExperimentResult {
	const rates = [c.baselineRate, c.baselineRate * (1 + c.lift)];
	const trueDiff = c.mode === 'conversion' ? rates[1] - rates[0] : (rates[1] - rates[0]) * c.orderValue;
	return { ...analyseDays(simulateDays(c), c), trueDiff };
}
