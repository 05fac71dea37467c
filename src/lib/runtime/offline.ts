/**
 * The service worker (src/service-worker.ts) precaches the whole build, ~2.7 MB in ~100 files, on a first visit.
 * Registered at once (SvelteKit's default) those downloads compete with the lab's own start — its page's code, its
 * worker's code and TF.js backend — for the network and both cores: measured, the lab's worker took ~0.7 s instead
 * of ~0.3 s to be ready. So it registers 3 s after the page's load event, at the browser's next idle moment (at most
 * 2 s later); offline use still works from the first visit on, seconds later.
 */
export const REGISTER_AFTER_MS = 3000;

export function registerOfflineLater(): void {
	if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
	const register = () => {
		const idle = (globalThis as { requestIdleCallback?: (cb: () => void, o?: { timeout: number }) => number }).requestIdleCallback;
		const go = () =>
			void navigator.serviceWorker
				.register('/service-worker.js', { type: import.meta.env.DEV ? 'module' : 'classic' })
				.catch((e: unknown) => console.warn('Offline use is unavailable: the service worker did not register.', e));
		setTimeout(() => (idle ? idle(go, { timeout: 2000 }) : go()), REGISTER_AFTER_MS);
	};
	if (document.readyState === 'complete') register();
	else addEventListener('load', register, { once: true });
}
