/** What the page says about the backend a lab's worker chose, from the worker's report of every attempt. */
import { BACKEND_LABELS, type BackendAttempt, type BackendReport } from '$lib/engine/backend-types';

/** The fallback story in one or two sentences, or null when the first choice simply worked. */
export function backendNotice(report: BackendReport): string | null {
	const { attempts, active, device, software } = report;
	const names = (list: BackendAttempt[]) => list.map((a) => BACKEND_LABELS[a.backend]).join(' and ');
	const parts: string[] = [];
	const skipped = attempts.filter((a) => a.skipped);
	const failed = attempts.filter((a) => !a.ok && !a.skipped);
	if (failed.length) parts.push(failed.map((a) => `${BACKEND_LABELS[a.backend]} could not start: ${a.error}.`).join(' '));
	if (skipped.length) {
		parts.push(
			`${names(skipped)} ${skipped.length > 1 ? 'were' : 'was'} skipped: this machine only offers a software emulation of a GPU, slower than the CPU backends (choose one explicitly to try it).`
		);
	}
	if (parts.length) return `Running on ${BACKEND_LABELS[active]}. ${parts.join(' ')}`;
	if (software) return `${BACKEND_LABELS[active]} runs on a software emulation of a GPU (${device}): expect it to be slow.`;
	return null;
}
