/**
 * Embedding a lab or a lesson in another page (a course page, slides): the same URL with `embed=1`, which hides the
 * site's navigation and footer (routes/+layout.svelte), in an iframe sized for a slide.
 */
export function embedUrl(href: string): string {
	const u = new URL(href);
	u.searchParams.set('embed', '1');
	return u.toString();
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function embedCode(href: string, title: string): string {
	return `<iframe src="${escapeAttr(embedUrl(href))}" title="${escapeAttr(title)} · ML Design Lab" width="100%" height="720" style="border:0;max-width:1280px" loading="lazy" allow="clipboard-write"></iframe>`;
}
