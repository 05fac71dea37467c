import { defineLab } from '../manifest';

/** The scaling lab's manifest (see ../manifest.ts). */
export const lab = defineLab({
	id: 'scaling',
	path: '/scaling',
	title: 'Feature scaling',
	stage: 'model',
	summary: 'How min-max, standard, robust and log scaling reshape the loss surface and speed up gradient descent.',
	lede: 'The same model, optimizer and learning rate on five scalings of the same data: which converge, how fast, and why.',
	order: 2,
	ready: true,
	backend: 'chosen',
	sweep: { benchPreset: 'lr', modelsPerRun: 5 },
	checks: { light: 'steps=20', widest: 'results-table', numbers: ['results-table'] }
});
