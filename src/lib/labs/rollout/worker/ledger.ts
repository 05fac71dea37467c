/** What one strategy of the rollout lab did, hour by hour: its traffic on the candidate, its regret and its decision. */
import type { Rng } from '$lib/data/rng';
import { serve, type Counts, type World } from './world';
import type { Decision, StrategyId, StrategyRun, Why } from '../types';

/** Conversions and requests of each model so far (what a bandit learns from). */
export class Tally {
	c0 = 0;
	n0 = 0;
	c1 = 0;
	n1 = 0;
	add(cur: Counts, cand: Counts): void {
		this.c0 += cur.converted;
		this.n0 += cur.n;
		this.c1 += cand.converted;
		this.n1 += cand.n;
	}
}

/** What one strategy did, plus its running totals. */
export class Ledger {
	share: number[] = [];
	regret: number[] = [];
	private total = 0;
	exposed = 0;
	extraFailures = 0;
	decision: Decision = 'none';
	decidedAt: number;
	why: Why = { kind: 'horizon', where: 'abtest', planned: 0, stage: 0 };

	constructor(
		private readonly w: World,
		readonly id: StrategyId,
		private readonly trace: boolean
	) {
		this.decidedAt = w.c.hours;
	}

	/** Record hour `h` with `n1` of the hour's requests on the candidate: value lost against the hour's better model. */
	hour(h: number, n1: number): void {
		const n0 = this.w.c.traffic - n1;
		this.total += n1 * (this.w.best[h] - this.w.value1[h]) + n0 * (this.w.best[h] - this.w.value0[h]);
		this.exposed += n1;
		this.extraFailures += n1 * this.w.c.errorRegression;
		if (this.trace) {
			this.share.push(n1 / this.w.c.traffic);
			this.regret.push(this.total);
		}
	}

	/** Hour `h` with `n1` of its requests sent to the candidate at random, the rest to the current model: served and recorded. */
	split(rng: Rng, h: number, n1: number): { cur: Counts; cand: Counts } {
		const cur = serve(this.w, rng, 0, this.w.c.traffic - n1, h);
		const cand = serve(this.w, rng, 1, n1, h);
		this.hour(h, n1);
		return { cur, cand };
	}

	decide(decision: Decision, at: number, why: Why): void {
		this.decision = decision;
		this.decidedAt = at;
		this.why = why;
	}

	/** After a decision: all traffic on the chosen model for the remaining hours. */
	finish(from: number): void {
		const n1 = this.decision === 'ship' ? this.w.c.traffic : 0;
		for (let h = from; h < this.w.c.hours; h++) this.hour(h, n1);
	}

	get totalRegret(): number {
		return this.total;
	}

	result(): StrategyRun {
		return {
			id: this.id,
			share: this.share,
			regret: this.regret,
			totalRegret: this.total,
			decision: this.decision,
			decidedAt: this.decidedAt,
			why: this.why,
			exposed: this.exposed,
			extraFailures: this.extraFailures
		};
	}
}
