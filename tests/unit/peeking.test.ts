/**
 * Property test of the sequential method: under the null (A/A), a naive z-test checked at 20 peeks rejects far
 * more often than alpha, while the mSPRT's always-valid p-value stays at or below alpha.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { sequentialPValues, twoProportionZTest, type Arm } from '../../src/lib/stats/abtest';

describe('peeking under the null, 2,000 seeded A/A experiments × 20 peeks', () => {
	it('naive peeking inflates the false positive rate; the fixed horizon and the mSPRT do not', () => {
		const rng = createRng(7);
		const experiments = 2000;
		const peeks = 20;
		const perPeek = 400; // visitors per arm between peeks
		const rate = 0.1;
		const alpha = 0.05;
		let naive = 0;
		let fixed = 0;
		let sequential = 0;
		for (let e = 0; e < experiments; e++) {
			const c: Arm = { conversions: 0, visitors: 0 };
			const v: Arm = { conversions: 0, visitors: 0 };
			const looks: Array<{ control: Arm; variant: Arm }> = [];
			let rejectedEarly = false;
			let last = 1;
			for (let k = 0; k < peeks; k++) {
				c.conversions += rng.binomial(perPeek, rate);
				c.visitors += perPeek;
				v.conversions += rng.binomial(perPeek, rate);
				v.visitors += perPeek;
				looks.push({ control: { ...c }, variant: { ...v } });
				last = twoProportionZTest(c, v, { alpha }).pValue;
				if (last < alpha) rejectedEarly = true;
			}
			if (rejectedEarly) naive++;
			if (last < alpha) fixed++;
			const seq = sequentialPValues(looks, 0.02);
			if (seq[seq.length - 1] < alpha) sequential++;
		}
		const naiveRate = naive / experiments;
		const fixedRate = fixed / experiments;
		const seqRate = sequential / experiments;
		// 20 looks inflate the type I error to roughly 4–5× alpha.
		expect(naiveRate).toBeGreaterThan(3 * alpha);
		// The fixed horizon is at alpha up to sampling error (3 standard errors).
		expect(Math.abs(fixedRate - alpha)).toBeLessThan(3 * Math.sqrt((alpha * (1 - alpha)) / experiments));
		expect(seqRate).toBeLessThanOrEqual(alpha);
	});
});
