/**
 * Seeded pseudo-random numbers. Every simulation in the lab takes an `Rng` as a parameter; nothing reads
 * Math.random or a global generator, so a seed reproduces a run exactly.
 *
 * Generator: sfc32 (Chris Doty-Humphrey's Small Fast Counting generator, PractRand-clean), state seeded by
 * splitmix32 from the seed. Normal variates: Marsaglia's polar method. Gamma: Marsaglia & Tsang (2000).
 * Binomial: Knuth's exact recursive beta splitting (TAOCP vol. 2, §3.4.1), O(log n) per draw.
 */

export interface Rng {
	/** Uniform in [0, 1). */
	next(): number;
	/** Integer in [0, n). */
	int(n: number): number;
	normal(mean?: number, sd?: number): number;
	gamma(shape: number): number;
	beta(a: number, b: number): number;
	binomial(n: number, p: number): number;
	poisson(lambda: number): number;
	/** In-place Fisher–Yates shuffle. */
	shuffle<T>(items: T[] | Uint32Array | Int32Array): typeof items;
	/** An independent generator derived from this one's seed and a label (same seed + label → same stream). */
	fork(label: string): Rng;
	readonly seed: number;
}

function splitmix32(a: number): () => number {
	return () => {
		a = (a + 0x9e3779b9) | 0;
		let t = a ^ (a >>> 16);
		t = Math.imul(t, 0x21f0aaad);
		t ^= t >>> 15;
		t = Math.imul(t, 0x735a2d97);
		return (t ^ (t >>> 15)) >>> 0;
	};
}

/** FNV-1a hash of a string to 32 bits, for deriving seeds from labels. */
export function hashString(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

export function createRng(seed: number): Rng {
	if (!Number.isFinite(seed)) throw new RangeError(`The seed must be a finite number (got ${seed}).`);
	const s0 = seed >>> 0;
	const init = splitmix32(s0 ^ 0x5bd1e995);
	let a = init();
	let b = init();
	let c = init();
	let d = init();
	const u32 = (): number => {
		a >>>= 0;
		b >>>= 0;
		c >>>= 0;
		d >>>= 0;
		let t = (a + b) | 0;
		a = b ^ (b >>> 9);
		b = (c + (c << 3)) | 0;
		c = (c << 21) | (c >>> 11);
		d = (d + 1) | 0;
		t = (t + d) | 0;
		c = (c + t) | 0;
		return t >>> 0;
	};
	for (let i = 0; i < 12; i++) u32();
	// 53-bit uniform from two draws.
	const next = (): number => ((u32() >>> 5) * 67108864 + (u32() >>> 6)) / 9007199254740992;
	let spare: number | null = null;
	const stdNormal = (): number => {
		if (spare !== null) {
			const v = spare;
			spare = null;
			return v;
		}
		let u: number;
		let v: number;
		let s: number;
		do {
			u = 2 * next() - 1;
			v = 2 * next() - 1;
			s = u * u + v * v;
		} while (s >= 1 || s === 0);
		const m = Math.sqrt((-2 * Math.log(s)) / s);
		spare = v * m;
		return u * m;
	};
	const gamma = (shape: number): number => {
		if (!(shape > 0)) throw new RangeError(`gamma shape must be > 0 (got ${shape}).`);
		if (shape < 1) return gamma(shape + 1) * Math.pow(next() || Number.MIN_VALUE, 1 / shape);
		const dd = shape - 1 / 3;
		const cc = 1 / Math.sqrt(9 * dd);
		for (;;) {
			let x: number;
			let v: number;
			do {
				x = stdNormal();
				v = 1 + cc * x;
			} while (v <= 0);
			v = v * v * v;
			const u = next();
			if (u < 1 - 0.0331 * x ** 4) return dd * v;
			if (Math.log(u) < 0.5 * x * x + dd * (1 - v + Math.log(v))) return dd * v;
		}
	};
	const beta = (x: number, y: number): number => {
		const g1 = gamma(x);
		const g2 = gamma(y);
		return g1 / (g1 + g2);
	};
	const rng: Rng = {
		seed: s0,
		next,
		int: (n) => {
			if (!(n >= 1)) throw new RangeError(`int(n) needs n ≥ 1 (got ${n}).`);
			return Math.floor(next() * n);
		},
		normal: (mean = 0, sd = 1) => mean + sd * stdNormal(),
		gamma,
		beta,
		binomial: (n, p) => {
			if (!Number.isInteger(n) || n < 0) throw new RangeError(`binomial n must be a whole number ≥ 0 (got ${n}).`);
			if (!(p >= 0 && p <= 1)) throw new RangeError(`binomial p must be in [0, 1] (got ${p}).`);
			let k = 0;
			let nn = n;
			let pp = p;
			while (nn > 40) {
				const aa = 1 + Math.floor(nn / 2);
				const bb = nn + 1 - aa;
				const x = beta(aa, bb);
				if (x >= pp) {
					nn = aa - 1;
					pp = pp / x;
				} else {
					k += aa;
					nn = bb - 1;
					pp = (pp - x) / (1 - x);
				}
			}
			for (let i = 0; i < nn; i++) if (next() < pp) k++;
			return k;
		},
		poisson: (lambda) => {
			if (!(lambda >= 0)) throw new RangeError(`poisson λ must be ≥ 0 (got ${lambda}).`);
			if (lambda > 30) {
				// Split into gamma-distributed waiting times (exact), then finish with Knuth's product method.
				let k = 0;
				let lam = lambda;
				while (lam > 30) {
					const m = Math.floor(lam * 0.875);
					const x = gamma(m);
					if (x > lam) return k + rng.binomial(m - 1, lam / x);
					k += m;
					lam -= x;
				}
				return k + rng.poisson(lam);
			}
			const L = Math.exp(-lambda);
			let k = 0;
			let prod = next();
			while (prod > L) {
				k++;
				prod *= next();
			}
			return k;
		},
		shuffle(items) {
			for (let i = items.length - 1; i > 0; i--) {
				const j = Math.floor(next() * (i + 1));
				const t = items[i];
				items[i] = items[j];
				items[j] = t;
			}
			return items;
		},
		fork: (label) => createRng((s0 ^ hashString(label)) >>> 0)
	};
	return rng;
}
