import { afterEach, describe, expect, it, vi } from 'vitest';
import { LatestRun, type Outcome } from '../../src/lib/runtime/latest-run.svelte';

/** A job whose answers the test releases by hand, in any order: no timers, no sleeps. */
function manualJob<Req, Res>() {
	const calls: Array<{ request: Req; report: (p: number) => void; finish: (o: Outcome<Res>) => void; fail: (e: Error) => void }> = [];
	const job = (request: Req, report: (p: number) => void) =>
		new Promise<Outcome<Res>>((finish, fail) => {
			calls.push({ request, report, finish, fail });
		});
	return { job, calls };
}

describe('LatestRun: the newest request wins', () => {
	it('keeps the newest answer even when an older one arrives later', async () => {
		const { job, calls } = manualJob<string, string>();
		const run = new LatestRun<string, string, number>(job);
		const a = run.run('a');
		const b = run.run('b');
		expect(run.busy).toBe(true);
		calls[1].finish({ status: 'done', result: 'B' });
		expect(await b).toBe(true);
		calls[0].finish({ status: 'done', result: 'A' });
		expect(await a).toBe(false);
		expect(run.result).toBe('B');
		expect(run.request).toBe('b');
		expect(run.busy).toBe(false);
	});

	afterEach(() => {
		vi.useRealTimers();
	});

	it('drops progress and errors of a superseded run, and reports the share done', async () => {
		vi.useFakeTimers();
		const { job, calls } = manualJob<string, string>();
		const run = new LatestRun<string, string, number>(job, { fractionOf: (p) => p / 10 });
		const a = run.run('a');
		calls[0].report(5);
		vi.advanceTimersByTime(20);
		expect(run.progress).toBe(5);
		expect(run.fraction).toBe(0.5);
		const b = run.run('b');
		expect(run.progress).toBe(null);
		calls[0].report(9);
		vi.advanceTimersByTime(20);
		calls[0].fail(new Error('old failure'));
		expect(await a).toBe(false);
		expect(run.progress).toBe(null);
		expect(run.error).toBe(null);
		calls[1].report(2);
		vi.advanceTimersByTime(20);
		expect(run.fraction).toBe(0.2);
		calls[1].fail(new Error('Error: the new one failed'));
		expect(await b).toBe(false);
		expect(run.error).toBe('the new one failed');
		expect(run.busy).toBe(false);
	});

	it('shows progress at most once per frame: reports within a frame coalesce to the newest, the last before the result', async () => {
		vi.useFakeTimers();
		const { job, calls } = manualJob<string, string>();
		const seen: number[] = [];
		const run = new LatestRun<string, string, number>(job, { onProgress: (p) => seen.push(p) });
		const a = run.run('a');
		calls[0].report(1);
		calls[0].report(2);
		calls[0].report(3);
		expect(run.progress).toBe(null);
		vi.advanceTimersByTime(20);
		expect(seen).toEqual([3]);
		calls[0].report(4);
		calls[0].report(5);
		calls[0].finish({ status: 'done', result: 'A' });
		expect(await a).toBe(true);
		expect(seen).toEqual([3, 5]);
		expect(run.progress).toBe(5);
		vi.advanceTimersByTime(20);
		expect(seen).toEqual([3, 5]);
	});

	it('cancel keeps the last result, asks the worker to stop and can run the request again', async () => {
		const { job, calls } = manualJob<string, string>();
		let cancels = 0;
		const run = new LatestRun<string, string, number>(job, { cancel: () => cancels++ });
		const a = run.run('a');
		calls[0].finish({ status: 'done', result: 'A' });
		await a;
		const b = run.run('b');
		run.cancel();
		expect(cancels).toBe(1);
		expect(run.busy).toBe(false);
		expect(run.cancelledRequest).toBe('b');
		calls[1].finish({ status: 'cancelled' });
		expect(await b).toBe(false);
		expect(run.result).toBe('A');
		run.rerun();
		expect(calls[2].request).toBe('b');
		expect(run.cancelledRequest).toBe(null);
		calls[2].finish({ status: 'done', result: 'B' });
		await Promise.resolve();
		await Promise.resolve();
		expect(run.result).toBe('B');
	});

	it('a run the worker itself cancels is no longer busy; clear forgets the result', async () => {
		const { job, calls } = manualJob<string, string>();
		const run = new LatestRun<string, string, number>(job);
		const a = run.run('a');
		calls[0].finish({ status: 'cancelled' });
		expect(await a).toBe(false);
		expect(run.busy).toBe(false);
		const b = run.run('b');
		calls[1].finish({ status: 'done', result: 'B' });
		await b;
		run.clear();
		expect(run.result).toBe(null);
		expect(run.request).toBe(null);
	});
});
