/**
 * Every lab's worker API, loaded on demand by the one compute worker (src/lib/engine/compute.worker.ts): each lab's
 * `src/lib/labs/<lab>/worker/api.ts`, found by its folder (nothing here lists the labs). One worker entry means one
 * bundle: TF.js core and each backend are built once and shared by all labs. Types only for pages:
 * `import type { LabApis, LabId }`.
 *
 * Each api.ts exports `createApi` and adds its API's type here by declaration merging:
 * `declare module '$lib/engine/lab-apis' { interface LabApis { <lab>: ReturnType<typeof createApi> } }`.
 */

// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by each lab's worker/api.ts
export interface LabApis {}

/** A lab with a worker API (every lab's manifest id; tests/unit/lab-manifests.test.ts checks both lists agree). */
export type LabId = keyof LabApis & string;

const modules = import.meta.glob<{ createApi: () => object }>('../labs/*/worker/api.ts');

/** The lab id of `../labs/<id>/worker/api.ts`. */
const idOf = (file: string) => file.split('/').at(-3)!;

export const LAB_APIS: Record<string, () => Promise<object>> = Object.fromEntries(
	Object.entries(modules).map(([file, load]) => [idOf(file), async () => (await load()).createApi()])
);

export function isLabId(lab: string): lab is LabId {
	return Object.prototype.hasOwnProperty.call(LAB_APIS, lab);
}

/** The labs whose worker API has `sweep(requests, onRun)`. */
export type SweepLabId = { [K in LabId]: LabApis[K] extends { sweep: (...args: never[]) => unknown } ? K : never }[LabId];
