/**
 * Cancellation for long work in a worker. Each new request takes a ticket; starting another request or calling
 * cancel() makes every earlier ticket stale, so "the latest request wins". Long loops call `checkpoint(ticket)`,
 * which yields to the worker's event loop (so Comlink can deliver a cancel or a newer request) and throws
 * `Cancelled` if the ticket is stale.
 */
export class Cancelled extends Error {
	constructor() {
		super('Superseded by a newer request');
		this.name = 'Cancelled';
	}
}

export interface Ticket {
	readonly id: number;
	readonly stale: boolean;
}

export class LatestWins {
	private generation = 0;

	begin(): Ticket {
		const id = ++this.generation;
		const self = this;
		return {
			id,
			get stale() {
				return self.generation !== id;
			}
		};
	}

	cancel(): void {
		this.generation++;
	}
}

/**
 * One job at a time, newest request wins: `run` makes every earlier ticket stale, waits until the job in progress
 * has unwound (at its next checkpoint), then runs its job unless a newer request came meanwhile. A superseded
 * request, or a job stopped by `Cancelled`, resolves to `cancelled()`.
 */
export class Exclusive {
	private readonly runs = new LatestWins();
	private running: Promise<unknown> = Promise.resolve();

	async run<T>(job: (ticket: Ticket) => Promise<T>, cancelled: () => T): Promise<T> {
		const ticket = this.runs.begin();
		await this.running.catch(() => undefined);
		if (ticket.stale) return cancelled();
		const work = (async () => {
			try {
				return await job(ticket);
			} catch (e) {
				if (e instanceof Cancelled) return cancelled();
				throw e;
			}
		})();
		this.running = work;
		return work;
	}

	/** Supersede the job in progress (it stops at its next checkpoint). */
	cancel(): void {
		this.runs.cancel();
	}

	/** Supersede the job in progress and wait until it has stopped, e.g. before freeing what it works on. */
	async stop(): Promise<void> {
		this.runs.cancel();
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

/** Calls `fn` at most once per `ms`, plus once more when `flush(true)` forces it. */
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
