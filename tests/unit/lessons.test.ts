/**
 * Lessons (src/lib/lessons, src/lib/labs/<lab>/lessons.ts): every ready lab has at least two, each of 4–8 steps and a
 * 3-question quiz, with settings the lab's URL schema accepts as they are; progress survives a round trip through
 * storage and a corrupt entry; computed choices hold their answer; the embed code.
 */
import { describe, expect, it } from 'vitest';
import { readdirSync, existsSync } from 'node:fs';
import { parseParams, type Schema } from '../../src/lib/url/schema';
import { allLessons } from '../../src/lib/lessons/registry';
import { intChoices, numberChoices } from '../../src/lib/lessons/grade';
import { emptyProgress, loadProgress, progressKey, saveProgress } from '../../src/lib/lessons/progress';
import { embedCode } from '../../src/lib/lessons/embed';
import type { Lesson } from '../../src/lib/lessons/types';

const DIR = new URL('../../src/lib/labs/', import.meta.url);
const labs = readdirSync(DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/lab.ts`, DIR)))
	.map((d) => d.name);

async function schemaOf(lab: string): Promise<Schema> {
	const mod = (await import(`../../src/lib/labs/${lab}/params.ts`)) as Record<string, unknown>;
	const key = Object.keys(mod).find((k) => k.endsWith('Schema'))!;
	return mod[key] as Schema;
}

describe('lessons', async () => {
	const lessons = await allLessons();
	const ready: string[] = [];
	for (const lab of labs) if (((await import(`../../src/lib/labs/${lab}/lab.ts`)) as { lab: { ready: boolean } }).lab.ready) ready.push(lab);

	it('every ready lab has at least two lessons', () => {
		for (const lab of ready) expect(lessons.filter((l) => l.lab === lab).length, lab).toBeGreaterThanOrEqual(2);
	});

	it('each lesson has 4–8 steps, a 3-question quiz, unique ids, a goal and a time', () => {
		const ids = new Set<string>();
		for (const l of lessons) {
			expect(ids.has(l.id), l.id).toBe(false);
			ids.add(l.id);
			expect(l.steps.length, l.id).toBeGreaterThanOrEqual(4);
			expect(l.steps.length, l.id).toBeLessThanOrEqual(8);
			expect(l.quiz.items, l.id).toHaveLength(3);
			expect(l.goal.length, l.id).toBeGreaterThan(20);
			expect(l.minutes, l.id).toBeGreaterThan(0);
			expect(new Set(l.steps.map((s) => s.id)).size, l.id).toBe(l.steps.length);
			for (const s of l.steps) {
				if (s.ask.kind === 'choice') expect(s.ask.options.length, `${l.id}/${s.id}`).toBeGreaterThanOrEqual(2);
				else {
					expect(s.ask.min, `${l.id}/${s.id}`).toBeLessThan(s.ask.max);
					if (s.ask.start !== undefined) expect(s.ask.start >= s.ask.min && s.ask.start <= s.ask.max).toBe(true);
				}
			}
		}
	});

	it('every step’s and quiz’s settings are the lab’s own, accepted as written', async () => {
		const check = (l: Lesson, schema: Schema, settings: string, where: string) => {
			const q = new URLSearchParams(settings);
			for (const k of q.keys()) expect(Object.keys(schema), `${where}: ${k}`).toContain(k);
			expect(parseParams(schema, q).issues, where).toEqual([]);
		};
		for (const l of lessons) {
			expect(labs, l.id).toContain(l.lab);
			const schema = await schemaOf(l.lab);
			for (const s of l.steps) check(l, schema, s.settings, `${l.id}/${s.id}`);
			check(l, schema, l.quiz.settings, `${l.id}/quiz`);
		}
	});
});

describe('lesson helpers', () => {
	it('keeps progress in storage, and starts afresh from a corrupt entry', () => {
		const m = new Map<string, string>();
		const store = {
			getItem: (k: string) => m.get(k) ?? null,
			setItem: (k: string, v: string) => void m.set(k, v),
			removeItem: (k: string) => void m.delete(k)
		};
		const p = { ...emptyProgress(), step: 3, steps: { a: { prediction: 'x', revealed: true, right: false } }, quiz: { q1: 'b' } };
		saveProgress(store, 'l1', p);
		expect(loadProgress(store, 'l1')).toEqual(p);
		m.set(progressKey('l2'), '{not json');
		expect(loadProgress(store, 'l2')).toEqual(emptyProgress());
		m.set(progressKey('l3'), JSON.stringify({ step: -2, steps: 5 }));
		expect(loadProgress(store, 'l3')).toEqual(emptyProgress());
		const full = {
			...store,
			setItem: () => {
				throw new Error('QuotaExceededError');
			}
		};
		expect(() => saveProgress(full, 'l1', p)).not.toThrow();
	});

	it('computed choices hold their answer, distinct and in order', () => {
		const c = numberChoices(6.15, (v) => v.toFixed(2));
		expect(c.options.map((o) => o.label)).toEqual(['1.54', '3.08', '6.15', '12.30']);
		expect(c.options.find((o) => o.id === c.answer)?.label).toBe('6.15');
		const tiny = numberChoices(0, (v) => v.toFixed(1));
		expect(tiny.options).toHaveLength(1);
		const i = intChoices(20, 0, 20, [18, 10]);
		expect(i.options.map((o) => o.label)).toEqual(['0', '10', '18', '20']);
		expect(i.options.find((o) => o.id === i.answer)?.label).toBe('20');
	});

	it('embeds a state without the site navigation, attributes escaped', () => {
		const code = embedCode('https://x.test/capacity?noise=0&lesson=a', 'Model "capacity"');
		expect(code).toContain('src="https://x.test/capacity?noise=0&amp;lesson=a&amp;embed=1"');
		expect(code).toContain('title="Model &quot;capacity&quot; · ML Design Lab"');
	});
});
