/**
 * The rollout lab's lessons run against the lab's own computation: for every step's settings the worker's one run and
 * many-runs tally (as the page requests them) give facts from which the answer is one of the step's choices (or a
 * number in its range), with no missing number in any sentence; the default answers are pinned as measured, and
 * another seed changes the quizzes' answers.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/rollout/lessons';
import { rolloutFacts } from '../../src/lib/labs/rollout/facts';
import { manyConfig, rolloutSchema, toConfig, type RolloutParams } from '../../src/lib/labs/rollout/params';
import { createRolloutApi } from '../../src/lib/labs/rollout/worker/api';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createRolloutApi();
const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(rolloutSchema, new URLSearchParams(settings)).values as RolloutParams;
		const out = await api.many(manyConfig(p));
		if (out.status !== 'done') throw new Error('the many runs did not finish');
		cache.set(settings, rolloutFacts({ one: api.one(toConfig(p)), many: out.result }));
	}
	return cache.get(settings)!;
}

describe('rollout lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default answers, as measured', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => s.answer(await factsFor(s.settings))));
		const [reject, stage, more, fewest, regret, missed] = await answers(0);
		expect([reject, stage, more, fewest, regret]).toEqual(['reject', '0.01', 'abtest', 'abtest', 'tie']);
		expect(missed).toBeCloseTo(0.21, 3);
		const [canary, canaryShare, thompson, ab, which] = await answers(1);
		expect(canary).toBe('ship');
		expect(canaryShare).toBeCloseTo(0.985, 3);
		expect(thompson).toBeCloseTo(0.295, 3);
		expect([ab, which]).toEqual(['about', 'thompson']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 2);
	}, 240_000);
});
