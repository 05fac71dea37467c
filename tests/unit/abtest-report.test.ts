import { describe, expect, it } from 'vitest';
import { conversionReport } from '../../src/lib/labs/abtest/report';
import { daysFor, experimentConfig, plan, tau, type AbtestParams } from '../../src/lib/labs/abtest/params';
import { abtestSchema } from '../../src/lib/labs/abtest/params';
import { defaults } from '../../src/lib/url/schema';

describe('A/B results report', () => {
	it('states rates, difference, interval, p-value and decision from the counts', () => {
		const r = conversionReport({ conversions: 1204, visitors: 12000 }, { conversions: 1310, visitors: 12050 }, 0.05);
		const text = r.lines.join('\n');
		expect(text).toContain('Control: 1,204 / 12,000 = 10.03%');
		expect(text).toContain('Variant: 1,310 / 12,050 = 10.87%');
		expect(text).toContain('Difference: +0.84 pp');
		expect(text).toMatch(/95% CI \[\+0\.\d\d pp, \+1\.\d\d pp\]/);
		expect(text).toContain('significant at α = 0.05');
		expect(r.significant).toBe(true);
		// z² equals the 2×2 chi-square statistic
		const z = Number(/z = (-?[\d.]+)/.exec(text)![1]);
		const chi = Number(/Chi-square \(1 df, no correction\) = ([\d.]+)/.exec(text)![1]);
		expect(z * z).toBeCloseTo(chi, 2);
	});
	it('refuses impossible counts with the reason', () => {
		expect(() => conversionReport({ conversions: 50, visitors: 40 }, { conversions: 1, visitors: 10 }, 0.05)).toThrow(/more conversions/);
		expect(() => conversionReport({ conversions: 0, visitors: 0 }, { conversions: 1, visitors: 10 }, 0.05)).toThrow(/no visitors/);
	});
});

describe('A/B plan from the settings', () => {
	const p: AbtestParams = { ...defaults(abtestSchema) };
	it('computes visitors per arm and days at the current traffic', () => {
		const pl = plan(p);
		expect(pl.arms!.control).toBeGreaterThan(10000);
		expect(pl.arms!.variant).toBe(pl.arms!.control);
		expect(daysFor(pl.arms!, p)).toBe(Math.ceil(pl.arms!.control / 2000));
		expect(experimentConfig(p).plannedControl).toBe(pl.arms!.control);
		expect(experimentConfig(p).plannedVariant).toBe(pl.arms!.variant);
		expect(tau(p)).toBeCloseTo(0.01, 12);
		expect(tau({ ...p, mode: 'revenue' })).toBeCloseTo(0.5, 12);
	});
	it('explains an impossible plan instead of failing', () => {
		const pl = plan({ ...p, base: 0.9, mde: 0.5 });
		expect(pl.arms).toBeNull();
		expect(pl.error).toMatch(/outside \(0, 1\)/);
	});
});
