/**
 * One folder per lab: every folder under src/lib/labs/ (but the shared ones) has a `lab.ts` manifest whose id is the
 * folder's name and is routed (src/routes/<id>/+page.svelte) when ready; every lab list of the app is derived from
 * the manifests — the registry, the worker API map and the sweep bench agree with the folders.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { LABS, labsFromManifests } from '$lib/labs/registry';
import { LAB_APIS, isLabId } from '$lib/engine/lab-apis';
import { sweepBenchCases, sweepSpecOf } from '$lib/bench/sweep-bench';
import type { LabManifest } from '$lib/labs/manifest';

const LABS_DIR = new URL('../../src/lib/labs/', import.meta.url);
const ROUTES = new URL('../../src/routes/', import.meta.url);
const folders = readdirSync(LABS_DIR, { withFileTypes: true })
	.filter((d) => d.isDirectory())
	.map((d) => d.name)
	.sort();

describe('lab manifests', () => {
	it('every lab folder has a manifest, and the registry lists exactly those', () => {
		const missing = folders.filter((f) => !existsSync(new URL(`${f}/lab.ts`, LABS_DIR)));
		expect(missing, 'lab folders without a lab.ts manifest').toEqual([]);
		expect(LABS.map((l) => l.id).sort()).toEqual(folders);
	});

	it("every ready lab's id is routed, and every routed lab has a manifest", () => {
		for (const lab of LABS.filter((l) => l.ready)) expect(existsSync(new URL(`${lab.id}/+page.svelte`, ROUTES)), `route of ${lab.id}`).toBe(true);
		const routed = readdirSync(ROUTES, { withFileTypes: true })
			// Pages that are not labs: the benchmark page and the instructors' list of lessons.
			.filter((d) => d.isDirectory() && !['bench', 'lessons'].includes(d.name))
			.map((d) => d.name);
		expect(routed.filter((r) => !LABS.some((l) => l.id === r))).toEqual([]);
	});

	it("a manifest's backend says whether its worker's init starts a TF.js backend (the early start asks for that one)", () => {
		for (const lab of LABS.filter((l) => l.ready)) {
			const api = readFileSync(new URL(`${lab.id}/worker/api.ts`, LABS_DIR), 'utf8');
			// The init method's body (a lab may still load TF.js later for one view, as the capacity lab's networks do).
			const init = /async init\([^)]*\)[^{]*\{([^}]*)\}/.exec(api)?.[1] ?? '';
			expect(init, `${lab.id}: init`).not.toBe('');
			expect(lab.backend, `${lab.id}: backend`).toBe(/initBackend\(/.test(init) ? 'chosen' : 'none');
		}
	});

	it("each lab's worker API is found by its folder, and its api.ts types itself into LabApis", () => {
		expect(Object.keys(LAB_APIS).sort()).toEqual(folders.filter((f) => existsSync(new URL(`${f}/worker/api.ts`, LABS_DIR))));
		for (const id of Object.keys(LAB_APIS)) {
			expect(isLabId(id)).toBe(true);
			const api = readFileSync(new URL(`${id}/worker/api.ts`, LABS_DIR), 'utf8');
			expect(api, `${id}/worker/api.ts exports createApi`).toMatch(/export const createApi = /);
			expect(api, `${id}/worker/api.ts adds its type to LabApis`).toMatch(new RegExp(`interface LabApis \\{\\s*'?${id}'?:`));
		}
		expect(isLabId('nope')).toBe(false);
	});

	it("a sweeping lab's manifest names a preset of its sweep.ts, and the bench runs every sweeping lab", () => {
		const sweeping = LABS.filter((l) => l.sweep);
		expect(sweeping.map((l) => l.id).sort()).toEqual(folders.filter((f) => existsSync(new URL(`${f}/sweep.ts`, LABS_DIR))));
		for (const lab of sweeping) expect(sweepSpecOf(lab.id).presets.map((p) => p.id)).toContain(lab.sweep!.benchPreset);
		expect([...new Set(sweepBenchCases().map(([lab]) => lab))].sort()).toEqual(sweeping.map((l) => l.id).sort());
	});

	it('a manifest whose id is not its folder, or whose path is not /<id>, is refused in words', () => {
		const base = LABS[0];
		const wrongId: LabManifest = { ...base, id: 'other' };
		expect(() => labsFromManifests({ [`./${base.id}/lab.ts`]: wrongId })).toThrow(/id 'other': a lab's id is its folder's name/);
		const wrongPath: LabManifest = { ...base, path: '/elsewhere' };
		expect(() => labsFromManifests({ [`./${base.id}/lab.ts`]: wrongPath })).toThrow(/a lab is served at \//);
	});

	it('labs are in lifecycle order, with unique orders, and light test settings for every ready lab', () => {
		const orders = LABS.map((l) => l.order);
		expect(new Set(orders).size).toBe(orders.length);
		expect(orders).toEqual([...orders].sort((a, b) => a - b));
		for (const lab of LABS.filter((l) => l.ready)) {
			expect(lab.checks.light.length, lab.id).toBeGreaterThan(0);
			expect(lab.checks.numbers.length, lab.id).toBeGreaterThan(0);
		}
	});
});
