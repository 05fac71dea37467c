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
