/**
 * The A/B lab's lessons run against the lab's own computation: for every step's settings the worker's experiment and
 * A/A peeking tally (as the page requests them) give facts from which the answer is one of the step's choices (or a
 * number in its range), with no missing number in any sentence; the default answers are pinned as measured, and
 * another seed changes the quiz's answers.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/abtest/lessons';
import { abtestFacts } from '../../src/lib/labs/abtest/facts';
import { abtestSchema, experimentConfig, peekingConfig, type AbtestParams } from '../../src/lib/labs/abtest/params';
import { createAbtestApi } from '../../src/lib/labs/abtest/worker/api';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createAbtestApi();
const cache = new Map<string, Facts>();
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(abtestSchema, new URLSearchParams(settings)).values as AbtestParams;
		const config = experimentConfig(p);
		const out = await api.peeking(peekingConfig(p));
		if (out.status !== 'done') throw new Error('peeking did not finish');
		cache.set(settings, abtestFacts({ config, experiment: api.experiment(config), peeking: out.result }));
	}
	return cache.get(settings)!;
}

describe('abtest lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default answers, as measured', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => s.answer(await factsFor(s.settings))));
		const peek = await answers(0);
		expect(peek.slice(0, 2)).toEqual(['winner', 'not significant']);
		expect(peek[2]).toBeCloseTo(0.276, 3);
		expect(peek[3]).toBe('about');
		expect(peek[4]).toBeCloseTo(0.165, 3);
		expect(peek[5]).toBe('below');
		const ns = await answers(1);
		expect(ns[0]).toBe('not');
		expect(ns[1]).toBe('both');
		expect(ns[2]).toBeGreaterThan(100000);
		expect(ns.slice(3)).toEqual(['sig', 'bounds']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 2);
	}, 240_000);
});
