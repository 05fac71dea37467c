/**
 * The part of hnswlib-wasm 0.8.2 the funnel uses (its own typings need @types/emscripten). The package's emscripten
 * factory chunk is imported by file name (`hnswlib-loader.ts` says why), hence the exact version pin in package.json.
 */
declare module 'hnswlib-wasm/dist/hnswlib-317962d7.js' {
	export interface HnswSearchResult {
		distances: number[];
		neighbors: number[];
	}
	export interface HnswGraph {
		initIndex(maxElements: number, m: number, efConstruction: number, randomSeed: number): void;
		addPoint(point: Float32Array, label: number, replaceDeleted: boolean): void;
		searchKnn(query: Float32Array, k: number, filter: undefined): HnswSearchResult;
		setEfSearch(ef: number): void;
		getEfSearch(): number;
		getCurrentCount(): number;
		delete(): void;
	}
	export interface HnswlibModule {
		HierarchicalNSW: new (space: 'l2' | 'ip' | 'cosine', dimensions: number, autoSaveFilename: string) => HnswGraph;
	}
	const factory: (moduleOverrides?: object) => Promise<HnswlibModule>;
	export default factory;
}
