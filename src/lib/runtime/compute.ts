/**
 * Opens a lab's API in a fresh compute worker (the app's one worker bundle; see src/lib/engine/compute.worker.ts).
 * A worker script that fails to load rejects the returned promise with the reason, instead of hanging.
 */
import * as Comlink from 'comlink';
import ComputeWorker from '$lib/engine/compute.worker?worker';
import type { ComputeEntry } from '$lib/engine/compute.worker';
import type { LabApis, LabId } from '$lib/engine/lab-apis';

export interface OpenedLab<K extends LabId> {
	api: Comlink.Remote<LabApis[K]>;
	/** Rejects when the worker fails (a script that cannot load, an uncaught error); race it with calls that could hang. */
	failed: Promise<never>;
	/** Release the proxies and terminate the worker. */
	close(): void;
}

export async function openLab<K extends LabId>(lab: K): Promise<OpenedLab<K>> {
	const worker = new ComputeWorker();
	const failed = new Promise<never>((_, reject) => {
		worker.addEventListener('error', (e) => reject(new Error(e.message || 'the worker script failed to load')));
	});
	failed.catch(() => undefined); // only observed by whoever races it
	const entry = Comlink.wrap<ComputeEntry>(worker);
	const close = () => {
		entry[Comlink.releaseProxy]();
		worker.terminate();
	};
	try {
		const api = (await Promise.race([entry.open(lab), failed])) as unknown as Comlink.Remote<LabApis[K]>;
		return {
			api,
			failed,
			close: () => {
				api[Comlink.releaseProxy]();
				close();
			}
		};
	} catch (e) {
		close();
		throw e;
	}
}
