import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/data/rng';
import { examineProbability, makePopulation, noveltyFactor, showList } from '../../src/lib/data/population';
import { createOfflineOnlineApi } from '../../workers/offline-online.api';
import type { ModelId, OfflineOnlineConfig, OfflineOnlineResult } from '../../workers/offline-online.types';

const base: OfflineOnlineConfig = { seed: 1, users: 2000, items: 200, clickbaitShare: 0.1, positionBias: 1, novelty: 0, logSessions: 6000, slots: 5, pool: 30, days: 10, usersPerDay: 1500, alpha: 0.05 };

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

	it('clicks are not revenue: click models win the offline click AUC and CTR, the revenue model wins revenue', async () => {
		const r = await run({});
		expect(m(r, 'click-naive').offline.clickAuc).toBeGreaterThan(m(r, 'revenue').offline.clickAuc);
		expect(m(r, 'click-naive').online!.ctr.lift).toBeGreaterThan(m(r, 'revenue').online!.ctr.lift);
		expect(m(r, 'revenue').online!.revenue.ci[0]).toBeGreaterThan(m(r, 'click-naive').online!.revenue.ci[1]);
	});

	it('miscalibration: same model, worse log loss and ECE, and less revenue when probabilities are multiplied by value', async () => {
		const r = await run({});
		const cal = m(r, 'revenue');
		const mis = m(r, 'revenue-miscal');
		expect(mis.offline.logLoss!).toBeGreaterThan(cal.offline.logLoss!);
		expect(mis.offline.ece!).toBeGreaterThan(3 * cal.offline.ece!);
		expect(mis.online!.revenue.lift).toBeLessThan(cal.online!.revenue.lift);
	});

	it('strong position bias: the naive click model looks better offline and is worse online', async () => {
		const r = await run({ positionBias: 2 });
		expect(m(r, 'click-naive').offline.clickAuc).toBeGreaterThan(m(r, 'click-debiased').offline.clickAuc);
		expect(m(r, 'click-debiased').online!.revenue.ci[0]).toBeGreaterThan(m(r, 'click-naive').online!.revenue.ci[1]);
		// the logs show the position bias: the top slot gets far more clicks per impression
		const ctr = r.logged.clicksBySlot.map((c, k) => c / r.logged.impressionsBySlot[k]);
		expect(ctr[0]).toBeGreaterThan(3 * ctr[4]);
	});

	it('novelty inflates the early lift, and it fades', async () => {
		const r = await run({ novelty: 1.5, days: 12 });
		const d = m(r, 'click-debiased').online!.daily;
		expect(d[0].ctr).toBeGreaterThan(d[d.length - 1].ctr + 0.1);
		const plain = await run({ novelty: 0, days: 12 });
		expect(m(r, 'click-debiased').online!.ctr.lift).toBeGreaterThan(m(plain, 'click-debiased').online!.ctr.lift);
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
