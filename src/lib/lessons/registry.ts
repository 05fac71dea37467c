/**
 * Every lab's lessons, found by folder (`src/lib/labs/<lab>/lessons.ts` exporting `LESSONS`), loaded when asked for:
 * a lab page loads its own only when a lesson is opened, the instructor page loads them all.
 */
import type { Lesson } from './types';

const modules = import.meta.glob<{ LESSONS: Lesson[] }>('../labs/*/lessons.ts');

const labOf = (file: string) => file.split('/').at(-2)!;

/** Labs with a lessons module. */
export const LESSON_LABS: string[] = Object.keys(modules).map(labOf);

export async function lessonsOf(lab: string): Promise<Lesson[]> {
	const entry = Object.entries(modules).find(([file]) => labOf(file) === lab);
	return entry ? (await entry[1]()).LESSONS : [];
}

export async function allLessons(): Promise<Lesson[]> {
	const all = await Promise.all(Object.values(modules).map((load) => load()));
	return all.flatMap((m) => m.LESSONS);
}
