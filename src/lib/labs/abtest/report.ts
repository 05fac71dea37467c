/**
 * The plain-text results summary a user can paste into a report, for a conversion experiment given as counts.
 * Computed with the numeric core; throws (with the core's message) on impossible counts.
 */
import { probIs } from './sentences';
import { chiSquareTest, probabilityVariantBeats, twoProportionZTest, welchTTest, type Arm } from '$lib/stats/abtest';

function pct(x: number, digits = 2): string {
	return `${(100 * x).toFixed(digits)}%`;
}

function pp(x: number): string {
	const v = 100 * x;
	return `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(2)} pp`;
}

function pFmt(p: number): string {
	if (p < 1e-4) return p.toExponential(1).replace('e-', '×10^-');
	return p.toFixed(4);
}

export interface ConversionReport {
	lines: string[];
	significant: boolean;
	pValue: number;
	ci: [number, number];
}

export function conversionReport(control: Arm, variant: Arm, alpha: number): ConversionReport {
	const t = twoProportionZTest(control, variant, { alpha });
	const chi = chiSquareTest([
		[control.conversions, control.visitors - control.conversions],
		[variant.conversions, variant.visitors - variant.conversions]
	]);
	const beat = probabilityVariantBeats(control, variant);
	const level = `${Math.round((1 - alpha) * 1000) / 10}%`;
	const n = (x: number) => x.toLocaleString('en-US');
	const lines = [
		`A/B test result — two-proportion z-test, two-sided, α = ${alpha}`,
		`Control: ${n(control.conversions)} / ${n(control.visitors)} = ${pct(t.rateControl)}`,
		`Variant: ${n(variant.conversions)} / ${n(variant.visitors)} = ${pct(t.rateVariant)}`,
		`Difference: ${pp(t.diff)}${t.relativeLift === null ? '' : ` (relative ${t.relativeLift >= 0 ? '+' : '−'}${Math.abs(100 * t.relativeLift).toFixed(1)}%)`}, ${level} CI [${pp(t.ci[0])}, ${pp(t.ci[1])}]`,
		`z = ${t.z.toFixed(3)}, p = ${pFmt(t.pValue)} → ${t.significant ? `significant at α = ${alpha}` : `not significant at α = ${alpha}`}`,
		`Chi-square (1 df, no correction) = ${chi.statistic.toFixed(3)}, p = ${pFmt(chi.pValue)}`,
		`P(variant beats control) ${probIs(beat)} (Beta(1, 1) priors)`
	];
	return { lines, significant: t.significant, pValue: t.pValue, ci: t.ci };
}

export interface MeanStats {
	mean: number;
	sd: number;
	n: number;
}

/** Summary for a continuous metric (revenue per visitor), Welch's t-test. */
export function revenueReport(control: MeanStats, variant: MeanStats, alpha: number): ConversionReport {
	const t = welchTTest(control, variant, { alpha });
	const level = `${Math.round((1 - alpha) * 1000) / 10}%`;
	const money = (x: number) => `${x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)}`;
	const n = (x: number) => x.toLocaleString('en-US');
	const lines = [
		`A/B test result — Welch's t-test on revenue per visitor, two-sided, α = ${alpha}`,
		`Control: mean ${money(control.mean)} (sd ${control.sd.toFixed(2)}, n = ${n(control.n)})`,
		`Variant: mean ${money(variant.mean)} (sd ${variant.sd.toFixed(2)}, n = ${n(variant.n)})`,
		`Difference: ${money(variant.mean - control.mean)} per visitor${control.mean !== 0 ? ` (relative ${(((variant.mean - control.mean) / control.mean) * 100).toFixed(1)}%)` : ''}, ${level} CI [${money(t.ci[0])}, ${money(t.ci[1])}]`,
		`t = ${t.t.toFixed(3)}, df = ${t.df.toFixed(1)}, p = ${pFmt(t.pValue)} → ${t.pValue < alpha ? 'significant' : 'not significant'} at α = ${alpha}`
	];
	return { lines, significant: t.pValue < alpha, pValue: t.pValue, ci: t.ci };
}
