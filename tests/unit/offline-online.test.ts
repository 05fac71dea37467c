import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { examineProbability, makePopulation, noveltyFactor, noveltyFadedBy, showList } from '../../src/lib/labs/offline-online/worker/population';
import { createOfflineOnlineApi } from '../../src/lib/labs/offline-online/worker/api';
import { stageWeights, weightedFraction } from '../../src/lib/labs/offline-online/worker/simulate';
import type { ModelId, OfflineOnlineConfig, OfflineOnlineResult } from '../../src/lib/labs/offline-online/types';

const base: OfflineOnlineConfig = {
	seed: 1,
	users: 2000,
	items: 200,
	clickbaitShare: 0.1,
	positionBias: 1,
	novelty: 0,
	logSessions: 6000,
	slots: 5,
	pool: 30,
	days: 10,
	usersPerDay: 1500,
	alpha: 0.05
};

describe('simulated population', () => {
	it('position bias: lower slots are examined less; novelty fades', () => {
		const p = makePopulation({ users: 50, items: 50, clickbaitShare: 0.1, positionBias: 1.5 }, createRng(1));
		expect(examineProbability(p, 0)).toBe(1);
		expect(examineProbability(p, 3)).toBeCloseTo(0.125, 12);
		expect(noveltyFactor(1, 0)).toBe(2);
		expect(noveltyFactor(1, 9)).toBeLessThan(1.06);
		const rng = createRng(2);
		let top = 0;
		let bottom = 0;
		for (let s = 0; s < 4000; s++) {
			const shown = showList(p, s % 50, [0, 1, 2, 3, 4], rng);
			top += shown[0].click;
			bottom += shown[4].click;
		}
		expect(top).toBeGreaterThan(3 * bottom);
		expect(() => makePopulation({ users: 50, items: 50, clickbaitShare: 2, positionBias: 1 }, createRng(1))).toThrow(/clickbait/);
	});
});

describe('novelty acts on click propensity', () => {
	it('raises clicks with no position bias and in the top slot (examination is already 1 there)', () => {
		const p = makePopulation({ users: 50, items: 50, clickbaitShare: 0.1, positionBias: 0 }, createRng(1));
		const clicks = (factor: number) => {
			const rng = createRng(9);
			let top = 0;
			let all = 0;
			for (let s = 0; s < 6000; s++) {
				const shown = showList(p, s % 50, [0, 1, 2, 3, 4], rng, factor);
				top += shown[0].click;
				all += shown.reduce((t, im) => t + im.click, 0);
			}
			return { top, all };
		};
		const none = clicks(noveltyFactor(0, 0));
		const strong = clicks(noveltyFactor(3, 0));
		const mild = clicks(noveltyFactor(1, 0));
		expect(strong.top).toBeGreaterThan(1.5 * none.top);
		expect(strong.all).toBeGreaterThan(mild.all);
		expect(mild.all).toBeGreaterThan(none.all);
	});
	it('the boost fades below 5% after 3·ln(ν/0.05) days', () => {
		expect(noveltyFadedBy(0)).toBe(0);
		expect(noveltyFadedBy(1.5)).toBe(11);
		expect(noveltyFactor(1.5, 11)).toBeLessThan(1.05);
		expect(noveltyFactor(1.5, 10)).toBeGreaterThan(1.05);
	});
});

describe('progress weighted by cost', () => {
	it('at the largest settings, logging and training are a few percent of the work; the shares add up', () => {
		const heavy = { ...base, logSessions: 40000, usersPerDay: 20000, days: 60, pool: 200 };
		const w = stageWeights(heavy);
		expect(weightedFraction(2, w)).toBeLessThan(0.05);
		expect(weightedFraction(6, w)).toBe(1);
		expect(weightedFraction(0, w)).toBe(0);
		expect(weightedFraction(3.5, w)).toBeGreaterThan(weightedFraction(3, w));
	});
});

describe('offline vs online (CPU backend)', () => {
	const api = createOfflineOnlineApi();
	beforeAll(async () => {
		await api.init('cpu');
	});
	async function run(c: Partial<OfflineOnlineConfig>): Promise<OfflineOnlineResult> {
		const out = await api.run({ ...base, ...c });
		if (out.status !== 'done') throw new Error('cancelled');
		return out.result;
	}
	const m = (r: OfflineOnlineResult, id: ModelId) => r.models.find((x) => x.id === id)!;
	/** The default settings' run, simulated once and shared by the tests that read it. */
	let defaults: Promise<OfflineOnlineResult> | null = null;
	const atDefaults = () => (defaults ??= run({}));

	it('clicks are not revenue: click models win the offline click AUC and CTR, the revenue model wins revenue', async () => {
		const r = await atDefaults();
		expect(m(r, 'click-naive').offline.clickAuc).toBeGreaterThan(m(r, 'revenue').offline.clickAuc);
		expect(m(r, 'click-naive').online!.ctr.lift).toBeGreaterThan(m(r, 'revenue').online!.ctr.lift);
		expect(m(r, 'revenue').online!.revenue.ci[0]).toBeGreaterThan(m(r, 'click-naive').online!.revenue.ci[1]);
	});

	it('miscalibration: same model, worse log loss and ECE, and less revenue when probabilities are multiplied by value', async () => {
		const r = await atDefaults();
		const cal = m(r, 'revenue');
		const mis = m(r, 'revenue-miscal');
		// The purchase probability's AUC is identical (logits × 3 keeps the order); the ranking score's click AUC is not.
		expect(mis.offline.ownAuc).toBe(cal.offline.ownAuc);
		expect(mis.offline.clickAuc).not.toBe(cal.offline.clickAuc);
		// Every reliability bin has data (equal-count bins): the lesson's series is visible, not a dot at the origin.
		expect(mis.offline.calibration).toHaveLength(10);
		for (const b of mis.offline.calibration) expect(b.count).toBeGreaterThan(100);
		// Logits × 3 on a rare event pushes every probability toward 0: it predicts far fewer purchases than happen.
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		expect(sum(mis.offline.calibration.map((b) => b.predicted))).toBeLessThan(0.3 * sum(mis.offline.calibration.map((b) => b.observed)));
		const calRatio = sum(cal.offline.calibration.map((b) => b.predicted)) / sum(cal.offline.calibration.map((b) => b.observed));
		expect(calRatio).toBeGreaterThan(0.8);
		expect(calRatio).toBeLessThan(1.25);
		expect(mis.offline.logLoss!).toBeGreaterThan(cal.offline.logLoss!);
		expect(mis.offline.ece!).toBeGreaterThan(3 * cal.offline.ece!);
		expect(mis.online!.revenue.lift).toBeLessThan(cal.online!.revenue.lift);
	});

	it('strong position bias: the naive click model looks better offline and gets fewer clicks online; IPW reduces the bias of popularity', async () => {
		const r = await run({ positionBias: 2 });
		expect(m(r, 'click-naive').offline.clickAuc).toBeGreaterThan(m(r, 'click-debiased').offline.clickAuc);
		expect(m(r, 'click-debiased').online!.ctr.ci[0]).toBeGreaterThan(m(r, 'click-naive').online!.ctr.ci[1]);
		// Raw CTR's error is strongly tied to the slots an item was logged in; inverse-propensity weighting cuts that.
		expect(r.popularityBias.raw).toBeLessThan(-0.5);
		expect(Math.abs(r.popularityBias.ipw)).toBeLessThan(Math.abs(r.popularityBias.raw) / 2);
		// the logs show the position bias: the top slot gets far more clicks per impression
		const ctr = r.logged.clicksBySlot.map((c, k) => c / r.logged.impressionsBySlot[k]);
		expect(ctr[0]).toBeGreaterThan(3 * ctr[4]);
	});

	it('novelty inflates the early lift, and it fades; the steady-state lift excludes the first days', async () => {
		const r = await run({ novelty: 1.5, days: 12 });
		const d = m(r, 'click-debiased').online!.daily;
		expect(d[0].ctr).toBeGreaterThan(d[d.length - 1].ctr + 0.1);
		const online = m(r, 'click-debiased').online!;
		expect(online.steady!.fromDay).toBe(12); // 1.5·e^(−d/3) < 5% from day index 11 (the 12th day) on
		// The cumulative lift carries the boost of the first days; the steady-state lift does not.
		expect(online.steady!.ctr.lift).toBeLessThan(online.ctr.lift - 0.03);
	});

	it('is reproducible, supersedes older runs, frees tensors, and explains bad settings', async () => {
		const n0 = tf.memory().numTensors;
		const small = { logSessions: 800, usersPerDay: 200, days: 3 };
		const a = await run(small);
		expect((await run(small)).models.map((x) => x.offline.clickAuc)).toEqual(a.models.map((x) => x.offline.clickAuc));
		const first = api.run({ ...base, days: 60 });
		const second = api.run({ ...base, ...small });
		expect((await first).status).toBe('cancelled');
		expect((await second).status).toBe('done');
		expect(tf.memory().numTensors).toBe(n0);
		await expect(api.run({ ...base, pool: 2 })).rejects.toThrow(/candidates/);
	});
});
