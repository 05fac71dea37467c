/**
 * Thin a monotone curve (ROC, PR) to at most `max` points for drawing, keeping the first and last points and
 * every point where the curve turns by more than a small angle would be overkill: an even stride is enough for
 * a chart, and the AUC numbers shown are always computed on the full curve.
 */
export function downsampleCurve(xs: number[], ys: number[], max = 300): { x: number[]; y: number[] } {
	if (xs.length <= max) return { x: xs.slice(), y: ys.slice() };
	const stride = (xs.length - 1) / (max - 1);
	const x: number[] = [];
	const y: number[] = [];
	for (let k = 0; k < max; k++) {
		const i = Math.round(k * stride);
		x.push(xs[i]);
		y.push(ys[i]);
	}
	return { x, y };
}
