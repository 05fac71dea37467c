/** The current model's logs: sessions ranked by the logging policy, on which the candidates are trained and scored. */
import type { Rng } from '$lib/data/rng';
import { showList, type Impression, type Population } from '$lib/labs/offline-online/worker/population';
import type { OfflineOnlineConfig } from '../types';

/** Marks of the items already drawn for the pool being picked: `marks[i] === stamp` (a new stamp per pool). */
let marks = new Uint32Array(0);
let stamp = 0;

/** `k` distinct items of `n`, in the order first drawn (draws until k are distinct). */
export function pickPool(n: number, k: number, rng: Rng): number[] {
	if (marks.length < n || stamp === 0xffffffff) {
		marks = new Uint32Array(Math.max(n, marks.length));
		stamp = 0;
	}
	stamp++;
	const chosen: number[] = [];
	while (chosen.length < k) {
		const i = rng.int(n);
		if (marks[i] !== stamp) {
			marks[i] = stamp;
			chosen.push(i);
		}
	}
	return chosen;
}

/** The logging policy: items ranked by appeal plus noise (a decent popularity model), 10% of sessions shuffled. */
export function logSessions(p: Population, c: OfflineOnlineConfig, rng: Rng): Impression[][] {
	const sessions: Impression[][] = [];
	// The session's scores by item (the pool's items are distinct; each session overwrites its own).
	const score = new Float64Array(p.nItems);
	for (let s = 0; s < c.logSessions; s++) {
		const user = rng.int(p.nUsers);
		const pool = pickPool(p.nItems, c.pool, rng);
		const explore = rng.next() < 0.1;
		for (const i of pool) score[i] = explore ? rng.next() : p.appeal[i] + rng.normal(0, 0.3);
		const ranked = pool.sort((a, b) => score[b] - score[a]).slice(0, c.slots);
		sessions.push(showList(p, user, ranked, rng));
	}
	return sessions;
}
