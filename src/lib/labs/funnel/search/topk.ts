/**
 * Partial top-k selection: a bounded binary min-heap of the k best (score, id) pairs seen so far, whose root is the
 * worst of them. A candidate enters only when it beats the root (O(log k)), so a scan of n scores costs
 * O(n + m·log k) with m the number of entries, never the O(n log n) of a full sort (the selection numpy's
 * argpartition and faiss's `heap_addn` make).
 *
 * Order: a higher score is better; on equal scores the lower id is better, so the result equals a stable sort of
 * the scores in descending order, cut at k.
 */

export class TopK {
	readonly k: number;
	private readonly scores: Float64Array;
	private readonly ids: Int32Array;
	size = 0;

	constructor(k: number) {
		if (!Number.isInteger(k) || k < 1) throw new RangeError(`k must be a whole number ≥ 1 (got ${k}).`);
		this.k = k;
		this.scores = new Float64Array(k);
		this.ids = new Int32Array(k);
	}

	reset(): void {
		this.size = 0;
	}

	/** The score a candidate must beat (strictly, or tie with a lower id) once the heap is full; −∞ before. */
	get threshold(): number {
		return this.size < this.k ? -Infinity : this.scores[0];
	}

	/** a is worse than b: lower score, or the same score with a higher id. */
	private worse(sa: number, ia: number, sb: number, ib: number): boolean {
		return sa < sb || (sa === sb && ia > ib);
	}

	push(score: number, id: number): void {
		const s = this.scores;
		const ids = this.ids;
		if (this.size < this.k) {
			// Sift up from the new leaf.
			let i = this.size++;
			while (i > 0) {
				const p = (i - 1) >> 1;
				if (!this.worse(score, id, s[p], ids[p])) break;
				s[i] = s[p];
				ids[i] = ids[p];
				i = p;
			}
			s[i] = score;
			ids[i] = id;
			return;
		}
		if (!this.worse(s[0], ids[0], score, id)) return;
		// Replace the root and sift down.
		this.siftDown(this.size, score, id);
	}

	/** Put (score, id) at the root of the first n entries and sift it down to its place. */
	private siftDown(n: number, score: number, id: number): void {
		const s = this.scores;
		const ids = this.ids;
		let i = 0;
		for (;;) {
			const l = 2 * i + 1;
			if (l >= n) break;
			const r = l + 1;
			const c = r < n && this.worse(s[r], ids[r], s[l], ids[l]) ? r : l;
			if (!this.worse(s[c], ids[c], score, id)) break;
			s[i] = s[c];
			ids[i] = ids[c];
			i = c;
		}
		s[i] = score;
		ids[i] = id;
	}

	/** The ids (and scores) held, best first. Leaves the heap empty. */
	drain(): { ids: Int32Array; scores: Float64Array } {
		const m = this.size;
		const outIds = new Int32Array(m);
		const outScores = new Float64Array(m);
		const s = this.scores;
		const ids = this.ids;
		for (let pos = m - 1; pos >= 0; pos--) {
			// Pop the root (the worst remaining) into the last free slot.
			outIds[pos] = ids[0];
			outScores[pos] = s[0];
			const n = --this.size;
			this.siftDown(n, s[n], ids[n]);
		}
		return { ids: outIds, scores: outScores };
	}
}
