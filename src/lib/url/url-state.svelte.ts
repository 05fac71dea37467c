/**
 * Binds a lab's settings to the page URL: read once at start (with messages for values that had to be fixed),
 * then written back with history.replaceState (debounced) whenever a setting changes.
 */
import { replaceState } from '$app/navigation';
import { page } from '$app/state';
import { parseParams, serializeParams, type Schema, type Values } from './schema';

export interface UrlState<S extends Schema> {
	/** The lab's settings: what `values` holds (lessons reset them to defaults and apply a step's). */
	readonly schema: S;
	readonly values: Values<S>;
	readonly issues: string[];
	dismissIssues(): void;
	/** Current shareable URL; `present` adds or removes presenter mode (default: as the page is now). */
	href(options?: { present?: boolean }): string;
}

export function createUrlState<S extends Schema>(schema: S, debounceMs = 150): UrlState<S> {
	const parsed = parseParams(schema, page.url.searchParams);
	const values = $state(parsed.values) as Values<S>;
	let issues = $state(parsed.issues);
	let timer: ReturnType<typeof setTimeout> | undefined;

	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- a throwaway copy of the current query, never state
	const query = () => serializeParams(schema, values, new URL(location.href).searchParams);

	$effect(() => {
		query(); // reads every value: re-runs on any change
		clearTimeout(timer);
		timer = setTimeout(() => {
			// Serialised when written, not when scheduled: other code (presenter mode) may have changed the URL since.
			const q = query();
			if (`?${q}` !== location.search) replaceState(`${location.pathname}?${q}`, page.state);
		}, debounceMs);
		return () => clearTimeout(timer);
	});

	return {
		schema,
		values,
		get issues() {
			return issues;
		},
		dismissIssues() {
			issues = [];
		},
		href(options = {}) {
			// eslint-disable-next-line svelte/prefer-svelte-reactivity -- built and returned as a string, never state
			const params = new URLSearchParams(query());
			if (options.present === true) params.set('present', '1');
			else if (options.present === false) params.delete('present');
			return `${location.origin}${location.pathname}?${params}`;
		}
	};
}
