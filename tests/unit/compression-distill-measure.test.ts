/**
 * Measures the compression lab's distillation over seeds, as the sweep's worker runs it (the teacher on the fused
 * engine, the students op by op). Skipped unless DISTILL_MEASURE is set — it takes minutes. The presets (params.ts)
 * were measured with
 *   DISTILL_MEASURE='{"seeds":[1,2,3,4,5,6,7,8,9],"width":256,"depth":1,"features":8,"ntrain":12000,"epochs":8,"flip":0.1,
 *   "students":[[16,4,0.1,0.03],[4,4,0.1,1]]}' npx vitest run tests/unit/compression-distill-measure.test.ts
 * (`students`: [width, T, λ, share of the rows] on each seed's teacher). Prints per seed the teacher's, the student's
 * and the distilled student's test accuracy, then per student setting the means, the gain's sd, and mean gain / mean gap.
 */
import { it } from 'vitest';
import { buildState, disposeState, fixPath, qualityOf, trainEpochs } from '../../src/lib/labs/compression/worker/model';
import { studentQuality, trainStudents } from '../../src/lib/labs/compression/worker/distill';
import { NEVER_STALE } from '../../src/lib/engine/run-control';
import { initBackend } from '../../src/lib/engine/backend';

const spec = process.env.DISTILL_MEASURE;

it.skipIf(!spec)('measures distillation over seeds', { timeout: 3_600_000 }, async () => {
	const a = JSON.parse(spec!);
	await initBackend('cpu');
	const rows: Array<Record<string, number>> = [];
	for (const seed of a.seeds as number[]) {
		const t0 = performance.now();
		const config = { seed, width: a.width, depth: a.depth, features: a.features, nTrain: a.ntrain, lr: a.lr ?? 0.005, batchSize: 64, flip: a.flip };
		const { state } = buildState(config);
		try {
			await fixPath(state);
			await trainEpochs(state, a.epochs, NEVER_STALE);
			const t = await qualityOf(state.model, state);
			// `students`: several [width, T, λ, share] on the same teacher (default: the one in sw, temp, hard, share).
			const students: Array<[number, number, number, number?]> = a.students ?? [[a.sw, a.temp, a.hard, a.share]];
			for (const [sw, temp, hard, share = 1] of students) {
				const r = await trainStudents(state, state.model, { width: sw, temperature: temp, hardWeight: hard, share }, a.epochs, NEVER_STALE);
				const s = await studentQuality(state, r.student);
				const d = await studentQuality(state, r.distilled);
				rows.push({
					seed,
					sw,
					temp,
					hard,
					share,
					teacher: t.accuracy,
					student: s.accuracy,
					distilled: d.accuracy,
					gap: t.accuracy - s.accuracy,
					gain: d.accuracy - s.accuracy,
					sec: (performance.now() - t0) / 1000
				});
			}
		} finally {
			disposeState(state);
		}
	}
	const f = (v: number) => v.toFixed(4);
	const lines = [JSON.stringify(a), ...rows.map((r) => JSON.stringify(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, +v.toFixed(4)]))))];
	const groups = new Map<string, Array<Record<string, number>>>();
	for (const r of rows) groups.set(`${r.sw},${r.temp},${r.hard},${r.share}`, [...(groups.get(`${r.sw},${r.temp},${r.hard},${r.share}`) ?? []), r]);
	for (const [key, rs] of groups) {
		const mean = (k: string) => rs.reduce((s, r) => s + r[k], 0) / rs.length;
		const g = mean('gain');
		const sd = Math.sqrt(rs.reduce((s, r) => s + (r.gain - g) ** 2, 0) / Math.max(1, rs.length - 1));
		lines.push(
			`MEAN [sw,T,λ,share]=[${key}] n=${rs.length} teacher ${f(mean('teacher'))} student ${f(mean('student'))} distilled ${f(mean('distilled'))} gap ${f(mean('gap'))} gain ${f(g)} sd ${f(sd)} closed ${(g / mean('gap')).toFixed(3)}`
		);
	}
	console.log(lines.join('\n'));
});

/**
 * A distillation sweep preset through the sweep machinery (plan, worker, summary), skipped unless DISTILL_SWEEP names
 * one: DISTILL_SWEEP=distill-rows npx vitest run tests/unit/compression-distill-measure.test.ts
 * Prints each point's mean accuracy per arm and the paired A − B (distilled − labels only) with its interval.
 */
it.skipIf(!process.env.DISTILL_SWEEP)('runs a distillation sweep preset', { timeout: 3_600_000 }, async () => {
	const { createCompressionApi } = await import('../../src/lib/labs/compression/worker/api');
	const { compressionSweep } = await import('../../src/lib/labs/compression/sweep');
	const { compressionSchema } = await import('../../src/lib/labs/compression/params');
	const { defaults } = await import('../../src/lib/url/schema');
	const { planLabSweep } = await import('../../src/lib/sweep/lab-sweep');
	const { summarise } = await import('../../src/lib/sweep/summary');
	const preset = compressionSweep.presets.find((q) => q.id === process.env.DISTILL_SWEEP)!;
	const p = { ...defaults(compressionSchema), ...preset.settings, sweep: preset.sweep, metrics: preset.metrics };
	const plan = planLabSweep(compressionSweep, p);
	const api = createCompressionApi();
	await api.init('cpu');
	const t0 = performance.now();
	const out = await api.sweep(plan.requests);
	if (out.status !== 'done') throw new Error('cancelled');
	const results = plan.runs.map((_, i) => out.result.find((r) => r.id === i)!.arms.map((a) => a.accuracy));
	const seeds = Math.max(...plan.runs.map((r) => r.replicate)) + 1;
	const metric = compressionSweep.metrics.find((m) => m.id === 'accuracy')!;
	const lines = [`${preset.id}: ${preset.sweep} (${((performance.now() - t0) / 1000).toFixed(0)} s)`, plan.arms.map((a) => a.label).join(' | ')];
	for (const pt of summarise(plan.values, plan.runs, results, 2, seeds, metric)) {
		const d = pt.paired!.difference;
		const f = (v: number | null) => (v === null ? '–' : (100 * v).toFixed(2));
		lines.push(
			`${plan.key} = ${pt.value}: A ${f(pt.arms[0].center)}%, B ${f(pt.arms[1].center)}%, A − B ${f(d.mean)} [${f(d.lo)}, ${f(d.hi)}] points (${(100 * d.level).toFixed(1)}%, ${d.n} seeds), ${pt.paired!.better}`
		);
	}
	console.log(lines.join('\n'));
	await api.dispose();
});
