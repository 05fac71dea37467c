/**
 * A learner's progress through a lesson, kept in the browser (localStorage, one key per lesson): the step reached,
 * each step's prediction and whether it was revealed, and the quiz's answers. Pure functions over a Storage-like
 * object, so that Node tests can use a Map.
 */
export interface StepProgress {
	prediction: string | number | null;
	revealed: boolean;
	/** Whether the prediction matched (set at reveal). */
	right?: boolean;
}

export interface LessonProgress {
	step: number;
	steps: Record<string, StepProgress>;
	quiz: Record<string, string>;
	/** The quiz was answered in full. */
	finished: boolean;
}

export interface KeyValueStore {
	getItem(key: string): string | null;
	setItem(key: string, value: string): void;
	removeItem(key: string): void;
}

export const progressKey = (lessonId: string) => `mdl:lesson:${lessonId}`;

export const emptyProgress = (): LessonProgress => ({ step: 0, steps: {}, quiz: {}, finished: false });

/** The saved progress, or a fresh one when there is none or it cannot be read (never throws). */
export function loadProgress(store: KeyValueStore | null, lessonId: string): LessonProgress {
	try {
		const raw = store?.getItem(progressKey(lessonId));
		if (!raw) return emptyProgress();
		const v = JSON.parse(raw) as Partial<LessonProgress>;
		return {
			step: Number.isInteger(v.step) && (v.step as number) >= 0 ? (v.step as number) : 0,
			steps: v.steps && typeof v.steps === 'object' ? v.steps : {},
			quiz: v.quiz && typeof v.quiz === 'object' ? v.quiz : {},
			finished: v.finished === true
		};
	} catch {
		return emptyProgress();
	}
}

/** Saves; a full or blocked storage is not an error the learner can act on, so it is ignored. */
export function saveProgress(store: KeyValueStore | null, lessonId: string, p: LessonProgress): void {
	try {
		store?.setItem(progressKey(lessonId), JSON.stringify(p));
	} catch {
		/* storage full or disabled: progress lasts for this page only */
	}
}

export function clearProgress(store: KeyValueStore | null, lessonId: string): void {
	try {
		store?.removeItem(progressKey(lessonId));
	} catch {
		/* as above */
	}
}

/** The browser's localStorage when it can be used, else null. */
export function browserStore(): KeyValueStore | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}
