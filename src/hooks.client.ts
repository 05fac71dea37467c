/**
 * Errors while routing in the browser. A page that does not exist is not a fault of the app: the 404 page says so
 * (src/routes/+error.svelte) and nothing is logged. Anything else is logged for whoever opens the console.
 */
import type { HandleClientError } from '@sveltejs/kit';

export const handleError: HandleClientError = ({ error, status, message }) => {
	if (status !== 404) console.error(error);
	return { message };
};
