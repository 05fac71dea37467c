/**
 * Progress arithmetic shared by every lab: how long a run still needs, from the share done and the time it took,
 * and that duration in words. Runs longer than LONG_RUN_MS get a warning with a way to cancel.
 */
export const LONG_RUN_MS = 60_000;

/**
 * Remaining time of a run that has done `fraction` (0…1) of its work in `elapsedMs`, assuming the rest goes at the
 * same pace; null until there is enough to go on (1% done and 0.4 s elapsed).
 */
export function remainingMs(elapsedMs: number, fraction: number): number | null {
	if (!Number.isFinite(fraction) || !Number.isFinite(elapsedMs)) return null;
	if (fraction >= 1) return 0;
	if (fraction < 0.01 || elapsedMs < 400) return null;
	return (elapsedMs * (1 - fraction)) / fraction;
}

/** "under a second", "about 40 s", "about 3 min", "about 2 h 10 min". */
export function fmtDuration(ms: number): string {
	if (!Number.isFinite(ms) || ms < 0) return '–';
	if (ms < 1000) return 'under a second';
	const s = Math.round(ms / 1000);
	if (s < 60) return `about ${s} s`;
	const min = Math.round(ms / 60_000);
	if (min < 60) return `about ${min} min`;
	const h = Math.floor(ms / 3_600_000);
	const rest = Math.round((ms - h * 3_600_000) / 60_000);
	return rest ? `about ${h} h ${rest} min` : `about ${h} h`;
}
