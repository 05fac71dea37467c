/**
 * The user's file in the imbalance lab: read in the lab's worker (a LatestRun: a newer file supersedes), checked
 * against the chosen columns, and — once the user asks — trained on instead of the synthetic data (`spec` goes into
 * the lab's config). A new worker (another backend) holds no file: everything here is cleared.
 */
import type { Remote } from 'comlink';
import type { ImbalanceApi } from '$lib/labs/imbalance/worker/api';
import type { ImbalanceConfig } from '$lib/labs/imbalance/types';
import type { OwnSpec } from '$lib/labs/imbalance/worker/own-data';
import type { FileSummary } from '$lib/engine/read-table';
import { LatestRun, errorMessage } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';

export class OwnImbalanceData {
	private api: Remote<ImbalanceApi> | null = null;
	readonly importRun = new LatestRun<Blob, FileSummary, { rows: number; fraction: number }>((file, report) => this.need().importFile(file, report), {
		fractionOf: (p) => p.fraction,
		cancel: () => void this.api?.cancelImport()
	});
	/** The file loaded in the worker. */
	summary = $state.raw<FileSummary | null>(null);
	/** The columns the lab trains on (null: the synthetic data). */
	spec = $state.raw<OwnSpec | null>(null);
	/** Why the chosen columns cannot be trained on. */
	problem = $state<string | null>(null);
	checking = $state(false);
	/** Also evaluate by stratified k-fold cross-validation (off for each new file until asked). */
	crossValidate = $state(false);
	/** Rows per value of a label column of the loaded file (for the positive-class warning); null until counted. */
	labelCounts = $state.raw<{ label: string; counts: Array<{ value: string; count: number }> } | null>(null);
	/** Bumped whenever the file changes, so a count of the previous file arriving late is dropped. */
	private counting = 0;

	private need(): Remote<ImbalanceApi> {
		return requireApi(this.api);
	}

	attach(api: Remote<ImbalanceApi> | null): void {
		if (api === this.api) return;
		this.api = api;
		this.importRun.clear();
		this.summary = null;
		this.spec = null;
		this.problem = null;
		this.crossValidate = false;
		this.clearCounts();
	}

	private clearCounts(): void {
		this.counting++;
		this.labelCounts = null;
	}

	/** Count the rows of each value of `label` in the loaded file (the latest request wins). */
	async countLabel(label: string): Promise<void> {
		const ticket = ++this.counting;
		if (!this.api || !label) return;
		try {
			const counts = await this.api.labelCounts(label);
			if (ticket === this.counting) this.labelCounts = { label, counts };
		} catch {
			if (ticket === this.counting) this.labelCounts = null;
		}
	}

	/** Read a file. On success the lab goes back to the synthetic data until columns are chosen for the new file. */
	async importFile(file: Blob): Promise<void> {
		if (!this.api) return;
		if (await this.importRun.run(file)) {
			this.clearCounts();
			this.summary = this.importRun.result;
			this.spec = null;
			this.problem = null;
			this.crossValidate = false;
		}
	}

	/** Train on `spec` if the file allows it; otherwise say why and keep what the lab shows. */
	async use(spec: OwnSpec): Promise<boolean> {
		if (!this.api) return false;
		this.checking = true;
		try {
			await this.api.checkOwn(spec);
			this.problem = null;
			this.spec = spec;
			return true;
		} catch (e) {
			this.problem = errorMessage(e);
			return false;
		} finally {
			this.checking = false;
		}
	}

	useSynthetic(): void {
		this.spec = null;
	}

	forget(): void {
		void this.api?.forgetOwn();
		this.importRun.clear();
		this.summary = null;
		this.spec = null;
		this.problem = null;
		this.crossValidate = false;
		this.clearCounts();
	}

	datasetCsv(config: ImbalanceConfig): Promise<string> {
		return this.need().datasetCsv(config);
	}
}
