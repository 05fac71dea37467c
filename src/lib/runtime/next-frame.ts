/**
 * Call `cb` at the next animation frame, or after a 16 ms timer where there are no frames (Node, a hidden tab, whose
 * frames are paused); returns a function that cancels the call.
 */
export function nextFrame(cb: () => void): () => void {
	if (typeof requestAnimationFrame === 'function' && typeof document !== 'undefined' && document.visibilityState !== 'hidden') {
		const id = requestAnimationFrame(cb);
		return () => cancelAnimationFrame(id);
	}
	const id = setTimeout(cb, 16);
	return () => clearTimeout(id);
}

/**
 * Call `cb` in a task after the next frame has painted (an animation frame, then a zero timer): work started there
 * lands in the frame after it, so a page can split its first render across two frames. Returns a cancel function.
 */
export function afterPaint(cb: () => void): () => void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const cancelFrame = nextFrame(() => (timer = setTimeout(cb, 0)));
	return () => {
		cancelFrame();
		clearTimeout(timer);
	};
}
