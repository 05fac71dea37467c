/**
 * Lessons: predict → reveal → explain → quiz, as data in each lab's folder (`src/lib/labs/<lab>/lessons.ts`).
 *
 * A lesson is an ordered list of steps. Each step sets the lab's settings (a query string: unlisted settings take
 * their defaults), asks a question BEFORE the result is shown, and once the learner has predicted, reveals the
 * lab's own answer — computed from the run's `Facts` (the numbers the lab page publishes, lessons/facts.svelte.ts),
 * never written into the lesson — with a short explanation whose numbers come from the same facts. A 3-question
 * quiz ends the lesson; its questions, choices and answers are computed from the facts of the quiz's run too, so a
 * different seed gives different answers.
 */

/** Named numbers (and a few words) a lab publishes about its current, complete run. */
export type Facts = Readonly<Record<string, number | string | boolean>>;

export interface Choice {
	id: string;
	label: string;
}

export type Question =
	| { kind: 'choice'; prompt: string; options: Choice[] }
	| {
			kind: 'number';
			prompt: string;
			min: number;
			max: number;
			step: number;
			/** How the number is written (also the answer's): e.g. a percentage. */
			format: (v: number) => string;
			/** Where the slider starts (default: the middle). */
			start?: number;
	  };

export interface Step {
	id: string;
	title: string;
	/** The lab's settings for this step, as a URL query (e.g. 'noise=0&seeds=20'); unlisted settings take their defaults. */
	settings: string;
	ask: Question;
	/** The lab's answer from its facts: a choice's id, or a number. */
	answer: (f: Facts) => string | number;
	/** Number questions: how far from the answer still counts as right. */
	tolerance?: (f: Facts) => number;
	/** What happened and why, with numbers from the facts (a sentence or three). */
	explain: (f: Facts) => string;
	/** Where the answer can be read on the lab's page (a test id), so that a test can check the two agree. */
	shownIn?: string;
	/** What to try freely once the answer is out. */
	explore?: string;
}

export interface QuizItem {
	id: string;
	prompt: (f: Facts) => string;
	/** 3–4 choices, computed from the facts (e.g. the true value among wrong ones). */
	options: (f: Facts) => Choice[];
	answer: (f: Facts) => string;
	why: (f: Facts) => string;
}

export interface Lesson {
	id: string;
	lab: string;
	title: string;
	/** What the learner should be able to say afterwards (the instructor page lists it). */
	goal: string;
	/** Minutes it takes in class. */
	minutes: number;
	/** The misconception it confronts, if that is its point. */
	misconception?: string;
	steps: Step[];
	quiz: { settings: string; items: QuizItem[] };
}

export const defineLessons = (lessons: Lesson[]): Lesson[] => lessons;
