/**
 * The imbalance lab's lessons run against the lab's own training (CPU backend, as in imbalance-worker.test.ts): for
 * every step's settings the worker trains both models to the last epoch as the page does, and the facts give an
 * answer among the step's choices (or a number in its range) and explanations with no missing number. The default
 * seed's answers are pinned; another seed changes the quiz's answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createImbalanceApi } from '../../src/lib/labs/imbalance/worker/api';
import { imbalanceSchema, toConfig, type ImbalanceParams } from '../../src/lib/labs/imbalance/params';
import { imbalanceFacts } from '../../src/lib/labs/imbalance/facts';
import { LESSONS } from '../../src/lib/labs/imbalance/lessons';
import { parseParams } from '../../src/lib/url/schema';
import type { ImbalanceProgress, ImbalanceSetup } from '../../src/lib/labs/imbalance/types';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createImbalanceApi();
/** Runs by the worker's config and epochs (the threshold is the page's: one run serves every threshold). */
const runs = new Map<string, { setup: ImbalanceSetup; progress: ImbalanceProgress }>();
async function factsFor(settings: string): Promise<Facts> {
	const p = parseParams(imbalanceSchema, new URLSearchParams(settings)).values as ImbalanceParams;
	const key = JSON.stringify([toConfig(p), p.epochs]);
	if (!runs.has(key)) {
		const setup = await api.setup(toConfig(p));
		await api.train(p.epochs);
		runs.set(key, { setup, progress: await api.peek() });
	}
	const { setup, progress } = runs.get(key)!;
	expect(progress.epoch).toBe(p.epochs);
	return imbalanceFacts(setup, progress, p);
}

describe('imbalance lessons against the lab', () => {
	beforeAll(async () => {
		await api.init('cpu');
	});

	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default seed’s answers', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => s.answer(await factsFor(s.settings))));
		const [baseline, bceAcc, bceRecall, ...rest] = await answers(0);
		expect(baseline).toBeCloseTo(98.07, 1);
		expect(bceAcc).toBe('about');
		expect(bceRecall).toBeCloseTo(17.24, 1);
		expect(rest).toEqual(['A', 'B', 'no']);
		const [atHalf, ranking, lower, cost, oversample] = await answers(1);
		expect([atHalf, ranking]).toEqual(['B', 'close']);
		expect(lower).toBeCloseTo(68.97, 1);
		expect([cost, oversample]).toEqual(['lower', 'overlap']);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 1);
	}, 240_000);
});
