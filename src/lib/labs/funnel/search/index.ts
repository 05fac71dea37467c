/**
 * The funnel's nearest-neighbour search: one constructor per index kind behind the common `SearchIndex` interface
 * (types.ts). Exact and IVF are plain TypeScript; HNSW is hnswlib compiled to WebAssembly, loaded on first build.
 */
import { ExactIndex } from './exact';
import { HnswIndex, type HnswParams } from './hnsw';
import { IvfIndex, type IvfParams } from './ivf';
import type { Metric, SearchIndex } from './types';

export type IndexSpec = { kind: 'exact'; metric?: Metric } | ({ kind: 'ivf' } & IvfParams) | ({ kind: 'hnsw' } & HnswParams);

export function createIndex(spec: IndexSpec): SearchIndex {
	switch (spec.kind) {
		case 'exact':
			return new ExactIndex(spec);
		case 'ivf':
			return new IvfIndex(spec);
		case 'hnsw':
			return new HnswIndex(spec);
		default:
			throw new RangeError(`Unknown index kind ${String((spec as { kind: unknown }).kind)}: use 'exact', 'ivf' or 'hnsw'.`);
	}
}

export { ExactIndex, exactTopK, innerProduct } from './exact';
export { HnswIndex, type HnswParams, type HnswSpace } from './hnsw';
export { IvfIndex, type IvfParams } from './ivf';
export { groundTruth, recallLatencyCurve, RunStopped, type CurvePoint, type GroundTruth } from './recall-latency';
export { gaussianMixture, type Mixture, type MixtureSpec } from './synthetic';
export { BuildCancelled, type BuildOptions, type BuildProgress, type IndexKind, type Metric, type SearchIndex } from './types';
