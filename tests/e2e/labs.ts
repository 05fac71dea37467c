/**
 * The labs for browser tests, read from the manifests (src/lib/labs/<lab>/lab.ts) as the app reads them — Node has no
 * `import.meta.glob`, so the folders are listed here with the same check (registry.ts `labsFromManifests`).
 */
import { readdirSync, existsSync } from 'node:fs';
import { labsFromManifests, type LabInfo } from '../../src/lib/labs/manifest';

const DIR = new URL('../../src/lib/labs/', import.meta.url);
const folders = readdirSync(DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory() && existsSync(new URL(`${d.name}/lab.ts`, DIR)))
	.map((d) => d.name);
const modules = Object.fromEntries(
	await Promise.all(folders.map(async (f) => [`./${f}/lab.ts`, ((await import(`../../src/lib/labs/${f}/lab.ts`)) as { lab: LabInfo }).lab] as const))
);

export const LABS: LabInfo[] = labsFromManifests(modules);
export const READY = LABS.filter((l) => l.ready);
