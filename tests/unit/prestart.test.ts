/**
 * The early worker start (src/lib/runtime/prestart.ts): a lab's worker and backend start before its page renders,
 * the page takes that start when it asks for the same lab and backend, and an unclaimed start is closed.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const opened: Array<{ lab: string; closed: boolean; init: ReturnType<typeof vi.fn> }> = [];
let failInit = false;
vi.mock('$lib/runtime/compute', () => ({
	openLab: async (lab: string) => {
		const o = {
			lab,
			closed: false,
			init: vi.fn(async (choice: string) => {
				if (failInit) throw new Error('no TF.js backend could start');
				return { requested: choice, active: 'wasm', device: 'test', software: false, attempts: [] };
			})
		};
		opened.push(o);
		return { api: { init: o.init }, failed: new Promise(() => {}), close: () => (o.closed = true) };
	}
}));

const { backendAt, prestart, prestartAt, startLab, takeStarted, UNCLAIMED_MS } = await import('$lib/runtime/prestart');

beforeEach(() => {
	opened.length = 0;
	failInit = false;
});
afterEach(() => vi.useRealTimers());

describe('the early worker start', () => {
	it('reads the backend a lab will ask for from its URL', () => {
		const url = (q: string) => new URL(`http://x/imbalance${q}`);
		expect(backendAt({ backend: 'chosen' }, url(''))).toBe('auto');
		expect(backendAt({ backend: 'chosen' }, url('?backend=cpu'))).toBe('cpu');
		expect(backendAt({ backend: 'chosen' }, url('?backend=quantum'))).toBe('auto');
		expect(backendAt({ backend: 'none' }, url('?backend=wasm'))).toBe('cpu');
	});

	it('is taken once by the lab that asks for the same backend, and opens one worker', async () => {
		prestart('imbalance', 'wasm');
		prestart('imbalance', 'wasm'); // the same start again: nothing new
		const taken = takeStarted('imbalance', 'wasm');
		expect(taken).not.toBeNull();
		const s = await taken!;
		expect(s.report.active).toBe('wasm');
		expect(opened.map((o) => o.lab)).toEqual(['imbalance']);
		expect(opened[0].init).toHaveBeenCalledWith('wasm');
		expect(takeStarted('imbalance', 'wasm')).toBeNull();
	});

	it('is not taken for another lab or backend, and is closed when nobody takes it', async () => {
		vi.useFakeTimers();
		prestart('drift', 'auto');
		expect(takeStarted('drift', 'cpu')).toBeNull();
		expect(takeStarted('scaling', 'auto')).toBeNull();
		await vi.advanceTimersByTimeAsync(UNCLAIMED_MS + 1);
		expect(opened[0].closed).toBe(true);
		expect(takeStarted('drift', 'auto')).toBeNull();
	});

	it('a start for another lab closes the earlier one', async () => {
		prestart('drift', 'auto');
		prestart('scaling', 'auto');
		await vi.waitFor(() => expect(opened[0].closed).toBe(true));
		expect(opened[1].closed).toBe(false);
		await takeStarted('scaling', 'auto');
	});

	it('starts the lab at a URL only on a ready lab page', async () => {
		prestartAt(new URL('http://x/'));
		prestartAt(new URL('http://x/nowhere'));
		expect(takeStarted('rollout', 'cpu')).toBeNull();
		prestartAt(new URL('http://x/rollout?backend=webgl'));
		expect(await takeStarted('rollout', 'cpu')).toBeTruthy();
	});

	it('a backend that cannot start closes the worker and says why in words', async () => {
		failInit = true;
		await expect(startLab('imbalance', 'auto')).rejects.toThrow('The computation worker could not start: no TF.js backend could start.');
		expect(opened[0].closed).toBe(true);
	});
});
