/**
 * The client's hooks. `init` runs once the app's entry has loaded, before the page's own code: when the visitor
 * opened a lab, its compute worker and backend start here (runtime/prestart.ts), side by side with the page; the
 * service worker for offline use registers a few seconds after the page has loaded (runtime/offline.ts).
 *
 * Errors while routing in the browser: a page that does not exist is not a fault of the app — the 404 page says so
 * (src/routes/+error.svelte) and nothing is logged. Anything else is logged for whoever opens the console.
 */
import type { ClientInit, HandleClientError } from '@sveltejs/kit';
import { prestartAt } from '$lib/runtime/prestart';
import { registerOfflineLater } from '$lib/runtime/offline';

export const init: ClientInit = () => {
	prestartAt(new URL(location.href));
	registerOfflineLater();
};

export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
