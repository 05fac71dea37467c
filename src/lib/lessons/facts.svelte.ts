/**
 * The bridge between a lab page and its lesson panel: the page publishes the facts of its current, complete run
 * (null while it runs, or when the result shown is not of the current settings), and the panel veils the results
 * until the learner has predicted. One instance: one lab page is open at a time.
 */
import type { Facts } from './types';

class LessonBridge {
	/** The lab whose facts these are. */
	lab = $state<string | null>(null);
	facts = $state.raw<Facts | null>(null);
	/** Hide the lab's results (and lock its settings) until the prediction is revealed. */
	veiled = $state(false);
}

export const lessonBridge = new LessonBridge();

/**
 * Call from a lab page's script: publishes `get()` whenever it changes. `get` returns null unless the run is complete
 * and of the current settings (e.g. `!run.busy && result && sameConfig(result.config, toConfig(p)) ? factsOf(result) : null`).
 */
export function publishFacts(lab: string, get: () => Facts | null): void {
	$effect(() => {
		const f = get();
		lessonBridge.lab = lab;
		lessonBridge.facts = f;
	});
	$effect(() => () => {
		if (lessonBridge.lab === lab) {
			lessonBridge.facts = null;
			lessonBridge.veiled = false;
		}
	});
}

/** Whether two configs are the same settings (plain data). */
export function sameConfig(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}
