/**
 * Pareto front of points where x is a cost (smaller is better) and y a benefit (larger is better): the points no
 * other point beats on both. Returned sorted by x, ready to draw as a step line.
 */
export function paretoFront<T extends { x: number; y: number }>(points: T[]): T[] {
	const finite = points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y));
	const sorted = finite.slice().sort((a, b) => a.x - b.x || b.y - a.y);
	const front: T[] = [];
	let best = -Infinity;
	for (const p of sorted) {
		if (p.y > best) {
			front.push(p);
			best = p.y;
		}
	}
	return front;
}
