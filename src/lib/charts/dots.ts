/**
 * Many points as one SVG path: each point is a zero-length segment "M x,y h0"; with stroke-linecap="round"
 * and stroke-width = 2r it draws a dot of radius r. Thousands of points cost one DOM node instead of thousands.
 */
export function dotsPath(n: number, x: (i: number) => number, y: (i: number) => number, include: (i: number) => boolean = () => true): string {
	const parts: string[] = [];
	for (let i = 0; i < n; i++) {
		if (!include(i)) continue;
		const px = x(i);
		const py = y(i);
		if (Number.isFinite(px) && Number.isFinite(py)) parts.push(`M${px.toFixed(1)},${py.toFixed(1)}h0`);
	}
	return parts.join('');
}
