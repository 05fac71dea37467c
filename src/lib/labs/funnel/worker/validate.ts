/**
 * Checks of a whole funnel request before any work starts (the world, retriever and ranker check their own parts;
 * this adds the index, curve and sweep settings), with plain-English RangeErrors.
 */
import { validateWorld } from '../world';
import { validateRanker } from './ranker';
import { INDEX_CHOICES, type FunnelConfig } from '../types';

const whole = (x: unknown, lo: number, hi: number): x is number => typeof x === 'number' && Number.isInteger(x) && x >= lo && x <= hi;

function check(ok: boolean, msg: string): void {
	if (!ok) throw new RangeError(msg);
}

export function validateFunnelConfig(c: FunnelConfig): void {
	if (c === null || typeof c !== 'object') throw new TypeError('The funnel request must be an object of settings.');
	validateWorld(c.world);
	validateRanker(c.ranker);
	check(INDEX_CHOICES.includes(c.index), `The serving index must be one of ${INDEX_CHOICES.join(', ')} (got ${String(c.index)}).`);
	check(whole(c.hnsw?.M, 2, 256), `HNSW's M must be a whole number from 2 to 256 (got ${c.hnsw?.M}).`);
	check(whole(c.hnsw.efConstruction, 1, 10000), `HNSW's efConstruction must be a whole number from 1 to 10,000 (got ${c.hnsw.efConstruction}).`);
	check(whole(c.hnsw.efSearch, 1, 10000), `HNSW's efSearch must be a whole number from 1 to 10,000 (got ${c.hnsw.efSearch}).`);
	check(whole(c.ivf?.nlist, 0, c.world.items), `IVF's nlist must be 0 (automatic) or a whole number up to the number of items (got ${c.ivf?.nlist}).`);
	check(whole(c.ivf.nprobe, 1, 1e6), `IVF's nprobe must be a whole number ≥ 1 (got ${c.ivf.nprobe}).`);
	check(whole(c.curve?.k, 1, c.world.items), `The curve's k must be a whole number from 1 to the number of items (got ${c.curve?.k}).`);
	check(whole(c.curve.queries, 1, c.world.users), `The curve's queries must be a whole number from 1 to the number of users (got ${c.curve.queries}).`);
	for (const [name, list] of [
		['nprobe', c.curve.nprobe],
		['efSearch', c.curve.efSearch]
	] as const) {
		check(Array.isArray(list) && list.length >= 1 && list.length <= 20, `The curve needs 1 to 20 values of ${name}.`);
		for (const v of list) check(whole(v, 1, 10000), `Every ${name} of the curve must be a whole number from 1 to 10,000 (got ${v}).`);
	}
	check(Array.isArray(c.ks) && c.ks.length >= 1 && c.ks.length <= 20, 'The sweep needs 1 to 20 values of K.');
	for (const [j, k] of c.ks.entries()) {
		check(whole(k, 1, c.world.items), `Every K must be a whole number from 1 to the number of items (got ${k}).`);
		check(j === 0 || k > c.ks[j - 1], `The values of K must be in increasing order (got ${c.ks.join(', ')}).`);
	}
	check(c.ks.includes(c.reportK), `The K of the long-tail view (${c.reportK}) must be one of the swept K (${c.ks.join(', ')}).`);
	check(whole(c.examples, 0, 50), `Example users must be a whole number from 0 to 50 (got ${c.examples}).`);
	check(c.world.testUsers >= 1, 'The funnel needs at least one test user to measure.');
	check(c.twoTower?.seed !== undefined, 'The retriever settings are missing.');
}
