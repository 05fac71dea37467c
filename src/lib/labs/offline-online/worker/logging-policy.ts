/** The current model's logs: sessions ranked by the logging policy, on which the candidates are trained and scored. */
import type { Rng } from '$lib/data/rng';
import { showList, type Impression, type Population } from '$lib/labs/offline-online/worker/population';
import type { OfflineOnlineConfig } from '../types';

export function pickPool(n: number, k: number, rng: Rng): number[] {
	const chosen = new Set<number>();
	while (chosen.size < k) chosen.add(rng.int(n));
	return [...chosen];
}

/** The logging policy: items ranked by appeal plus noise (a decent popularity model), 10% of sessions shuffled. */
export function logSessions(p: Population, c: OfflineOnlineConfig, rng: Rng): Impression[][] {
	const sessions: Impression[][] = [];
	for (let s = 0; s < c.logSessions; s++) {
		const user = rng.int(p.nUsers);
		const pool = pickPool(p.nItems, c.pool, rng);
		const explore = rng.next() < 0.1;
		const score = new Map(pool.map((i) => [i, explore ? rng.next() : p.appeal[i] + rng.normal(0, 0.3)]));
		const ranked = pool.sort((a, b) => score.get(b)! - score.get(a)!).slice(0, c.slots);
		sessions.push(showList(p, user, ranked, rng));
	}
	return sessions;
}
