import { defineLab } from '../manifest';

/** The compression lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'compression',
	path: '/compression',
	title: 'Compression',
	stage: 'deployment',
	summary: 'Quantization and pruning traded against accuracy, model size and latency measured in your browser.',
	lede: 'Quantize and prune a model trained in your browser, then see what each variant costs in accuracy and what it really saves in bytes and milliseconds.',
	order: 5,
	ready: true,
	backend: 'chosen',
	sweep: { benchPreset: 'sparsity', modelsPerRun: 2 },
	checks: { light: 'width=32&depth=1&epochs=2&ntrain=1000&runs=3&large=128&ftepochs=1', widest: 'variants-table', numbers: ['variants-table'] }
});
