/**
 * The check every lab's lessons test makes (tests/unit/<lab>-lessons.test.ts): for each step, the facts of a run of
 * its settings give an answer that is one of its choices (or a number in the slider's range) and an explanation with
 * no missing number; the quiz's options, computed from the quiz run's facts, hold its answer, and no text shows a
 * missing value.
 */
import { expect } from 'vitest';
import type { Facts, Lesson } from '../../src/lib/lessons/types';

/** No missing value: NaN, undefined, null, an object, or a lone dash (how the formatters write a missing number; a range's dash is fine). */
export const clean = (s: string, where = '') => expect(s, where).not.toMatch(/NaN|undefined|Infinity|null|\[object|(^|[\s(])–([\s.,;)]|$)/);

export async function expectComputedFrom(lesson: Lesson, factsFor: (settings: string) => Promise<Facts>): Promise<void> {
	for (const step of lesson.steps) {
		const f = await factsFor(step.settings);
		const a = step.answer(f);
		if (step.ask.kind === 'choice')
			expect(
				step.ask.options.map((o) => o.id),
				step.id
			).toContain(a);
		else expect(typeof a === 'number' && a >= step.ask.min && a <= step.ask.max, `${step.id}: ${a}`).toBe(true);
		clean(step.explain(f), step.id);
	}
	const q = await factsFor(lesson.quiz.settings);
	for (const item of lesson.quiz.items) {
		const options = item.options(q);
		expect(options.length, item.id).toBeGreaterThanOrEqual(2);
		expect(
			options.map((o) => o.id),
			item.id
		).toContain(item.answer(q));
		clean(item.prompt(q), item.id);
		clean(item.why(q), item.id);
		for (const o of options) clean(o.label, item.id);
	}
}

/** The labels of the quiz's answers on a run's facts. */
export const quizAnswerLabels = (quiz: Lesson['quiz'], f: Facts) => quiz.items.map((q) => q.options(f).find((o) => o.id === q.answer(f))!.label);

/** The quiz is computed from the run on screen: its answers on another seed differ, for every lesson given. */
export async function expectQuizFollowsSeed(lessons: readonly Lesson[], factsFor: (settings: string) => Promise<Facts>, seed: number): Promise<void> {
	for (const { id, quiz } of lessons) {
		const a = quizAnswerLabels(quiz, await factsFor(quiz.settings));
		const b = quizAnswerLabels(quiz, await factsFor(`${quiz.settings}&seed=${seed}`));
		expect(a, id).not.toEqual(b);
	}
}
