/**
 * The scaling lab's lessons run against the lab's own training (CPU backend, as in scaling-worker.test.ts): for every
 * step's settings the worker trains every scaling to the last step and computes the loss surfaces as the page does,
 * and the facts give an answer among the step's choices and explanations with no missing number. The default seed's
 * answers are pinned; another seed changes the quiz's answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createScalingApi } from '../../src/lib/labs/scaling/worker/api';
import { scalingSchema, toConfig, toSurface, type ScalingParams } from '../../src/lib/labs/scaling/params';
import { scalingFacts } from '../../src/lib/labs/scaling/facts';
import { LESSONS } from '../../src/lib/labs/scaling/lessons';
import { parseParams } from '../../src/lib/url/schema';
import type { ScalingProgress } from '../../src/lib/labs/scaling/types';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createScalingApi();
const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(scalingSchema, new URLSearchParams(settings)).values as ScalingParams;
		await api.setup(toConfig(p));
		let last: ScalingProgress | null = null;
		await api.train(p.steps, (q) => (last = q), 0);
		const progress = last as unknown as ScalingProgress;
		expect(progress.step).toBe(p.steps);
		cache.set(settings, scalingFacts(progress, api.surfaces(toSurface(p)), p));
	}
	return cache.get(settings)!;
}

describe('scaling lessons against the lab', () => {
	beforeAll(async () => {
		await api.init('cpu');
	});

	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default seed’s answers', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => s.answer(await factsFor(s.settings))));
		expect(await answers(0)).toEqual(['raw', 'lt1e5', 'crawls', 'crawls', 'oscillating']);
		expect(await answers(1)).toEqual(['same', 'differ', 'higher', 'barely']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 6);
	}, 240_000);
});
