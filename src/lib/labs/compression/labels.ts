/** The compression lab's names for variants, storage formats and export encodings, built from the worker's data. */
import type { ExportEncoding, Storage, VariantSpec } from '$lib/labs/compression/types';
import { finishedRows, type DraftPhase, type TableRow } from './table-rows';

/** A student's share of the training rows, when it sees only some. */
const rowsOf = (v: VariantSpec) =>
	v.studentShare !== undefined && v.studentShare < 1 ? `, ${Number((v.studentShare * 100).toPrecision(3))}% of the rows` : '';

export function variantLabel(v: VariantSpec): string {
	const pct = `${Math.round((v.sparsity ?? 0) * 100)}%`;
	switch (v.kind) {
		case 'baseline':
			return 'float32 (original)';
		case 'float16':
			return 'float16';
		case 'quantized':
			return `int${v.bits} ${v.symmetric ? 'symmetric' : 'asymmetric'}, per ${v.perChannel ? 'channel' : 'tensor'}`;
		case 'unstructured':
			return `unstructured pruning ${pct}, ${v.fineTuned ? 'gradual + fine-tuned' : 'one-shot'}`;
		case 'structured':
			return `structured: ${pct} of neurons removed, ${v.fineTuned ? 'fine-tuned' : 'one-shot'}`;
		case 'student':
			return `Student (${v.studentWidth} units${rowsOf(v)}), labels only`;
		case 'distilled':
			return `Distilled student (${v.studentWidth} units${rowsOf(v)}, T = ${v.temperature}, λ = ${v.hardWeight})`;
	}
}

export function storageLabel(s: Storage): string {
	switch (s.kind) {
		case 'float32':
			return 'float32, dense';
		case 'float16':
			return 'float16 kernels, float32 biases';
		case 'packed':
			return `${s.bits}-bit packed kernels, ${s.perChannel ? 'scale and zero point per output channel' : 'one scale and zero point per tensor'}`;
		case 'csr':
			return s.sparseKernels
				? `sparse (CSR: float32 values + 16-bit indices) for ${s.sparseKernels} of ${s.kernels} kernels`
				: 'float32, dense (too few zeros for sparse storage to pay)';
		case 'float32-smaller':
			return 'float32, dense, smaller layers';
		case 'float32-student':
			return 'float32, dense, a smaller model trained from scratch';
	}
}

export function exportNote(e: ExportEncoding): string {
	if (e.kind === 'float16') return 'float16 kernels (TF.js decodes them to float32)';
	if (e.kind === 'affine') {
		if (e.perChannel) return 'dequantized float32: the TF.js format has no per-channel quantization';
		return `uint8 kernels with scale and min (TF.js dequantizes on load)${e.bits < 8 ? `; ${e.bits}-bit values take a byte each` : ''}`;
	}
	return 'float32';
}

/** The status line under "Compress and measure" while the table fills in (./table-rows.ts). */
export function draftStatus(phase: DraftPhase, rows: TableRow[], epochs: number): string {
	const after = 'The charts, the Pareto front and the CSV follow once every variant is measured.';
	if (phase.kind === 'untrained')
		return `Sizes follow from the architecture. Accuracy and latency are measured once the model has trained for ${epochs} epochs.`;
	if (phase.kind === 'training') return `Training the model (${epochs} epochs); sizes follow from the architecture, accuracy and latency come after. ${after}`;
	const progress = phase.progress;
	const row = progress?.variant ? rows.find((r) => r.id === progress.variant!.id) : undefined;
	if (!progress || !row) return `Building the variants… ${after}`;
	const student = row.kind === 'student' || row.kind === 'distilled';
	const doing = row.accuracy !== null ? 'timing' : row.fineTuned ? 'fine-tuning' : student ? 'training' : 'building and evaluating';
	return `${finishedRows(rows)} of ${rows.length} variants measured; ${doing} ${variantLabel(row)}… ${after}`;
}
