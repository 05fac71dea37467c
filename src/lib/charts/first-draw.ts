/**
 * Charts draw for the first time one per animation frame. A lab page mounts a dozen charts at once when its first
 * results arrive; drawn in one frame they block the main thread for 200–400 ms (measured on the imbalance lab) while
 * the worker is already training. Queued, each frame carries one chart's first draw, so the page stays responsive
 * and the charts appear in page order within a few frames. Later redraws (new data, a new width) are not queued.
 */
import { afterPaint, nextFrame } from '$lib/runtime/next-frame';

const queue: Array<() => void> = [];
/** Callers of `chartsDrawn` waiting for the queue to empty. */
const idle: Array<() => void> = [];
let scheduled = false;

function schedule(): void {
	if (scheduled || queue.length === 0) return;
	scheduled = true;
	nextFrame(grant);
}

function grant(): void {
	scheduled = false;
	queue.shift()?.();
	schedule();
	if (!scheduled) idle.splice(0).forEach((resolve) => resolve());
}

/** Call `draw` when it is this chart's turn to draw for the first time; returns a function that leaves the queue. */
export function whenDrawable(draw: () => void): () => void {
	queue.push(draw);
	schedule();
	return () => {
		const i = queue.indexOf(draw);
		if (i >= 0) queue.splice(i, 1);
	};
}

/**
 * Resolves once every chart mounted by now has drawn for the first time: a chart joins the queue once it has a width,
 * after the next layout, so this waits for that frame first, then for the queue to empty.
 */
export async function chartsDrawn(): Promise<void> {
	await new Promise<void>((resolve) => afterPaint(resolve));
	if (queue.length === 0 && !scheduled) return;
	return new Promise((resolve) => idle.push(resolve));
}

/**
 * `whenDrawable`, asked for only after the next paint: for parts of a page that render with it (a lab's settings),
 * whose turn would otherwise come in the frame of the page's own first render.
 */
export function whenDrawableAfterPaint(draw: () => void): () => void {
	let leave = () => {};
	const cancel = afterPaint(() => (leave = whenDrawable(draw)));
	return () => {
		cancel();
		leave();
	};
}
