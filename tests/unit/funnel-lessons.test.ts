/**
 * The funnel lab's lessons run against the lab's own pipeline: for every step's settings the worker's run gives facts
 * from which the answer is one of the step's choices (or a number in its range), the texts have no missing number,
 * and the default seed's answers are the ones measured (in-batch negatives push popular items down; the logQ
 * correction brings them back up and narrows the catalogue; …). The quiz's answers follow the seed.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/funnel/lessons';
import { funnelFacts } from '../../src/lib/labs/funnel/facts';
import { funnelSchema, toConfig, type FunnelParams } from '../../src/lib/labs/funnel/params';
import { runFunnel } from '../../src/lib/labs/funnel/worker/pipeline';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const cache = new Map<string, Promise<Facts>>();
function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(funnelSchema, new URLSearchParams(settings)).values as FunnelParams;
		cache.set(
			settings,
			runFunnel(toConfig(p)).then((r) => funnelFacts(r))
		);
	}
	return cache.get(settings)!;
}
const answerOf = async (lesson: number, id: string) => {
	const s = LESSONS[lesson].steps.find((x) => x.id === id)!;
	return s.answer(await factsFor(s.settings));
};

describe('funnel lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
			for (const step of lesson.steps)
				for (const [k, v] of Object.entries(await factsFor(step.settings)))
					if (typeof v === 'number') expect(Number.isFinite(v), `${step.id}: ${k}`).toBe(true);
		}, 240_000);

	it('the default seed’s answers, as measured', async () => {
		expect(await answerOf(0, 'candidates')).toBeCloseTo(0.249, 3);
		expect(await answerOf(0, 'ranker-adds')).toBe('ranked');
		expect(await answerOf(0, 'more-k')).toBe('middle');
		expect(await answerOf(0, 'ann-recall')).toBeCloseTo(0.912, 3);
		expect(await answerOf(0, 'ivf-recall')).toBeCloseTo(0.378, 3);
		expect(await answerOf(1, 'in-batch-head')).toBe('under-1');
		expect(await answerOf(1, 'in-batch-average')).toBe('less');
		expect(await answerOf(1, 'corrected-head')).toBe('below');
		expect(await answerOf(1, 'corrected-tail')).toBe('less');
		expect(await answerOf(1, 'uniform-head')).toBe('above');
		// The prompts of the correction's steps quote the plain in-batch run at this seed: under 1% of the slots, 32% coverage.
		const inBatch = await factsFor(LESSONS[1].steps[0].settings);
		expect(inBatch.retrievalHeadShare as number).toBeLessThan(0.01);
		expect(Math.round(100 * (inBatch.coverageRetrieval as number))).toBe(32);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 2);
	}, 240_000);
});
