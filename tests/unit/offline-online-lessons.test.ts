/**
 * The offline vs online lab's lessons run against the lab's own pipeline (TF.js on the CPU backend, as its worker
 * test does): for every step's settings the run gives facts from which the answer is one of the step's choices (or a
 * number in its range), the texts have no missing number, and the default seed's answers are the ones measured (the
 * click model wins offline, the revenue model earns more online with fewer clicks; …). The quiz's answers follow the seed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/offline-online/lessons';
import { offlineOnlineFacts } from '../../src/lib/labs/offline-online/facts';
import { offlineOnlineSchema, toConfig, type OfflineOnlineParams } from '../../src/lib/labs/offline-online/params';
import { createOfflineOnlineApi } from '../../src/lib/labs/offline-online/worker/api';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createOfflineOnlineApi();
beforeAll(async () => void (await api.init('cpu')));

const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const config = toConfig(parseParams(offlineOnlineSchema, new URLSearchParams(settings)).values as OfflineOnlineParams);
		const out = await api.run(config);
		if (out.status !== 'done') throw new Error('cancelled');
		cache.set(settings, offlineOnlineFacts(out.result, config));
	}
	return cache.get(settings)!;
}
const answerOf = async (lesson: number, id: string) => {
	const s = LESSONS[lesson].steps.find((x) => x.id === id)!;
	return s.answer(await factsFor(s.settings));
};

describe('offline vs online lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
			for (const step of lesson.steps)
				for (const [k, v] of Object.entries(await factsFor(step.settings)))
					if (typeof v === 'number') expect(Number.isFinite(v), `${step.id}: ${k}`).toBe(true);
		}, 240_000);

	it('the default seed’s answers, as measured', async () => {
		expect(await answerOf(0, 'offline-pick')).toBe('click-naive');
		expect(await answerOf(0, 'revenue-online')).toBe('b');
		expect(await answerOf(0, 'fewer-clicks')).toBe('down');
		expect(await answerOf(0, 'position')).toBe('b');
		expect(await answerOf(0, 'popularity-bias')).toBeCloseTo(-0.875, 2);
		expect(await answerOf(1, 'same-auc')).toBe('same');
		expect(await answerOf(1, 'ece')).toBe('larger');
		expect(await answerOf(1, 'miscal-revenue')).toBe('cannot-tell');
		expect(await answerOf(1, 'novelty-day1')).toBe('a');
		expect(await answerOf(1, 'novelty-steady')).toBeCloseTo(0.084, 2);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 2);
	}, 240_000);

	it('the quiz says why the lasting lift starts on its day: faded, the second half, or still novel on the last day', async () => {
		const why = async (settings: string) => {
			const quiz = LESSONS.find((l) => l.quiz.items.some((q) => q.id === 'from-day'))!.quiz;
			const q = new URLSearchParams(quiz.settings);
			for (const [k, v] of new URLSearchParams(settings)) q.set(k, v);
			const f = await factsFor(q.toString());
			return { f, text: quiz.items.find((q) => q.id === 'from-day')!.why(f) };
		};
		// ν = 3 fades below 5% from day 14 (3·ln(60) = 12.3 → 0-based 13): past a 7-day test's last day.
		const short = await why('novelty=3&days=7');
		expect(short.f.fadedFrom).toBe(14);
		expect(short.text).toMatch(/^Day 7, the last day: .*still above 5%.*day 14/);
		const none = await why('novelty=0&days=14');
		expect(none.text).toBe('Day 8: with no novelty boost the lab counts the second half of the test.');
		const long = await why('novelty=3&days=28');
		expect(long.text).toBe(
			'Day 15, the second half of the test: the boost ν·e^(−d/3) (d = 0 on the first day) is below 5% from day 14 already, and the lab counts at most the second half.'
		);
		const faded = await why('novelty=3&days=20');
		expect(faded.text).toBe('Day 14: from then on the boost ν·e^(−d/3) (d = 0 on the first day) is below 5%.');
	}, 240_000);
});
