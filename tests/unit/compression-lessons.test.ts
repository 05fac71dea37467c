/**
 * The compression lab's lessons run against the lab's own computation (CPU backend): for every step's and quiz's
 * settings the worker trains and compresses as the page does (setup, the path-choosing estimate, training to the
 * epochs, compress), and the facts give an answer among the step's choices (or a number in its range), explanations
 * and quiz texts with no missing number, and at the default seed (9) the answers measured here:
 * - lesson 1 (16-64-64-1, 2,000 rows, 5 epochs): int8 26.9% of the bytes (27), cost under a point (81.3% → 81.4%);
 *   int2 symmetric 4.9 points lost ('lots'); 50% unstructured pruning 77.5% of the bytes (77); only structured pruning
 *   shrinks the multiply-adds; 75% of neurons one-shot loses 15 points ('lots'); one fine-tuning epoch gets back to
 *   79.8%, 1.5 points below float32 ('part').
 * - lesson 2 (64-unit teacher, 3,000 rows, 10% flipped): 16-unit students on 5% of the rows: distilled 5.6 points
 *   ahead ('ahead'), 92% of the gap closed; on every row 16-unit students 1.0 apart ('within'), gap 1.2 points; 4-unit
 *   students on every row 0.7 apart ('within').
 * The sentence in the last step about seeds 1–9 is re-measured with LESSON_MEASURE=1 (about a minute).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lib/labs/compression/lessons';
import { compressionFacts } from '../../src/lib/labs/compression/facts';
import { compressionSchema, toConfig, toSpec, type CompressionParams } from '../../src/lib/labs/compression/params';
import { createCompressionApi } from '../../src/lib/labs/compression/worker/api';
import { parseParams } from '../../src/lib/url/schema';
import type { Facts } from '../../src/lib/lessons/types';
import { expectComputedFrom, expectQuizFollowsSeed } from './lesson-checks';

const api = createCompressionApi();
beforeAll(async () => {
	await api.init('cpu');
});

const cache = new Map<string, Facts>();
/** The page's sequence: set up, estimate (times both training paths and picks one), train to the epochs, compress. */
async function factsFor(settings: string): Promise<Facts> {
	if (!cache.has(settings)) {
		const p = parseParams(compressionSchema, new URLSearchParams(settings)).values as CompressionParams;
		const setup = await api.setup(toConfig(p));
		await api.estimateTrainMs(p.epochs);
		expect((await api.train(p.epochs)).status).toBe('done');
		const out = await api.compress(toSpec(p));
		if (out.status !== 'done') throw new Error('cancelled');
		cache.set(settings, compressionFacts(out.result, setup, p.seed));
	}
	return cache.get(settings)!;
}

describe('compression lessons against the lab', () => {
	for (const lesson of LESSONS)
		it(`${lesson.id}: every step's answer is computed from a run of its settings`, async () => {
			await expectComputedFrom(lesson, factsFor);
		}, 240_000);

	it('the default seed’s answers are the ones measured', async () => {
		const answers = async (i: number) => Promise.all(LESSONS[i].steps.map(async (s) => [s.id, s.answer(await factsFor(s.settings))]));
		expect(Object.fromEntries(await answers(0))).toEqual({
			'int8-size': 27,
			'int8-accuracy': 'none',
			'int2-accuracy': 'lots',
			'prune-size': 77,
			'prune-work': 'structured',
			'structured-cost': 'lots',
			'fine-tune': 'part'
		});
		const two = Object.fromEntries(await answers(1));
		expect(two).toMatchObject({ 'few-rows': 'ahead', 'all-rows': 'within', 'tiny-all-rows': 'within' });
		expect(two['gap-closed']).toBeGreaterThanOrEqual(80);
		expect(two['all-rows-gap']).toBeLessThan(2);
	}, 240_000);

	it('the quiz’s answers follow the run: another seed, other answers', async () => {
		await expectQuizFollowsSeed(LESSONS, factsFor, 2);
	}, 240_000);

	it.skipIf(!process.env.LESSON_MEASURE)(
		'seeds 1–9: the last step’s sentence (gains within 1.1 points on every row, 3.7–9.1 on 5%)',
		async () => {
			const [few, all16, all4] = ['&sw=16&srows=0.05', '&sw=16', '&sw=4'].map((s) => `${LESSONS[1].quiz.settings.split('&sw=')[0]}${s}`);
			for (let seed = 1; seed <= 9; seed++) {
				const g = async (s: string) => 100 * Number((await factsFor(`${s}&seed=${seed}`)).gain);
				const [a, b, c] = [await g(few), await g(all16), await g(all4)];
				console.log(`seed ${seed}: 5% rows ${a.toFixed(2)}, all rows 16 units ${b.toFixed(2)}, 4 units ${c.toFixed(2)}`);
				expect(a).toBeGreaterThanOrEqual(3.7 - 0.05);
				expect(a).toBeLessThanOrEqual(9.1 + 0.05);
				expect(Math.abs(b)).toBeLessThanOrEqual(1.1 + 0.05);
				expect(Math.abs(c)).toBeLessThanOrEqual(1.1 + 0.05);
			}
		},
		600_000
	);
});
