/**
 * Stratified k-fold cross-validation on the page: the newest request (the lab's settings with the file's columns, and
 * the epochs) runs in the lab's worker beside its live training — a `LatestRun`, so a newer request supersedes an
 * older one and Cancel stops it at its next checkpoint. A new worker holds no file: the result is dropped.
 */
import type { Remote } from 'comlink';
import type { ImbalanceApi } from '$lib/labs/imbalance/worker/api';
import type { CrossValidationProgress, CrossValidationRequest, CrossValidationResult } from '$lib/labs/imbalance/types';
import { LatestRun } from '$lib/runtime/latest-run.svelte';
import { requireApi } from '$lib/runtime/lab-worker.svelte';
import { foldFraction } from './kfold-summary';

export class CrossValidationRun {
	private api: Remote<ImbalanceApi> | null = null;
	readonly run = new LatestRun<CrossValidationRequest, CrossValidationResult, CrossValidationProgress>(
		(request, report) => requireApi(this.api).crossValidate(request, report),
		{ fractionOf: foldFraction, cancel: () => void this.api?.cancelCrossValidation() }
	);

	attach(api: Remote<ImbalanceApi> | null): void {
		if (api === this.api) return;
		this.api = api;
		this.run.clear();
	}

	/** Run `request`, superseding any run in progress; null: none is wanted (stop it and forget the result). */
	follow(request: CrossValidationRequest | null): void {
		if (request) {
			void this.run.run(request);
			return;
		}
		if (this.run.busy) void this.api?.cancelCrossValidation();
		this.run.clear();
	}

	/** Whether the result shown is for `request` (false while a newer run is on its way). */
	current(request: CrossValidationRequest | null): boolean {
		return !!request && JSON.stringify(this.run.request) === JSON.stringify(request);
	}
}
