/** The app and the browser: building, serving it with `vite preview`, launching Chromium, measuring its memory. */
import { spawn, spawnSync } from 'node:child_process';
import { chromium } from 'playwright-core';
import { PORT, executablePath } from './options.mjs';

/** Builds the app (`vite build`); exits on failure. */
export function buildApp() {
	console.log('Building…');
	const b = spawnSync('npx', ['vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
	if (b.status !== 0) process.exit(b.status ?? 1);
}

/** Starts the preview server; returns the function that stops it (also called on exit). */
export function startServer() {
	const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { stdio: 'ignore', detached: true });
	const stopServer = () => {
		try {
			process.kill(-server.pid);
		} catch {
			/* already gone */
		}
	};
	process.on('exit', stopServer);
	return stopServer;
}

export async function waitForServer() {
	for (let i = 0; i < 100; i++) {
		try {
			if ((await fetch(`http://localhost:${PORT}/`)).ok) return;
		} catch {
			/* not yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error('The preview server did not start.');
}

/** Resident memory (KB) of every Chromium process of this machine. */
export function chromiumRss() {
	const out = spawnSync('ps', ['-eo', 'rss=,comm='], { encoding: 'utf8' }).stdout ?? '';
	return out
		.split('\n')
		.filter((l) => /chrom/i.test(l))
		.reduce((s, l) => s + (parseInt(l.trim(), 10) || 0), 0);
}

export async function launchBrowser() {
	return chromium.launch({
		executablePath,
		args: [
			'--headless',
			'--no-sandbox',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--enable-unsafe-webgpu'
		]
	});
}
