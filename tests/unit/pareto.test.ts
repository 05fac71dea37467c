import { describe, expect, it } from 'vitest';
import { paretoFront } from '../../src/lib/charts/pareto';

describe('paretoFront', () => {
	it('keeps the points no other point beats on both cost and benefit', () => {
		const pts = [
			{ id: 'a', x: 4, y: 0.9 },
			{ id: 'b', x: 1, y: 0.7 },
			{ id: 'c', x: 2, y: 0.65 }, // dominated by b
			{ id: 'd', x: 2, y: 0.85 },
			{ id: 'e', x: 4, y: 0.8 }, // dominated by a (same cost, lower benefit)
			{ id: 'f', x: 8, y: 0.9 }, // dominated by a (higher cost, same benefit)
			{ id: 'g', x: NaN, y: 1 }
		];
		expect(paretoFront(pts).map((p) => p.id)).toEqual(['b', 'd', 'a']);
		expect(paretoFront([])).toEqual([]);
	});
});
