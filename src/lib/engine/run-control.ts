/**
 * Cancellation for long work in a worker, one mechanism for every lab: `Exclusive` runs one job at a time, and a
 * new request makes the earlier ones stale ("the latest request wins"). Long loops call `checkpoint(ticket)`, which
 * yields to the worker's event loop (so Comlink can deliver a cancel or a newer request) and throws `Cancelled` if
 * the ticket is stale.
 */
export class Cancelled extends Error {
	constructor() {
		super('Superseded by a newer request');
		this.name = 'Cancelled';
	}
}

export interface Ticket {
	readonly stale: boolean;
}

class LiveTicket implements Ticket {
	stale = false;
	constructor(readonly lane: string) {}
}

/** A ticket that never goes stale, for work no request can supersede (e.g. a short measurement). */
export const NEVER_STALE: Ticket = { stale: false };

export interface RunOptions {
	/** Jobs of the same lane supersede each other. Default 'default'. */
	lane?: string;
	/**
	 * Wait for jobs of other lanes instead of cancelling them ("wait, do not cancel"): e.g. compressing a model waits
	 * until its training has finished, while a newer compression still supersedes an older one.
	 */
	wait?: boolean;
}

/**
 * One job at a time, newest request wins: `run` makes earlier tickets stale (of its lane only, with `wait`), waits
 * until the job in progress has finished or unwound (at its next checkpoint), then runs its job unless it went
 * stale meanwhile. A superseded request, or a job stopped by `Cancelled`, resolves to `cancelled()`.
 */
export class Exclusive {
	private readonly live = new Set<LiveTicket>();
	private running: Promise<unknown> = Promise.resolve();

	async run<T>(job: (ticket: Ticket) => Promise<T>, cancelled: () => T, options: RunOptions = {}): Promise<T> {
		const ticket = new LiveTicket(options.lane ?? 'default');
		for (const t of this.live) if (!options.wait || t.lane === ticket.lane) t.stale = true;
		this.live.add(ticket);
		const previous = this.running;
		const work = (async () => {
			try {
				await previous.catch(() => undefined);
				if (ticket.stale) return cancelled();
				return await job(ticket);
			} catch (e) {
				if (e instanceof Cancelled) return cancelled();
				throw e;
			} finally {
				this.live.delete(ticket);
			}
		})();
		this.running = work;
		return work;
	}

	/** Supersede every job in progress or waiting, or only those of one lane (each stops at its next checkpoint). */
	cancel(lane?: string): void {
		for (const t of this.live) if (lane === undefined || t.lane === lane) t.stale = true;
	}

	/** Supersede every job and wait until they have stopped, e.g. before freeing what they work on. */
	async stop(): Promise<void> {
		this.cancel();
		await this.running.catch(() => undefined);
	}
}

const channel = typeof MessageChannel !== 'undefined' ? new MessageChannel() : null;
const pending: Array<() => void> = [];
if (channel) channel.port1.onmessage = () => pending.shift()?.();
const immediate = (globalThis as { setImmediate?: (fn: () => void) => unknown }).setImmediate;

/**
 * Yield to the event loop without timer clamping: setImmediate where it exists (Node, so timers still run),
 * otherwise a MessageChannel round trip (browsers and workers, where nested setTimeout is clamped to 4 ms).
 */
export function yieldToEventLoop(): Promise<void> {
	return new Promise((resolve) => {
		if (immediate) immediate(resolve);
		else if (channel) {
			pending.push(resolve);
			channel.port2.postMessage(0);
		} else setTimeout(resolve, 0);
	});
}

export async function checkpoint(ticket: Ticket): Promise<void> {
	await yieldToEventLoop();
	if (ticket.stale) throw new Cancelled();
}

/** A rate limiter for progress reports: returns true at most once per `ms`, and always when `force` is true. */
export function throttle(ms: number): (force?: boolean) => boolean {
	let last = -Infinity;
	return (force = false) => {
		const now = performance.now();
		if (force || now - last >= ms) {
			last = now;
			return true;
		}
		return false;
	};
}
