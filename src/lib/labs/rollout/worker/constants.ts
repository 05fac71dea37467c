/** Fixed parts of the rollout lab's simulated service, shared by the simulation and the page that describes it. */

/** The current model's offline score (ROC AUC): the bar the candidate's offline score is compared with. */
export const CURRENT_OFFLINE = 0.8;
/** Log-sd of request latency (both models). */
export const LATENCY_SIGMA = 0.5;
/** Canary traffic shares before the switch to 100%. */
export const CANARY_STAGES = [0.01, 0.05, 0.25, 0.5] as const;
/** Power the A/B test is planned for. */
export const AB_POWER = 0.8;
/**
 * The value of a request, in conversions: its conversion, less FAILURE_COST × u if it fails and SLOW_COST × u if it
 * is slow (above the current model's p99), u being the current model's conversions per served request in that hour.
 * One definition for the verdict (better/worse) and for regret.
 */
export const FAILURE_COST = 10;
export const SLOW_COST = 1;
