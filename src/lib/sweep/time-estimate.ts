/**
 * How long a sweep will take on this device, said before it runs ("240 runs, about 12 s here") and asked about when
 * it is long. Three parts:
 *  - the pool's start: a fresh worker per core and its backend (`POOL_START_MS`, measured: 0.3–0.6 s here);
 *  - the work: the plan's cost (in the unit of the lab's measured speed) over the rate the pool will reach;
 *  - the rate: once a sweep of this lab has run on this backend in this tab, the rate per worker it reached
 *    (learned) × the workers this sweep will start (a sweep of 2 runs uses 2 workers, one of 40 runs all of them);
 *    before that, the lab's own run's speed × the lab's `sweepSpeedup` × the workers. A sweep trains many models at once
 *    in the fused kernel, without the lab run's per-epoch evaluation and drawing, so per unit of work it is faster
 *    than the lab's own run by a factor that depends on the lab, not the device (measured by `npm run bench --
 *    --only=estimates`, README "Benchmarks").
 */

/** Starting a worker per core and its backend, before the first run (measured on this project's machine). */
export const POOL_START_MS = 500;

export interface EstimateInput {
	/** The plan's total cost (lab-sweep.ts `planLabSweep`). */
	cost: number;
	/** The lab's own run's speed in cost units per second (0: not measured yet). */
	speed: number;
	/** How many times faster a sweep works than the lab's own run, per worker (the lab's `sweepSpeedup`, default 1). */
	speedup: number;
	/** Workers the pool will start. */
	workers: number;
	/** The rate per worker (cost units per second) a finished sweep of this lab reached here, or null. */
	learned: number | null;
}

/** The estimate in ms, or null when nothing has been measured yet. */
export function sweepEstimateMs(i: EstimateInput): number | null {
	const perWorker = i.learned !== null && i.learned > 0 ? i.learned : i.speed > 0 ? i.speed * i.speedup : 0;
	const rate = perWorker * Math.max(1, i.workers);
	if (!(rate > 0) || !(i.cost >= 0)) return null;
	return POOL_START_MS + (i.cost / rate) * 1000;
}

const learned = new Map<string, number>();

/** Remember the rate per worker a finished sweep reached (`ms`: from its start to its last result; `workers`: how many it ran on). */
export function learnSweepRate(key: string, cost: number, ms: number, workers: number): void {
	const work = ms - POOL_START_MS;
	// A sweep that was mostly start-up says little about the rate.
	if (!(cost > 0) || !(work > 200) || !(workers >= 1)) return;
	learned.set(key, cost / (work / 1000) / workers);
}

/** The rate per worker learned for `key` (e.g. `imbalance:wasm`), or null. */
export function learnedSweepRate(key: string): number | null {
	return learned.get(key) ?? null;
}
