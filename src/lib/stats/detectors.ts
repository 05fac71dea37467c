/**
 * Streaming drift detectors. Each consumes one observation at a time and reports 'drift' (and for DDM 'warning')
 * when the stream's behaviour changes; after a drift the detector resets and starts learning the new regime.
 *
 * Page–Hinkley (Page 1954; Hinkley 1971; as in Gama et al., "A survey on concept drift adaptation", 2014):
 *   for observations x_t with running mean x̄_t, m_t = Σ_{i≤t} (x_i − x̄_i − δ) and M_t = min_{i≤t} m_i.
 *   An increase of the mean is signalled when m_t − M_t > λ (and a decrease, with mode 'both', symmetrically).
 *   Parameters: delta δ = magnitude of change tolerated (default 0.005), lambda λ = threshold (default 50 for
 *   values on the scale of an error rate ×… — choose it on the scale of the input), minInstances before any alarm.
 * DDM, the Drift Detection Method (Gama, Medas, Castillo & Rodrigues, SBIA 2004): on a stream of 0/1 errors,
 *   p_i = error rate so far and s_i = √(p_i(1 − p_i)/i). Keeping the minimum of p_i + s_i (p_min, s_min) after
 *   minInstances (default 30), it warns when p_i + s_i ≥ p_min + warningLevel·s_min (default 2) and signals drift when
 *   p_i + s_i ≥ p_min + driftLevel·s_min (default 3).
 *   Measured here (tests/unit/drift.test.ts, 200 seeds, error rate 0.1): with the paper's defaults DDM raises a false
 *   alarm on about 40% of 2,000-long stationary streams, because an early lucky stretch sets p_min + s_min too low.
 *   DDM_RECOMMENDED (minInstances 200, driftLevel 3.5) brings that to about 5% at a median delay of ~75 observations
 *   after a 0.1 → 0.4 jump; the drift lab uses these.
 * changeStart: DDM's warning start is a good estimate of where a change began (median error < 150 observations in the
 *   test above); Page–Hinkley's argmin of the cumulative sum is not when δ is small next to the noise (measured median
 *   error ≈ 230 observations, sometimes the estimate sits near the start of the stream), so callers should cap it.
 */
import { assertFiniteNumber, assertPositive } from './validate';

export const PAGE_HINKLEY_RECOMMENDED = { delta: 0.005, lambda: 25, minInstances: 30 } as const;
export const DDM_RECOMMENDED = { minInstances: 200, warningLevel: 2, driftLevel: 3.5 } as const;

export type DetectorState = 'stable' | 'warning' | 'drift';

export interface StreamDetector {
	readonly name: string;
	update(x: number): DetectorState;
	reset(): void;
	/**
	 * After update() returned 'drift': where the change probably began, as the 1-based index of the observation
	 * (counted since the previous reset). DDM: the first observation of the warning that led to the drift (the
	 * examples Gama et al. retrain on); Page–Hinkley: the observation where the cumulative sum was at its extreme.
	 */
	readonly changeStart: number;
}

export interface PageHinkleyOptions {
	delta?: number;
	lambda?: number;
	minInstances?: number;
	mode?: 'increase' | 'decrease' | 'both';
}

export class PageHinkley implements StreamDetector {
	readonly name = 'Page-Hinkley';
	readonly delta: number;
	readonly lambda: number;
	readonly minInstances: number;
	readonly mode: 'increase' | 'decrease' | 'both';
	private n = 0;
	private mean = 0;
	private sumUp = 0;
	private minUp = 0;
	private sumDown = 0;
	private maxDown = 0;
	private minUpAt = 0;
	private maxDownAt = 0;
	changeStart = 0;

	constructor(options: PageHinkleyOptions = {}) {
		const { delta = 0.005, lambda = 50, minInstances = 30, mode = 'increase' } = options;
		assertFiniteNumber('delta', delta);
		if (delta < 0) throw new RangeError(`delta cannot be negative (got ${delta}).`);
		assertPositive('lambda', lambda);
		if (!Number.isInteger(minInstances) || minInstances < 1) throw new RangeError(`minInstances must be a whole number ≥ 1 (got ${minInstances}).`);
		this.delta = delta;
		this.lambda = lambda;
		this.minInstances = minInstances;
		this.mode = mode;
	}

	reset(): void {
		this.n = 0;
		this.mean = 0;
		this.sumUp = 0;
		this.minUp = 0;
		this.sumDown = 0;
		this.maxDown = 0;
		this.minUpAt = 0;
		this.maxDownAt = 0;
	}

	/** The current test statistics (for charts): how far each cumulative sum is from its extreme. */
	get statistic(): number {
		const up = this.sumUp - this.minUp;
		const down = this.maxDown - this.sumDown;
		return this.mode === 'increase' ? up : this.mode === 'decrease' ? down : Math.max(up, down);
	}

	update(x: number): DetectorState {
		assertFiniteNumber('observation', x);
		this.n++;
		this.mean += (x - this.mean) / this.n;
		this.sumUp += x - this.mean - this.delta;
		if (this.sumUp < this.minUp) {
			this.minUp = this.sumUp;
			this.minUpAt = this.n;
		}
		this.sumDown += x - this.mean + this.delta;
		if (this.sumDown > this.maxDown) {
			this.maxDown = this.sumDown;
			this.maxDownAt = this.n;
		}
		if (this.n < this.minInstances) return 'stable';
		if (this.statistic > this.lambda) {
			const up = this.sumUp - this.minUp;
			const down = this.maxDown - this.sumDown;
			const useUp = this.mode === 'increase' || (this.mode === 'both' && up >= down);
			this.changeStart = (useUp ? this.minUpAt : this.maxDownAt) + 1;
			this.reset();
			return 'drift';
		}
		return 'stable';
	}
}

export interface DdmOptions {
	minInstances?: number;
	warningLevel?: number;
	driftLevel?: number;
}

export class DDM implements StreamDetector {
	readonly name = 'DDM';
	readonly minInstances: number;
	readonly warningLevel: number;
	readonly driftLevel: number;
	private n = 0;
	private errors = 0;
	private pMin = Infinity;
	private sMin = Infinity;
	private warningSince = 0;
	changeStart = 0;

	constructor(options: DdmOptions = {}) {
		const { minInstances = 30, warningLevel = 2, driftLevel = 3 } = options;
		if (!Number.isInteger(minInstances) || minInstances < 1) throw new RangeError(`minInstances must be a whole number ≥ 1 (got ${minInstances}).`);
		assertPositive('warningLevel', warningLevel);
		assertPositive('driftLevel', driftLevel);
		if (driftLevel <= warningLevel) throw new RangeError('driftLevel must be greater than warningLevel.');
		this.minInstances = minInstances;
		this.warningLevel = warningLevel;
		this.driftLevel = driftLevel;
	}

	reset(): void {
		this.n = 0;
		this.errors = 0;
		this.pMin = Infinity;
		this.sMin = Infinity;
		this.warningSince = 0;
	}

	/** Error rate seen since the last reset. */
	get errorRate(): number {
		return this.n > 0 ? this.errors / this.n : 0;
	}

	/** x is 1 for a misclassified example, 0 for a correct one. */
	update(x: number): DetectorState {
		if (x !== 0 && x !== 1) throw new RangeError(`DDM takes 0/1 errors (got ${x}).`);
		this.n++;
		this.errors += x;
		const p = this.errors / this.n;
		const s = Math.sqrt((p * (1 - p)) / this.n);
		if (this.n < this.minInstances) return 'stable';
		if (p + s <= this.pMin + this.sMin) {
			this.pMin = p;
			this.sMin = s;
		}
		if (p + s >= this.pMin + this.driftLevel * this.sMin) {
			this.changeStart = this.warningSince || this.n;
			this.reset();
			return 'drift';
		}
		if (p + s >= this.pMin + this.warningLevel * this.sMin) {
			if (!this.warningSince) this.warningSince = this.n;
			return 'warning';
		}
		this.warningSince = 0;
		return 'stable';
	}
}
