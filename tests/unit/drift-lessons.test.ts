/**
 * The drift lab's lessons run against the lab's own computation: for every step's settings the worker's run (CPU
 * backend, as the lab's worker tests) gives facts from which the answer is one of the step's choices (or a number in
 * its range), with no missing number in any sentence; the default answers are pinned as measured, and another seed
 * changes the quizzes' answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/drift/lessons';
import { driftFacts } from '../../src/lib/labs/drift/facts';
import { driftSchema, toConfig, type DriftParams } from '../../src/lib/labs/drift/params';
import { createDriftApi } from '../../src/lib/labs/drift/worker/api';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createDriftApi();
const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const config = toConfig(parseParams(driftSchema, new URLSearchParams(settings)).values as DriftParams);
		const out = await api.run(config);
		if (out.status !== 'done') throw new Error('the run did not finish');
		cache.set(settings, driftFacts(out.result, config));
	}
	return cache.get(settings)!;
}

describe('drift lessons against the lab', () => {
	beforeAll(async () => {
		await api.init('cpu');
	});

	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default answers, as measured', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => s.answer(await factsFor(s.settings))));
		const [kind, drop, delay, covKind, paid, late] = await answers(0);
		expect([kind, covKind, paid]).toEqual(['silent-concept', 'covariate-only', 'not']);
		expect(drop).toBeCloseTo(0.344, 3);
		expect([delay, late]).toEqual([1, 10]);
		const [over, threshold, alarms, large, detector] = await answers(1);
		expect(over).toBe(41);
		expect(threshold).toBeCloseTo(0.72, 2);
		expect([alarms, large, detector]).toEqual(['none', 0, 'none']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 12);
	}, 240_000);
});
