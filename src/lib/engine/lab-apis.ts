/**
 * Every lab's worker API, loaded on demand by the one compute worker (src/lib/engine/compute.worker.ts). One worker entry
 * means one bundle: TF.js core and each backend are built once and shared by all labs (five entries used to bundle
 * five copies). Types only for pages: `import type { LabApis, LabKind }`.
 */
export const LAB_APIS = {
	imbalance: async () => (await import('../labs/imbalance/worker/api')).createImbalanceApi(),
	scaling: async () => (await import('../labs/scaling/worker/api')).createScalingApi(),
	abtest: async () => (await import('../labs/abtest/worker/api')).createAbtestApi(),
	'offline-online': async () => (await import('../labs/offline-online/worker/api')).createOfflineOnlineApi(),
	compression: async () => (await import('../labs/compression/worker/api')).createCompressionApi(),
	drift: async () => (await import('../labs/drift/worker/api')).createDriftApi(),
	rollout: async () => (await import('../labs/rollout/worker/api')).createRolloutApi()
};

export type LabKind = keyof typeof LAB_APIS;
export type LabApis = { [K in LabKind]: Awaited<ReturnType<(typeof LAB_APIS)[K]>> };

export function isLabKind(lab: string): lab is LabKind {
	return Object.prototype.hasOwnProperty.call(LAB_APIS, lab);
}
