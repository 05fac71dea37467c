import { describe, expect, it } from 'vitest';
import { fmtDuration, remainingMs } from '../../src/lib/progress';
import { plural } from '../../src/lib/charts/ticks';

describe('time left and durations in words', () => {
	it('extrapolates the pace so far, and waits for enough to go on', () => {
		expect(remainingMs(10_000, 0.25)).toBeCloseTo(30_000, 6);
		expect(remainingMs(10_000, 1)).toBe(0);
		expect(remainingMs(10_000, 0.001)).toBeNull();
		expect(remainingMs(100, 0.5)).toBeNull();
		expect(remainingMs(NaN, 0.5)).toBeNull();
	});
	it('says durations the way people do', () => {
		expect(fmtDuration(300)).toBe('under a second');
		expect(fmtDuration(42_400)).toBe('about 42 s');
		expect(fmtDuration(3.4 * 60_000)).toBe('about 3 min');
		expect(fmtDuration(2 * 3_600_000 + 10 * 60_000)).toBe('about 2 h 10 min');
		expect(fmtDuration(3_600_000)).toBe('about 1 h');
		expect(fmtDuration(-1)).toBe('–');
	});
	it('counts with the noun in the right number', () => {
		expect(plural(1, 'false negative')).toBe('1 false negative');
		expect(plural(3, 'false negative')).toBe('3 false negatives');
		expect(plural(2, 'batch')).toBe('2 batches');
		expect(plural(1200, 'batch')).toBe('1,200 batches');
	});
});
