import { afterEach, describe, expect, it, vi } from 'vitest';
import { afterPaint, nextFrame } from '../../src/lib/runtime/next-frame';

describe('nextFrame and afterPaint where there are no frames (Node)', () => {
	afterEach(() => vi.useRealTimers());

	it('nextFrame calls back after a 16 ms timer, and not once cancelled', () => {
		vi.useFakeTimers();
		const a = vi.fn();
		const b = vi.fn();
		nextFrame(a);
		nextFrame(b)();
		vi.advanceTimersByTime(15);
		expect(a).not.toHaveBeenCalled();
		vi.advanceTimersByTime(1);
		expect(a).toHaveBeenCalledTimes(1);
		expect(b).not.toHaveBeenCalled();
	});

	it('afterPaint calls back in a task after the frame, and its cancel works before and after the frame', () => {
		vi.useFakeTimers();
		const order: string[] = [];
		afterPaint(() => order.push('after paint'));
		nextFrame(() => order.push('frame'));
		const early = vi.fn();
		afterPaint(early)();
		const late = vi.fn();
		const cancelLate = afterPaint(late);
		vi.advanceTimersByTime(16);
		// The frame has come; the zero timer has not run yet: a cancel now still stops it.
		cancelLate();
		expect(order).toEqual(['frame']);
		vi.advanceTimersByTime(1);
		expect(order).toEqual(['frame', 'after paint']);
		expect(early).not.toHaveBeenCalled();
		expect(late).not.toHaveBeenCalled();
	});
});
