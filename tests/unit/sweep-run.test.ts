import { describe, expect, it } from 'vitest';
import { SweepRun } from '../../src/lib/sweep/sweep-run.svelte';
import type { Outcome } from '../../src/lib/engine/outcome';

/** Pools whose end the test decides by hand. */
function manualPools() {
	const pools: Array<{ runs: number[]; onRun: (id: number, arms: number[]) => void; finish: (o: Outcome<number>) => void; cancelled: boolean }> = [];
	const start = (runs: number[], onRun: (id: number, arms: number[]) => void) => {
		let finish: (o: Outcome<number>) => void = () => {};
		const done = new Promise<Outcome<number>>((r) => (finish = r));
		const pool = { runs, onRun, finish, cancelled: false };
		pools.push(pool);
		return {
			done,
			backend: Promise.resolve('cpu'),
			cancel: () => {
				pool.cancelled = true;
				finish({ status: 'cancelled' });
			}
		};
	};
	return { pools, start };
}

describe('SweepRun', () => {
	it('collects every run’s result and cancels the newest pool, even after an older one has ended', async () => {
		const { pools, start } = manualPools();
		const sweep = new SweepRun<{ runs: number[] }, number, number>(start);
		const a = sweep.run({ runs: [0, 1] });
		await Promise.resolve();
		const b = sweep.run({ runs: [0, 1, 2] });
		await Promise.resolve();
		expect(pools).toHaveLength(2);
		expect(pools[0].cancelled).toBe(true);
		expect(await a).toBe(false);
		sweep.cancel();
		expect(pools[1].cancelled).toBe(true);
		expect(await b).toBe(false);

		const c = sweep.run({ runs: [0, 1] });
		await Promise.resolve();
		pools[2].onRun(1, [0.5, 0.4]);
		pools[2].onRun(0, [0.6, 0.3]);
		pools[2].finish({ status: 'done', result: 2 });
		expect(await c).toBe(true);
		expect(sweep.result).toEqual({
			results: [
				[0.6, 0.3],
				[0.5, 0.4]
			],
			done: 2,
			total: 2,
			backend: 'cpu'
		});
	});
});
