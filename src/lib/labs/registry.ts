/**
 * The labs, in the order of the ML system design lifecycle, read from each folder's `lab.ts` manifest (nothing here
 * lists them). `ready: false` labs show as "coming" on the home page.
 */
import { labsFromManifests, type LabInfo, type LabManifest } from './manifest';

export { STAGES, SITE, labTitle, labsFromManifests, type LabInfo, type Stage } from './manifest';

const manifests = import.meta.glob<LabManifest>('./*/lab.ts', { eager: true, import: 'lab' });

export const LABS: LabInfo[] = labsFromManifests(manifests);

export function labById(id: string): LabInfo {
	const lab = LABS.find((l) => l.id === id);
	if (!lab) throw new Error(`Unknown lab '${id}'.`);
	return lab;
}
