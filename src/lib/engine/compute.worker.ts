/**
 * The app's one compute worker. A page starts it and asks for its lab's API with `open(lab)`, which loads that
 * lab's module on demand and hands back a Comlink proxy to it. Logic lives in the imported modules.
 */
import * as Comlink from 'comlink';
import { LAB_APIS, isLabId } from './lab-apis';

const entry = {
	async open(lab: string) {
		if (!isLabId(lab)) throw new Error(`Unknown lab '${lab}'.`);
		return Comlink.proxy(await LAB_APIS[lab]());
	}
};

export type ComputeEntry = typeof entry;
Comlink.expose(entry);
