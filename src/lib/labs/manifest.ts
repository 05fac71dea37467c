/**
 * What a lab tells the rest of the app about itself: its `lab.ts` manifest (one per folder under src/lib/labs/).
 * Pure data (importing nothing but this file), so that pages, the service worker, Node tests and Playwright can all read it
 * without loading a lab's code. Every list of labs (home page, navigation, worker API map, sweep kinds, bench, the
 * e2e lab lists) is derived from the manifests: nothing else names the labs.
 */
export type Stage = 'data' | 'model' | 'evaluation' | 'deployment' | 'monitoring';

export const STAGES: Array<{ id: Stage; title: string; blurb: string }> = [
	{ id: 'data', title: 'Data', blurb: 'What the model learns from' },
	{ id: 'model', title: 'Model', blurb: 'How it learns' },
	{ id: 'evaluation', title: 'Evaluation', blurb: 'Whether a difference is real' },
	{ id: 'deployment', title: 'Deployment', blurb: 'What it costs to serve, and how it reaches users' },
	{ id: 'monitoring', title: 'Monitoring', blurb: 'What happens after launch' }
];

export interface LabManifest {
	/** The folder's name, the route (`/<id>`) and the worker API's key. */
	id: string;
	path: string;
	title: string;
	stage: Stage;
	/** Place in the lifecycle order (home page, navigation): labs are listed by it. */
	order: number;
	/** One line on the home page. */
	summary: string;
	/** The lab's own page says this under its title. */
	lede: string;
	/** `false`: shown as "coming" on the home page, no route yet. */
	ready: boolean;
	/**
	 * `chosen`: the lab trains with TF.js on the backend its `backend` setting names (URL `backend`, default
	 * automatic); `none`: plain JavaScript, no TF.js backend. The early worker start (runtime/prestart.ts) reads it.
	 */
	backend: 'chosen' | 'none';
	/** Labs whose worker API has `sweep(requests, onRun)`: the bench's preset and the models one run trains. */
	sweep?: { benchPreset: string; modelsPerRun: number; benchOneWorker?: boolean };
	/**
	 * What the browser tests need to know: settings light enough to render fast (`light`, a query string), the
	 * lab's widest element (`widest`, a test id: no sideways scrolling on a phone), and the elements whose numbers
	 * must not change in a refactor (`numbers`, test ids).
	 */
	checks: { light: string; widest: string; numbers: string[] };
}

export type LabInfo = LabManifest;

/** The manifests by folder, checked: a manifest's id is its folder's name. */
export function labsFromManifests(modules: Record<string, LabManifest>): LabInfo[] {
	const labs = Object.entries(modules).map(([file, lab]) => {
		const folder = file.split('/').at(-2);
		if (lab.id !== folder) throw new Error(`The manifest ${file} has id '${lab.id}': a lab's id is its folder's name.`);
		if (lab.path !== `/${lab.id}`) throw new Error(`The manifest ${file} has path '${lab.path}': a lab is served at /${lab.id}.`);
		return lab;
	});
	return labs.sort((a, b) => a.order - b.order);
}

export const SITE = 'ML Design Lab';

/** The browser tab's title of a lab's page. */
export function labTitle(lab: LabInfo): string {
	return `${lab.title} · ${SITE}`;
}

/** A manifest, type-checked (use in `lab.ts`: `export const lab = defineLab({ … })`). */
export const defineLab = <const M extends LabManifest>(m: M): M => m;
