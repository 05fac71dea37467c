/**
 * The A/B lab's sentences: one probability format everywhere (never a rounded 0% or 100%), a space at every join of
 * two sentences, and a fixed-horizon sentence that says either "reached on day N" or "not reached", never both.
 */
import { describe, expect, it } from 'vitest';
import { fmtProb } from '../../src/lib/format';
import { conversionReport } from '../../src/lib/labs/abtest/report';
import { importErrorText, importSummaryText, planText, probIs, sentences, statusText } from '../../src/lib/labs/abtest/sentences';
import { createAbtestApi } from '../../src/lib/labs/abtest/worker/api';
import type { ExperimentConfig } from '../../src/lib/labs/abtest/types';

const exp: ExperimentConfig = {
	mode: 'conversion',
	baselineRate: 0.1,
	lift: 0.1,
	dailyTraffic: 2000,
	split: 0.5,
	days: 28,
	alpha: 0.05,
	seed: 1,
	orderValue: 50,
	orderSd: 40,
	tau: 0.01,
	plannedControl: 15000,
	plannedVariant: 15000,
	bayesThreshold: 0.975
};
const blob = (text: string) => new Blob([text]);
const RULES = { alpha: 0.05, bayesThreshold: 0.975, mde: 0.1, relative: true, power: 0.8 };

/** Two sentences (or clauses) run together: a stop with the next sentence's capital, bracket or quote right after it. */
const RUN_TOGETHER = /[.;:!?][A-Z(“]/;

describe('the probability formatter', () => {
	it('one decimal, and never a certainty at either end', () => {
		expect(fmtProb(0.9997)).toBe('> 99.9%');
		expect(fmtProb(0.977)).toBe('97.7%');
		expect(fmtProb(0.0002)).toBe('< 0.1%');
		expect(fmtProb(1)).toBe('> 99.9%');
		expect(fmtProb(0)).toBe('< 0.1%');
		expect(fmtProb(0.999)).toBe('99.9%');
		expect(fmtProb(0.001)).toBe('0.1%');
		expect(fmtProb(0.99949)).toBe('> 99.9%');
		expect(fmtProb(0.5)).toBe('50.0%');
		expect(fmtProb(NaN)).toBe('–');
	});
	it('an observed share may be exactly none or all', () => {
		expect(fmtProb(0, { exact: true })).toBe('0%');
		expect(fmtProb(1, { exact: true })).toBe('100%');
		expect(fmtProb(0.0002, { exact: true })).toBe('< 0.1%');
		expect(fmtProb(0.05, { exact: true })).toBe('5.0%');
	});
	it('after its name: "= 97.7%", "> 99.9%", "< 0.1%"', () => {
		expect(probIs(0.977)).toBe('= 97.7%');
		expect(probIs(0.9997)).toBe('> 99.9%');
		expect(probIs(0.0002)).toBe('< 0.1%');
	});
	it('the report says "> 99.9%" where p = 3e-4, not 100%', () => {
		const r = conversionReport({ conversions: 500, visitors: 10000 }, { conversions: 620, visitors: 10000 }, 0.05);
		expect(r.pValue).toBeLessThan(1e-3);
		expect(r.pValue).toBeGreaterThan(1e-4);
		expect(r.lines).toContain('P(variant beats control) > 99.9% (Beta(1, 1) priors)');
		const low = conversionReport({ conversions: 620, visitors: 10000 }, { conversions: 500, visitors: 10000 }, 0.05);
		expect(low.lines).toContain('P(variant beats control) < 0.1% (Beta(1, 1) priors)');
		const mid = conversionReport({ conversions: 500, visitors: 10000 }, { conversions: 550, visitors: 10000 }, 0.05);
		expect(mid.lines.join('\n')).toMatch(/P\(variant beats control\) = \d\d\.\d% \(Beta/);
	});
});

describe('the status line', () => {
	it('has its space before "Unknown to the analyst" and the same digits as the report', () => {
		const api = createAbtestApi();
		for (const lift of [0, 0.1, 0.3]) {
			const r = api.experiment({ ...exp, lift });
			r.days.forEach((day) => {
				const truth = lift === 0 ? 'there is no real difference (A/A)' : 'the true difference is 1.00 pp';
				const text = statusText(day, r.days.length, 'conversion', truth);
				expect(text).not.toMatch(RUN_TOGETHER);
				expect(text).toMatch(/; P\(variant better\) (= \d+\.\d%|> 99\.9%|< 0\.1%)\. Unknown to the analyst, /);
				const status = text.match(/P\(variant better\) ([=<>] [\d.]+%)/)![1];
				const report = conversionReport(
					{ conversions: day.control.conversions, visitors: day.control.n },
					{ conversions: day.variant.conversions, visitors: day.variant.n },
					0.05
				)
					.lines.join('\n')
					.match(/P\(variant beats control\) ([=<>] [\d.]+%)/)![1];
				expect(status).toBe(report);
			});
		}
		const last = api.experiment({ ...exp, lift: 0.3 });
		expect(statusText(last.days[27], 28, 'conversion', null)).toMatch(/P\(variant better\) > 99\.9%\.$/);
	});
});

describe('sentences that join parts', () => {
	it('an import error and the note that the data read before stays are two sentences', () => {
		const error = 'Column “arm” has more than two values (“A”, “B”, “C” by row 9): this lab compares two arms.';
		expect(importErrorText(error, true)).toBe(`${error} The data read before is still shown.`);
		expect(importErrorText(error, false)).toBe(error);
		expect(importErrorText('The file could not be read', true)).toBe('The file could not be read. The data read before is still shown.');
		expect(sentences('a.', null, false, 'b', '')).toBe('a. b.');
	});

	it('the planned sample: reached on a day, or not reached — never both', () => {
		const api = createAbtestApi();
		const reached = api.experiment(exp);
		expect(reached.planReached).toBe(true);
		expect(planText(reached)).toBe(`Fixed horizon: planned sample reached on day ${reached.planDay}; its test looks then.`);
		const short = api.experiment({ ...exp, days: 5 });
		expect(short.planReached).toBe(false);
		expect(planText(short)).toBe('Fixed horizon: planned sample not reached within the 5 days, so its test on the last day (day 5) is underpowered.');
		expect(planText(short)).not.toMatch(/reached on day/);
		expect(planText(api.experiment({ ...exp, days: 1 }))).toContain('not reached within the one day');
		const none = api.experiment({ ...exp, plannedControl: Number.MAX_SAFE_INTEGER, plannedVariant: Number.MAX_SAFE_INTEGER });
		expect(planText(none)).toBe('Fixed horizon: no planned sample, so its test looks once, on the last day (day 28).');
	});

	it('the user’s revenue data has no plan; their conversions do', async () => {
		const api = createAbtestApi();
		await api.importData(blob('arm,revenue\nA,0\nB,5\nA,3\nB,0\n'));
		expect(planText(api.analyseOwn(RULES)!)).toBe('Fixed horizon: no planned sample, so its test looks once, on the last day (day 1).');
		await api.importData(blob('day,visitors_a,conversions_a,visitors_b,conversions_b\n1,100,10,100,12\n2,100,9,100,13\n'));
		expect(planText(api.analyseOwn(RULES)!)).toMatch(/^Fixed horizon: planned sample not reached within the 2 days/);
	});

	it('import summaries and errors never run two sentences together', async () => {
		const api = createAbtestApi();
		const files = [
			'date,arm,converted\n2026-01-02,control,1\n2026-01-01,variant,0\n',
			'date;group;revenue\n01.02.2026;A;17,99\n02.02.2026;B;0\n',
			'arm,converted\nA,1\nB,0\n',
			'day,visitors_a,conversions_a,visitors_b,conversions_b\n1,10,1,10,2\n'
		];
		for (const f of files) {
			const out = await api.importData(blob(f));
			if (out.status !== 'done') throw new Error('cancelled');
			expect(importSummaryText(out.result)).not.toMatch(RUN_TOGETHER);
		}
		for (const bad of ['arm,converted\nA,1\nB,0\nC,1\n', 'date,arm,converted\n2026-01-01,A,1\nlater,B,0\n', 'day,visitors_a\n1,2\n']) {
			const message = await api.importData(blob(bad)).then(
				() => '',
				(e: Error) => e.message
			);
			expect(message).not.toBe('');
			expect(importErrorText(message, true)).not.toMatch(RUN_TOGETHER);
		}
	});
});
