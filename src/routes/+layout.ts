// Every lab reads its settings from the URL in the browser, so pages are rendered on the client;
// each route is still prerendered to an HTML shell so the static build has one file per lab.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'never';
