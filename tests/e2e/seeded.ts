/** A seeded uniform generator (mulberry32) for the files the e2e tests write: the same file every run. */
export function seeded(seed: number): () => number {
	let s = Math.imul(seed, 0x9e3779b9) >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
	};
}
