/**
 * A lab API's `sweep(requests, onRun)`: the lab's runner as one cancellable job of the worker's queue (a newer
 * request supersedes it). Results are streamed through `onRun` as runs finish and all returned at the end: the
 * callback travels on its own channel, so the last ones may arrive after the answer (the pool keeps the first of each).
 */
import { CANCELLED, type Outcome } from './outcome';
import type { Exclusive, Ticket } from './run-control';

export type RunMetrics = Record<string, number>;
export type RunResult = { id: number; arms: RunMetrics[] };

export function sweepJob<Req>(
	jobs: Exclusive,
	requests: Req[],
	onRun: ((id: number, arms: RunMetrics[]) => void) | undefined,
	runner: (requests: Req[], ticket: Ticket, emit: (id: number, arms: RunMetrics[]) => void) => Promise<void>
): Promise<Outcome<RunResult[]>> {
	return jobs.run<Outcome<RunResult[]>>(
		async (ticket) => {
			const all: RunResult[] = [];
			await runner(requests, ticket, (id, arms) => {
				all.push({ id, arms });
				onRun?.(id, arms);
			});
			return { status: 'done', result: all };
		},
		() => CANCELLED
	);
}
