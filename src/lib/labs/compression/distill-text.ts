/**
 * The compression lab's sentence about distillation, computed from one finished compression: the teacher (the lab's
 * float32 model), the student trained on labels alone and the distilled student, and how much of the teacher–student
 * accuracy gap distillation closed in this one run. One seed is one run — one data set, one initialisation, one test
 * split — so the sentence says so and points to the sweep, where the gain gets an interval over seeds.
 */
import { fmtPct } from '$lib/format';
import type { VariantResult } from './types';

export interface DistillReading {
	teacher: number;
	student: number;
	distilled: number;
	/** Teacher minus student (accuracy). */
	gap: number;
	/** Distilled minus student. */
	gain: number;
	/** gain / gap, when the gap is positive (else null: nothing to close). */
	closed: number | null;
}

/** The three accuracies and the share of the gap closed, or null when the result has no students. */
export function readDistill(variants: Array<Pick<VariantResult, 'kind' | 'accuracy'>>): DistillReading | null {
	const teacher = variants.find((v) => v.kind === 'baseline')?.accuracy;
	const student = variants.find((v) => v.kind === 'student')?.accuracy;
	const distilled = variants.find((v) => v.kind === 'distilled')?.accuracy;
	if (teacher === undefined || student === undefined || distilled === undefined) return null;
	const gap = teacher - student;
	const gain = distilled - student;
	return { teacher, student, distilled, gap, gain, closed: gap > 0 ? gain / gap : null };
}

const pts = (d: number) => `${(Math.abs(d) * 100).toFixed(1)} percentage point${Math.abs(d * 100).toFixed(1) === '1.0' ? '' : 's'}`;

/** What the page says about the run; `testRows` is the size of the test split. */
export function distillSentence(r: DistillReading, seed: number, testRows: number): string {
	const head = `In this one run (seed ${seed}, ${testRows.toLocaleString('en-US')} test rows) the teacher scored ${fmtPct(r.teacher, 1)}, the student on labels alone ${fmtPct(r.student, 1)} and the distilled student ${fmtPct(r.distilled, 1)}.`;
	let body: string;
	if (r.closed === null) {
		body = `The student on labels alone was not behind the teacher here, so there was no gap for distillation to close; the distilled student scored ${pts(r.gain)} ${r.gain >= 0 ? 'higher' : 'lower'} than it.`;
	} else if (r.gain <= 0) {
		body = `Distillation closed none of the ${pts(r.gap)} gap: the distilled student scored ${r.gain === 0 ? 'the same as' : `${pts(r.gain)} below`} the student on labels alone.`;
	} else {
		const share = Math.round(r.closed * 100);
		body = `Distillation gained ${pts(r.gain)}: ${share > 100 ? `more than the whole ${pts(r.gap)} gap (${share}% of it)` : `${share}% of the ${pts(r.gap)} gap`}.`;
	}
	return `${head} ${body} One seed is one run: differences of a point or two can come from the seed alone. Run the distillation sweep (seed replicates) for an interval on the gain, computed on per-seed paired differences.`;
}
