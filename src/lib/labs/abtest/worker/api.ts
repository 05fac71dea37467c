/**
 * The A/B test lab's worker API: one experiment day by day, many A/A experiments for the peeking problem, and a
 * simulated power curve (src/lib/labs/abtest/worker/). Plain seeded JavaScript (no TF.js). Each kind of request is cancellable
 * and a newer one of the same kind supersedes an older one.
 */
import { Exclusive } from '../../../engine/run-control';
import { analyseDays, simulateDays, simulateExperiment } from './experiment';
import { dailyCsv, importExperiment, revenueCsv, ownAnalysisOptions, type OwnExperiment, type OwnRules } from './own-data';
import { runPeeking } from './peeking';
import { runPower } from './power';
import type { ExperimentConfig, ExperimentResult, PeekingConfig, PeekingResult, PowerConfig, PowerResult } from '../types';
import type { BackendReport } from '../../../engine/backend-types';
import { CANCELLED, type Outcome } from '../../../engine/outcome';

const cancelled = () => CANCELLED;
/** A planned sample exists (no plan is written as an unreachable Number.MAX_SAFE_INTEGER visitors). */
const hasPlan = (c: { plannedControl: number; plannedVariant: number }) =>
	c.plannedControl < Number.MAX_SAFE_INTEGER && c.plannedVariant < Number.MAX_SAFE_INTEGER;

/** What the page is told about an imported file: everything but the counts themselves, which stay in the worker. */
export type ImportSummary = Omit<OwnExperiment, 'days'> & { dayLabels: string[] };

export function createAbtestApi() {
	const peekRuns = new Exclusive();
	const powerRuns = new Exclusive();
	const imports = new Exclusive();
	/** The user's experiment, kept in this worker (and so in this tab) until forgotten or replaced. */
	let own: OwnExperiment | null = null;

	return {
		/** No TF.js here: the simulations are plain JavaScript in this worker. */
		async init(_choice?: string): Promise<BackendReport> {
			return { requested: 'cpu', active: 'cpu', device: 'plain JavaScript in a background worker (no TF.js needed)', attempts: [] };
		},

		experiment(config: ExperimentConfig): ExperimentResult {
			return { ...simulateExperiment(config), planned: hasPlan(config) };
		},

		peeking(config: PeekingConfig, onProgress?: (p: PeekingResult) => void): Promise<Outcome<PeekingResult>> {
			return peekRuns.run<Outcome<PeekingResult>>(async (ticket) => ({ status: 'done', result: await runPeeking(config, ticket, onProgress) }), cancelled);
		},

		/**
		 * Read the user's file (streamed, never whole) into day-by-day counts; a newer import supersedes this one, and
		 * a failed one keeps the data loaded before. Rows read so far are reported.
		 */
		importData(file: Blob, onProgress?: (rows: number) => void): Promise<Outcome<ImportSummary>> {
			return imports.run<Outcome<ImportSummary>>(async (ticket) => {
				const data = await importExperiment(file, ticket, onProgress);
				own = data;
				const { days, ...rest } = data;
				return { status: 'done', result: { ...rest, dayLabels: days.map((d) => d.label) } };
			}, cancelled);
		},

		/** The imported experiment analysed day by day with the lab's current rules (null before an import). */
		analyseOwn(rules: OwnRules): ExperimentResult | null {
			if (!own) return null;
			const options = ownAnalysisOptions(own, rules);
			return { ...analyseDays(own.days, options), trueDiff: null, planned: hasPlan(options) };
		},

		cancelImport(): void {
			imports.cancel();
		},

		forgetOwn(): void {
			imports.cancel();
			own = null;
		},

		/** The lab's own simulated experiment in a format the import reads: per-day counts, or per-user rows for revenue. */
		experimentCsv(config: ExperimentConfig): string {
			return config.mode === 'revenue' ? revenueCsv(config) : dailyCsv(simulateDays(config));
		},

		power(config: PowerConfig): Promise<Outcome<PowerResult>> {
			return powerRuns.run<Outcome<PowerResult>>(async (ticket) => ({ status: 'done', result: await runPower(config, ticket) }), cancelled);
		}
	};
}

export type AbtestApi = ReturnType<typeof createAbtestApi>;

/** The compute worker's entry to this lab (src/lib/engine/lab-apis.ts finds it by folder). */
export const createApi = createAbtestApi;

declare module '$lib/engine/lab-apis' {
	interface LabApis {
		abtest: AbtestApi;
	}
}
