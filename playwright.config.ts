import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests drive Debian's Chromium (never a downloaded browser) against the production build served by
 * `vite preview`. Two projects: the default one enables WebGPU (a software adapter where there is no GPU), and
 * "no-webgpu" runs the fallback tests in a browser where WebGPU has no adapter.
 */
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const baseArgs = [
	'--headless',
	'--no-sandbox',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync'
];
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
	testDir: 'tests/e2e',
	timeout: 90_000,
	expect: { timeout: 30_000 },
	fullyParallel: false,
	workers: 1,
	retries: 0,
	reporter: [['list']],
	use: {
		baseURL: `http://localhost:${port}`,
		viewport: { width: 1360, height: 900 },
		trace: 'off',
		acceptDownloads: true
	},
	webServer: {
		command: `npx vite preview --port ${port} --strictPort`,
		port,
		reuseExistingServer: !process.env.CI,
		timeout: 60_000
	},
	projects: [
		{
			name: 'chromium',
			grepInvert: /@no-webgpu/,
			use: { launchOptions: { executablePath: chromium, args: [...baseArgs, '--enable-unsafe-webgpu'] } }
		},
		{
			name: 'no-webgpu',
			grep: /@no-webgpu/,
			use: { launchOptions: { executablePath: chromium, args: baseArgs } }
		}
	]
});
