/**
 * The capacity lab's lessons run against the lab's own computation: for every step's settings the worker's run gives
 * facts from which the answer is one of the step's choices (or a number in its range), the explanation has no
 * missing number, and the default run's answers are the ones the lab's science says (a peak; the variance largest
 * at the threshold; …). The quiz's answers are computed: another seed changes them.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/capacity/lessons';
import { capacityFacts } from '../../src/lib/labs/capacity/facts';
import { capacitySchema, toConfig, type CapacityParams } from '../../src/lib/labs/capacity/params';
import { runCapacity } from '../../src/lib/labs/capacity/worker/run';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(capacitySchema, new URLSearchParams(settings)).values as CapacityParams;
		cache.set(settings, capacityFacts(await runCapacity(toConfig(p))));
	}
	return cache.get(settings)!;
}

describe('capacity lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default answers are the science’s: a peak, interpolation from p = 42, variance at the threshold, smaller far past it, more data hurts', async () => {
		const [dd] = LESSONS;
		const ans = async (id: string) => {
			const s = dd.steps.find((x) => x.id === id)!;
			return s.answer(await factsFor(s.settings));
		};
		expect(await ans('shape')).toBe('double');
		expect(await ans('interpolate')).toBe(42);
		expect(await ans('threshold-terms')).toBe('variance');
		expect(await ans('wide')).toBe('smaller');
		expect(await ans('more-data')).toBe('rises');
		const rm = LESSONS[1];
		const verdicts = await Promise.all(rm.steps.map(async (s) => s.answer(await factsFor(s.settings))));
		expect(verdicts).toEqual(['no-peak', 'no-peak', 'no-peak', 'peak']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed([LESSONS[0]], factsFor, 2);
	}, 240_000);
});
