/** A step's settings onto a lab's URL state: unlisted settings back to their defaults, the device's backend kept. */
import { parseParams, type Schema, type Values } from '$lib/url/schema';

export function stepValues<S extends Schema>(schema: S, settings: string, current: Values<S>): Values<S> {
	const parsed = parseParams(schema, new URLSearchParams(settings));
	if (parsed.issues.length) throw new Error(`A lesson's settings '${settings}' do not fit the lab: ${parsed.issues.join('; ')}`);
	const next = { ...parsed.values } as Record<string, unknown>;
	if ('backend' in current) next.backend = (current as Record<string, unknown>).backend;
	return next as Values<S>;
}

/** Assign every value (so that the URL state's effect runs once and the lab reruns once). */
export function applyValues<S extends Schema>(target: Values<S>, values: Values<S>): void {
	for (const [k, v] of Object.entries(values)) if ((target as Record<string, unknown>)[k] !== v) (target as Record<string, unknown>)[k] = v;
}
