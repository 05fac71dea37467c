/**
 * Pages render in the browser (ssr = false), so the prerendered HTML shell of each route would have no <title> until
 * JavaScript runs. This fills the shell's title from the lab registry while prerendering (and in `vite dev`).
 */
import type { Handle } from '@sveltejs/kit';
import { LABS, SITE, labTitle } from '$lib/labs/registry';

export function titleFor(pathname: string): string {
	const lab = LABS.find((l) => l.path === pathname.replace(/\/$/, '') && l.ready);
	if (lab) return labTitle(lab);
	if (pathname === '/' || pathname === '') return `${SITE}: the trade-offs of ML system design, trained live`;
	if (pathname.startsWith('/bench')) return `Benchmarks · ${SITE}`;
	return SITE;
}

export const handle: Handle = ({ event, resolve }) =>
	resolve(event, { transformPageChunk: ({ html }) => html.replace('%mdl.title%', titleFor(event.url.pathname)) });
