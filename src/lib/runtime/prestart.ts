/**
 * Starts a lab's compute worker and its backend before the lab's page has loaded and rendered, so that the worker
 * start, the TF.js backend's initialisation and the page's own start-up run side by side instead of one after the
 * other. Called from the client's `init` hook for the page the visitor opened (src/hooks.client.ts) and from the
 * layout before a navigation to a lab. `LabWorker.start` takes the started worker when it asks for the same lab
 * and backend; a started worker that nobody takes within `UNCLAIMED_MS` (a navigation that did not happen) closes.
 */
import type { BackendChoice, BackendReport } from '$lib/engine/backend-types';
import { BACKEND_CHOICES } from '$lib/engine/backend-types';
import type { LabId } from '$lib/engine/lab-apis';
import type { LabInfo } from '$lib/labs/manifest';
import { LABS } from '$lib/labs/registry';
import { openLab, type OpenedLab } from './compute';
import { errorMessage } from './latest-run.svelte';

export interface Started<K extends LabId> {
	opened: OpenedLab<K>;
	report: BackendReport;
}

interface Early {
	lab: LabId;
	choice: BackendChoice;
	started: Promise<Started<LabId>>;
	timer: ReturnType<typeof setTimeout>;
}

export const UNCLAIMED_MS = 15_000;
let early: Early | null = null;

/** The backend a lab will ask for at this URL: its `backend` setting, or the plain CPU for a lab without TF.js. */
export function backendAt(lab: Pick<LabInfo, 'backend'>, url: URL): BackendChoice {
	if (lab.backend === 'none') return 'cpu';
	const raw = url.searchParams.get('backend');
	return BACKEND_CHOICES.find((c) => c === raw) ?? 'auto';
}

/** Open `lab`'s API in a new worker and start its backend; a failure rejects with the reason in words. */
export async function startLab<K extends LabId>(lab: K, choice: BackendChoice): Promise<Started<K>> {
	let opened: OpenedLab<K>;
	try {
		opened = await openLab(lab);
	} catch (e) {
		throw new Error(`The background worker could not start: ${errorMessage(e)}.`, { cause: e });
	}
	try {
		// Every lab API has init(choice); the labs without TF.js ignore it.
		const withInit = opened.api as unknown as { init(c: BackendChoice): Promise<BackendReport> };
		return { opened, report: await Promise.race([withInit.init(choice), opened.failed]) };
	} catch (e) {
		opened.close();
		throw new Error(`The computation worker could not start: ${errorMessage(e)}.`, { cause: e });
	}
}

/** Start `lab`'s worker on `choice` now (replacing an earlier unclaimed start). */
export function prestart(lab: LabId, choice: BackendChoice): void {
	if (early?.lab === lab && early.choice === choice) return;
	discard();
	performance.mark('mdl:prestart');
	const started = startLab(lab, choice);
	started.catch(() => undefined); // its taker sees the error
	const timer = setTimeout(discard, UNCLAIMED_MS);
	early = { lab, choice, started, timer };
}

/** Start the worker of the lab at `url`, if it is a lab's page. */
export function prestartAt(url: URL): void {
	const lab = LABS.find((l) => l.ready && l.path === url.pathname);
	if (lab) prestart(lab.id as LabId, backendAt(lab, url));
}

/** The early start of `lab` on `choice`, once (null when there is none or it was for another lab or backend). */
export function takeStarted<K extends LabId>(lab: K, choice: BackendChoice): Promise<Started<K>> | null {
	if (!early || early.lab !== lab || early.choice !== choice) return null;
	const { started, timer } = early;
	clearTimeout(timer);
	early = null;
	return started as unknown as Promise<Started<K>>;
}

function discard(): void {
	if (!early) return;
	clearTimeout(early.timer);
	early.started.then((s) => s.opened.close()).catch(() => undefined);
	early = null;
}
