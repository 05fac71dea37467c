/**
 * The compression lab's lessons (lessons/types.ts): what quantization and pruning buy in bytes and cost in accuracy,
 * and when distillation pays. Every answer and every number in an explanation comes from the run's facts (./facts.ts);
 * no answer rests on a timing (latency is this device's and noisy). The settings are the lab's URL settings, light
 * enough to finish in seconds; tests/unit/compression-lessons.test.ts runs them through the worker and pins the
 * default seed's answers.
 */
import { defineLessons, type Choice, type Facts } from '$lib/lessons/types';
import { num, numberChoices, sortedChoices } from '$lib/lessons/grade';
import { fmtInt, fmtPct } from '$lib/format';

/** Lesson 1: a 16-64-64-1 model on 2,000 rows, 5 epochs; no students (the table is the compression's). */
const SIZE = 'width=64&ntrain=2000&epochs=5&ftepochs=1&distill=false';
/** Lesson 2: a 64-unit teacher on 3,000 rows with 10% of the labels flipped; pruning not fine-tuned, light timing. */
const TEACHER = 'width=64&depth=1&features=8&ntrain=3000&epochs=6&noise=0.1&finetune=false&runs=5&large=256';
const FEW_ROWS = `${TEACHER}&sw=16&srows=0.05`;

const pct = (v: number) => fmtPct(v, 1);
const pct0 = (v: number) => fmtPct(v, 0);
const points = (d: number) => `${Math.abs(100 * d).toFixed(1)} point${Math.abs(100 * d).toFixed(1) === '1.0' ? '' : 's'}`;
const signedPoints = (v: number) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)} points`;

/** "81.3% → 81.4% (0.1 points higher)": float32's accuracy and a variant's. */
function change(f: Facts, name: string): string {
	const d = num(f, `acc${name}`) - num(f, 'accFp32');
	const how = d === 0 ? 'the same' : `${points(d)} ${d > 0 ? 'higher' : 'lower'}`;
	return `${pct(num(f, 'accFp32'))} → ${pct(num(f, `acc${name}`))} (${how})`;
}

/** Choices at fixed offsets from a value (distinct once written, inside [lo, hi]), in increasing order. */
function offsetChoices(value: number, format: (v: number) => string, offsets: number[], lo = -Infinity, hi = Infinity): { options: Choice[]; answer: string } {
	return sortedChoices(
		value,
		offsets.map((o) => value + o).filter((v) => v >= lo && v <= hi),
		format
	);
}

/** An accuracy among three others 3–9 points away (which side depends on the value, so the answer is not always in one place). */
function accuracyChoices(a: number): { options: Choice[]; answer: string } {
	const sets = [
		[-0.06, -0.03, 0.03],
		[-0.03, 0.03, 0.06],
		[-0.09, -0.06, -0.03]
	];
	const pick = sets[Math.floor(a * 1000) % 3].map((o) => (a + o > 1 ? o - 0.09 : o));
	return offsetChoices(a, pct, pick, 0, 1);
}

const costAsk = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		{ id: 'none', label: 'Less than a point (or it even gains)' },
		{ id: 'some', label: '1 to 3 points' },
		{ id: 'lots', label: 'More than 3 points' }
	]
});

const readingAsk = (prompt: string) => ({
	kind: 'choice' as const,
	prompt,
	options: [
		{ id: 'ahead', label: 'The distilled student is ahead by more than 2 points' },
		{ id: 'within', label: 'Within 2 points of each other: one run cannot tell them apart' },
		{ id: 'behind', label: 'The distilled student is behind by more than 2 points' }
	]
});

/** The three accuracies and what one run can say about the two students (the page's sentence's caution). */
function studentsWords(f: Facts): string {
	const rows =
		num(f, 'studentShare') < 1
			? `${pct0(num(f, 'studentShare'))} of the ${fmtInt(num(f, 'trainRows'))} training rows`
			: `all ${fmtInt(num(f, 'trainRows'))} training rows`;
	const head = `In this run (seed ${num(f, 'seed')}) the students of ${num(f, 'studentWidth')} units saw ${rows}: teacher ${pct(num(f, 'teacher'))}, student on labels alone ${pct(num(f, 'student'))}, distilled student ${pct(num(f, 'distilled'))}.`;
	const reading =
		f.distillReading === 'within'
			? ` The two students are ${points(num(f, 'gain'))} apart: within the point or two that, as the page's sentence says, one seed alone can produce, so this run cannot tell them apart.`
			: ` The distilled student is ${points(num(f, 'gain'))} ${f.distillReading === 'ahead' ? 'ahead' : 'behind'}: beyond the point or two the page treats as seed noise (a rule of thumb, not a test; the distillation sweep gives the gain an interval over seeds).`;
	return head + reading;
}

export const LESSONS = defineLessons([
	{
		id: 'compression-size-accuracy',
		lab: 'compression',
		title: 'What compression buys in bytes and costs in accuracy',
		goal: 'Predict what int8, int2 and pruning do to a model’s bytes and test accuracy, and say why removing neurons shrinks the computation while zeroing weights does not.',
		minutes: 14,
		misconception: 'Pruning half the weights halves the model and halves the work.',
		steps: [
			{
				id: 'int8-size',
				title: 'int8: how many bytes?',
				settings: SIZE,
				ask: {
					kind: 'number',
					prompt:
						'int8 quantization stores each kernel weight in 1 byte instead of 4. What share of the float32 model’s bytes does the int8 model (symmetric, per tensor) take?',
					min: 0,
					max: 100,
					step: 1,
					format: (v) => `${Math.round(v)}%`,
					start: 50
				},
				answer: (f) => Math.round(100 * num(f, 'sizeShareQ8')),
				tolerance: () => 4,
				explain: (f) =>
					`${fmtInt(num(f, 'bytesQ8'))} bytes against float32’s ${fmtInt(num(f, 'bytesFp32'))}: ${pct(num(f, 'sizeShareQ8'))}.${num(f, 'sizeShareQ8') > 0.25 ? ' The kernels shrink 4×; the biases stay float32 and each kernel keeps its scale and zero point, so the whole is a little more than a quarter.' : ''}`,
				shownIn: 'variant-q8-sym-tensor'
			},
			{
				id: 'int8-accuracy',
				title: 'int8: what does it cost?',
				settings: SIZE,
				ask: costAsk('How much test accuracy does the int8 model lose against float32?'),
				answer: (f) => String(f.costQ8),
				explain: (f) =>
					`In this run: ${change(f, 'Q8')}, on ${fmtInt(num(f, 'testRows'))} test rows.${f.costQ8 === 'none' ? ' Rounding each weight to the nearest of 255 levels moves it by at most half a level; here the test accuracy moved by under a point.' : ''} float16 in the same run: ${change(f, 'Fp16')}.`,
				shownIn: 'variant-q8-sym-tensor'
			},
			{
				id: 'int2-accuracy',
				title: 'int2: three levels',
				settings: SIZE,
				ask: costAsk('Now 2 bits, symmetric, per tensor: every weight becomes −s, 0 or +s. How much test accuracy does it lose?'),
				answer: (f) => String(f.costQ2),
				explain: (f) =>
					`In this run: ${change(f, 'Q2')}, at ${pct(num(f, 'sizeShareQ2'))} of float32’s bytes. With one scale s = max |w| per kernel, every weight smaller than s/2 rounds to 0: the table’s non-zero column shows ${pct0(num(f, 'nonzeroQ2'))} of the weights (biases included) left non-zero.${f.costQ2 !== 'none' && f.costQ8 === 'none' ? ' int8 cost under a point in the same run: the loss came as the bits went from 8 to 2.' : ''}`,
				shownIn: 'variant-q2-sym-tensor'
			},
			{
				id: 'prune-size',
				title: 'Half the weights zero: half the bytes?',
				settings: SIZE,
				ask: {
					kind: 'number',
					prompt:
						'Unstructured pruning sets the 50% smallest weights of each kernel to zero, and the lab stores the pruned kernels sparse. What share of float32’s bytes is left?',
					min: 0,
					max: 100,
					step: 1,
					format: (v) => `${Math.round(v)}%`,
					start: 50
				},
				answer: (f) => Math.round(100 * num(f, 'sizeSharePrune')),
				tolerance: () => 4,
				explain: (f) =>
					`${fmtInt(num(f, 'bytesPrune'))} bytes: ${pct(num(f, 'sizeSharePrune'))} of float32’s, with ${pct0(num(f, 'nonzeroPrune'))} of the weights non-zero.${num(f, 'sparseKernelsPrune') > 0 && num(f, 'sizeSharePrune') > 0.6 ? ` Sparse storage (CSR, for ${num(f, 'sparseKernelsPrune')} of ${num(f, 'kernelsPrune')} kernels) keeps each remaining weight with a 16-bit column index — 6 bytes instead of 4 — plus a pointer per row, so zeroing half the weights saves far less than half the bytes.` : ''}`,
				shownIn: 'variant-prune'
			},
			{
				id: 'prune-work',
				title: 'Which pruning shrinks the computation?',
				settings: SIZE,
				ask: {
					kind: 'choice',
					prompt: 'On dense kernels (TF.js multiplies whole matrices), which 50% pruning makes a prediction take fewer multiply-adds?',
					options: [
						{ id: 'unstructured', label: 'Unstructured: half the weights are zero' },
						{ id: 'structured', label: 'Structured: half the neurons removed' },
						{ id: 'both', label: 'Both' },
						{ id: 'neither', label: 'Neither' }
					]
				},
				answer: (f) => {
					const u = num(f, 'macsPrune') < num(f, 'macsFp32');
					const s = num(f, 'macsNeurons') < num(f, 'macsFp32');
					return u && s ? 'both' : u ? 'unstructured' : s ? 'structured' : 'neither';
				},
				explain: (f) =>
					`float32 has layers ${f.layersFp32}: ${fmtInt(num(f, 'macsFp32'))} multiply-adds a prediction. Unstructured pruning keeps the layers (${f.layersPrune}) and a dense kernel multiplies its zeros like any other number: ${fmtInt(num(f, 'macsPrune'))}. Structured pruning removes whole neurons: layers ${f.layersNeurons}, ${fmtInt(num(f, 'macsNeurons'))} multiply-adds, at ${pct(num(f, 'sizeShareNeurons'))} of the bytes. The speed-up column shows what this device timed; timings vary from run to run, so read them as this device’s, not as a rule.`,
				shownIn: 'variant-neurons',
				explore: 'Raise the width to 512 and compare the speed-up column of the two prunings at the large batch.'
			},
			{
				id: 'structured-cost',
				title: 'Removing three quarters of the neurons',
				settings: `${SIZE}&sparsity=0.75`,
				ask: costAsk('Now structured pruning removes 75% of the hidden neurons at once (one-shot, no fine-tuning). How much test accuracy does it lose?'),
				answer: (f) => String(f.costNeurons),
				explain: (f) =>
					`In this run: ${change(f, 'Neurons')}, layers ${f.layersNeurons}. For comparison, zeroing 75% of the weights one-shot: ${change(f, 'Prune')}. One seed is one run: these are this model’s numbers, not a law.`,
				shownIn: 'variant-neurons'
			},
			{
				id: 'fine-tune',
				title: 'One epoch of fine-tuning',
				settings: `${SIZE}&sparsity=0.75`,
				ask: {
					kind: 'choice',
					prompt: 'The same 75% structured pruning, then one epoch of training on the smaller model. Where does its test accuracy land?',
					options: [
						{ id: 'back', label: 'Within a point of float32 (or above)' },
						{ id: 'part', label: 'Above the one-shot model, but more than a point below float32' },
						{ id: 'no', label: 'No better than the one-shot model' }
					]
				},
				answer: (f) => (num(f, 'accNeuronsFt') >= num(f, 'accFp32') - 0.01 ? 'back' : num(f, 'accNeuronsFt') > num(f, 'accNeurons') ? 'part' : 'no'),
				explain: (f) =>
					`In this run: float32 ${pct(num(f, 'accFp32'))}, one-shot ${pct(num(f, 'accNeurons'))}, fine-tuned ${pct(num(f, 'accNeuronsFt'))}.${num(f, 'accNeuronsFt') > num(f, 'accNeurons') ? ` Training the smaller model lets the remaining neurons take over from the removed ones: here it won back ${points(num(f, 'accNeuronsFt') - num(f, 'accNeurons'))}.` : ''}`,
				shownIn: 'variant-neurons-ft',
				explore: 'Try 2 or 5 fine-tuning epochs, and another seed: how much of this is the seed?'
			}
		],
		quiz: {
			settings: SIZE,
			items: [
				{
					id: 'int4-accuracy',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), what test accuracy does int4 (asymmetric, per tensor) reach?`,
					options: (f) => accuracyChoices(num(f, 'accQ4')).options,
					answer: (f) => accuracyChoices(num(f, 'accQ4')).answer,
					why: (f) => `The table’s int4 row: ${pct(num(f, 'accQ4'))} (float32: ${pct(num(f, 'accFp32'))}).`
				},
				{
					id: 'int4-size',
					prompt: () => 'What share of float32’s bytes does int4 (asymmetric, per tensor) take?',
					options: (f) => numberChoices(num(f, 'sizeShareQ4'), pct0, [0.5, 2, 4]).options,
					answer: (f) => numberChoices(num(f, 'sizeShareQ4'), pct0, [0.5, 2, 4]).answer,
					why: (f) =>
						`${fmtInt(num(f, 'bytesQ4'))} of ${fmtInt(num(f, 'bytesFp32'))} bytes, ${pct(num(f, 'sizeShareQ4'))}: 4 bits are an eighth of 32, plus float32 biases and a scale and zero point per kernel.`
				},
				{
					id: 'lowest',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), which of these has the lowest test accuracy?`,
					options: () => LOWEST.map(([id, label]) => ({ id, label })),
					answer: (f) => lowest(f)[0],
					why: (f) => `${LOWEST.map(([, label, name]) => `${label} ${pct(num(f, `acc${name}`))}`).join(', ')}: the lowest is ${lowest(f)[1]}.`
				}
			]
		}
	},
	{
		id: 'compression-distillation-when',
		lab: 'compression',
		title: 'When does distillation help a small model?',
		goal: 'Say when a student gains from a teacher’s soft targets (it sees few labelled rows) and when one run cannot tell it from a student trained on the labels alone.',
		minutes: 12,
		misconception: 'Distillation always helps a small model.',
		steps: [
			{
				id: 'few-rows',
				title: 'Students on 5% of the rows',
				settings: FEW_ROWS,
				ask: readingAsk(
					'A 64-unit teacher trains on 3,000 rows (10% of the labels flipped). Two 16-unit students see only 5% of those rows — the same rows, initial weights and number of steps — one on the labels, one on the teacher’s soft targets (T = 4, λ = 0.1). How do the two students compare?'
				),
				answer: (f) => String(f.distillReading),
				explain: (f) =>
					`${studentsWords(f)}${f.distillReading === 'ahead' ? ' The labels give one noisy bit per row; the teacher’s soft targets on the same rows carry its probabilities, learned from all the rows.' : ''}`,
				shownIn: 'distill-sentence'
			},
			{
				id: 'gap-closed',
				title: 'How much of the gap?',
				settings: FEW_ROWS,
				ask: {
					kind: 'number',
					prompt: 'In this run, what share of the teacher–student gap (teacher minus the student on labels alone) did the distilled student close?',
					min: 0,
					max: 120,
					step: 1,
					format: (v) => `${Math.round(v)}%`,
					start: 50
				},
				answer: (f) => (f.hasGap ? Math.min(120, Math.max(0, Math.round(100 * num(f, 'closed')))) : 0),
				tolerance: () => 15,
				explain: (f) =>
					f.hasGap
						? `The gap: teacher ${pct(num(f, 'teacher'))} − student ${pct(num(f, 'student'))} = ${points(num(f, 'gap'))}; the distilled student ${num(f, 'gain') >= 0 ? 'gained' : 'lost'} ${points(num(f, 'gain'))}: ${num(f, 'closed') > 1 ? 'more than the whole gap' : num(f, 'closed') <= 0 ? 'none of it' : `${pct0(num(f, 'closed'))} of it`}. One seed is one run; the distillation sweep gives the gain an interval over seeds.`
						: `Here the student on labels alone was not behind the teacher (${pct(num(f, 'student'))} against ${pct(num(f, 'teacher'))}): there was no gap to close.`,
				shownIn: 'distill-sentence'
			},
			{
				id: 'all-rows',
				title: 'The same students on every row',
				settings: `${TEACHER}&sw=16`,
				ask: readingAsk('The same 16-unit students now see all the teacher’s training rows. How do they compare?'),
				answer: (f) => String(f.distillReading),
				explain: studentsWords,
				shownIn: 'distill-sentence'
			},
			{
				id: 'all-rows-gap',
				title: 'How much was there to close?',
				settings: `${TEACHER}&sw=16`,
				ask: {
					kind: 'number',
					prompt: 'On every row, how many points behind the teacher is the 16-unit student trained on the labels alone?',
					min: -5,
					max: 15,
					step: 0.5,
					format: (v) => `${v.toFixed(1)} points`,
					start: 5
				},
				answer: (f) => Math.min(15, Math.max(-5, 100 * num(f, 'gap'))),
				tolerance: () => 1.5,
				explain: (f) =>
					`Teacher ${pct(num(f, 'teacher'))}, student on labels alone ${pct(num(f, 'student'))}: ${num(f, 'gap') > 0 ? `${points(num(f, 'gap'))} behind` : num(f, 'gap') < 0 ? `${points(num(f, 'gap'))} ahead` : 'level'}.${num(f, 'gap') < 0.02 ? ' With every row, the labels alone took the small student to within two points of the teacher: there was little gap for distillation to close.' : ''}`,
				shownIn: 'distill-sentence'
			},
			{
				id: 'tiny-all-rows',
				title: 'A much smaller student',
				settings: `${TEACHER}&sw=4`,
				ask: readingAsk('Students of only 4 units, on every row. Surely the smallest student needs the teacher most: how do they compare?'),
				answer: (f) => String(f.distillReading),
				explain: (f) =>
					`${studentsWords(f)}${f.distillReading !== 'ahead' ? ' Being the smallest did not make distillation pay in this run.' : ''} Over seeds 1 to 9 at these settings (measured in Node for this lesson) the gain stayed within 1.1 points either way for 16- and 4-unit students on every row, and was 3.7 to 9.1 points for 16-unit students on 5% of the rows.`,
				shownIn: 'distill-sentence',
				explore: 'Run the distillation sweep (seed replicates) over the share of rows for an interval on the gain at each share.'
			}
		],
		quiz: {
			settings: FEW_ROWS,
			items: [
				{
					id: 'teacher',
					prompt: (f) => `In this run (seed ${num(f, 'seed')}), what test accuracy does the teacher reach?`,
					options: (f) => accuracyChoices(num(f, 'teacher')).options,
					answer: (f) => accuracyChoices(num(f, 'teacher')).answer,
					why: (f) => `The float32 row and the distillation sentence: ${pct(num(f, 'teacher'))}.`
				},
				{
					id: 'student',
					prompt: (f) => `And the student on labels alone, on ${pct0(num(f, 'studentShare'))} of the rows?`,
					options: (f) => accuracyChoices(num(f, 'student')).options,
					answer: (f) => accuracyChoices(num(f, 'student')).answer,
					why: (f) => `${pct(num(f, 'student'))}, ${points(num(f, 'gap'))} ${num(f, 'gap') >= 0 ? 'behind' : 'ahead of'} the teacher.`
				},
				{
					id: 'gain',
					prompt: () => 'By how many points did the distilled student beat (+) or trail (−) the student on labels alone?',
					options: (f) => offsetChoices(100 * num(f, 'gain'), signedPoints, [-4, -2, 2]).options,
					answer: (f) => offsetChoices(100 * num(f, 'gain'), signedPoints, [-4, -2, 2]).answer,
					why: (f) => `Distilled ${pct(num(f, 'distilled'))} − labels alone ${pct(num(f, 'student'))} = ${signedPoints(100 * num(f, 'gain'))}.`
				}
			]
		}
	}
]);

/** The quiz's candidates for the lowest accuracy: id, label, facts name. */
const LOWEST: Array<[string, string, string]> = [
	['q8', 'int8 symmetric', 'Q8'],
	['q4', 'int4 asymmetric', 'Q4'],
	['q2', 'int2 symmetric', 'Q2'],
	['neurons', 'structured pruning 50%, one-shot', 'Neurons']
];
function lowest(f: Facts): [string, string] {
	const [id, label] = LOWEST.reduce((a, b) => (num(f, `acc${b[2]}`) < num(f, `acc${a[2]}`) ? b : a));
	return [id, label];
}
