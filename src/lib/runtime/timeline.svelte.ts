/**
 * Replays a computed timeline step by step: `shown` steps out of `total`, with play / pause / step / reset.
 * Used by labs whose simulation is computed at once in a worker and then revealed over time.
 */
export class Timeline {
	shown = $state(0);
	total = $state(0);
	playing = $state(false);
	private timer: ReturnType<typeof setInterval> | undefined;
	private readonly intervalMs: number;

	constructor(intervalMs = 220) {
		this.intervalMs = intervalMs;
	}

	/** A new timeline arrived: show all of it unless a replay is running. */
	load(total: number): void {
		this.total = total;
		this.shown = this.playing ? Math.min(this.shown, total) : total;
	}

	play(): void {
		if (this.total === 0) return;
		if (this.shown >= this.total) this.shown = 0;
		this.playing = true;
		clearInterval(this.timer);
		this.timer = setInterval(() => {
			if (this.shown >= this.total) this.pause();
			else this.shown++;
		}, this.intervalMs);
	}

	pause(): void {
		this.playing = false;
		clearInterval(this.timer);
	}

	step(): void {
		this.pause();
		if (this.shown < this.total) this.shown++;
	}

	reset(): void {
		this.pause();
		this.shown = Math.min(1, this.total);
	}
}
