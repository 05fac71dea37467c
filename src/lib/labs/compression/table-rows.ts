/**
 * The rows of the variants table: from a finished compression, or — while the model trains and the variants are
 * built and timed — from what is known before training (./known.ts) and the variants measured so far (the progress
 * reports' `partial`). A cell not measured yet holds a word saying what it waits for, never a blank or NaN.
 */
import type { KnownVariant } from './known';
import type { CompressProgress, CompressResult, ExportEncoding, Latency, PartialVariant, Storage, VariantSpec } from './types';

export interface TableRow extends VariantSpec {
	accuracy: number | null;
	auc: number | null;
	packedBytes: number;
	storage: Storage;
	exportBytes: number | null;
	exportEncoding: ExportEncoding;
	nonzero: number | null;
	total: number;
	/** Mean squared change of the kernels (the CSV's; NaN for structured pruning). */
	mse: number | null;
	latency1: Latency | null;
	latencyN: Latency | null;
	layers: number[];
	/** What the row's accuracy, AUC, export and non-zero cells wait for, while unknown. */
	waitMeasure: string;
	/** What its latency cells wait for. */
	waitTime: string;
}

/** Where the lab is on the way to a finished table. */
export type DraftPhase =
	/** Nothing runs: the model has not trained to its target (paused, or waiting for a click). */
	| { kind: 'untrained' }
	| { kind: 'training' }
	/** The variants are built and measured (progress null: about to start). */
	| { kind: 'compressing'; progress: CompressProgress | null };

export const WAIT_WORDS = {
	untrained: 'after training',
	training: 'training…',
	queued: 'queued',
	fineTuning: 'fine-tuning…',
	measuring: 'measuring…',
	timing: 'timing…'
} as const;

export function rowsOfResult(result: CompressResult): TableRow[] {
	return result.variants.map((v) => ({ ...v, waitMeasure: '', waitTime: '' }));
}

/** The variants measured so far that belong to these rows (same ids, in order). */
function measuredOf(known: KnownVariant[], phase: DraftPhase): PartialVariant[] {
	const partial = phase.kind === 'compressing' ? (phase.progress?.partial ?? []) : [];
	const n = partial.findIndex((m, i) => m.id !== known[i]?.id);
	return n < 0 ? partial : partial.slice(0, n);
}

export function draftRows(known: KnownVariant[], phase: DraftPhase): TableRow[] {
	const measured = measuredOf(known, phase);
	const current = phase.kind === 'compressing' ? (phase.progress?.done ?? 0) : -1;
	return known.map((k, i) => {
		const m = measured[i];
		if (m) {
			return { ...m, latency1: m.latency1 ?? null, latencyN: m.latencyN ?? null, waitMeasure: '', waitTime: WAIT_WORDS.timing };
		}
		const words =
			phase.kind === 'untrained'
				? { waitMeasure: WAIT_WORDS.untrained, waitTime: WAIT_WORDS.untrained }
				: phase.kind === 'training'
					? { waitMeasure: WAIT_WORDS.training, waitTime: WAIT_WORDS.untrained }
					: {
							waitMeasure:
								i === current
									? k.fineTuned
										? WAIT_WORDS.fineTuning
										: k.kind === 'student' || k.kind === 'distilled'
											? WAIT_WORDS.training
											: WAIT_WORDS.measuring
									: WAIT_WORDS.queued,
							waitTime: WAIT_WORDS.queued
						};
		return { ...k, accuracy: null, auc: null, nonzero: null, mse: null, latency1: null, latencyN: null, ...words };
	});
}

/** How many rows have every number. */
export function finishedRows(rows: TableRow[]): number {
	return rows.filter((r) => r.accuracy !== null && r.latency1 !== null && r.latencyN !== null).length;
}
