import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

/**
 * A throw-away static server over the production build (`build/`), started inside the test so that the test can
 * stop it: once it is closed, the site is truly unreachable, and only the service worker can serve the app.
 * Resolves `/lab` to `lab.html` like the static host would, and falls back to `404.html`.
 */
const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript',
	'.css': 'text/css',
	'.json': 'application/json',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.webmanifest': 'application/manifest+json'
};

async function fileFor(root: string, pathname: string): Promise<string | null> {
	const clean = normalize(decodeURIComponent(pathname)).replace(/^(\.\.[/\\])+/, '');
	const candidates = clean.endsWith('/') ? [join(root, clean, 'index.html')] : [join(root, clean), join(root, `${clean}.html`)];
	for (const file of candidates) {
		const s = await stat(file).catch(() => null);
		if (s?.isFile()) return file;
	}
	return null;
}

export interface StaticServer {
	url: string;
	close(): Promise<void>;
}

export async function serveBuild(root = 'build'): Promise<StaticServer> {
	const server: Server = createServer(async (req, res) => {
		const { pathname } = new URL(req.url ?? '/', 'http://x');
		const file = (await fileFor(root, pathname)) ?? join(root, '404.html');
		const status = file.endsWith('404.html') && pathname !== '/404.html' ? 404 : 200;
		res.writeHead(status, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
		res.end(await readFile(file));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('static server has no port');
	return {
		url: `http://127.0.0.1:${address.port}`,
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((e) => (e ? reject(e) : resolve()));
			})
	};
}
