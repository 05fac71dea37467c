/**
 * The capacity lab's named scenarios. Each resets the settings a scenario may change to the defaults first, so that a
 * scenario shows one change. The three "remove the peak" scenarios are Schaeffer et al.'s ingredients (2023,
 * arXiv:2303.14151): label noise (a residual the interpolating fit must absorb), no penalty on the small singular
 * values, and a target the features do not contain. Each is phrased as a question: predict, then look at the sentence
 * under the chart (measured rates: tests/unit/capacity-evidence.test.ts).
 */
import { capacitySchema, type CapacityParams } from './params';

const RESET: Partial<CapacityParams> = {
	n: capacitySchema.n.default,
	noise: capacitySchema.noise.default,
	ridge: capacitySchema.ridge.default,
	target: capacitySchema.target.default,
	p: capacitySchema.p.default
};

export const PRESETS: ReadonlyArray<{ id: string; label: string; values: Partial<CapacityParams> }> = [
	{ id: 'default', label: 'Default: noisy labels, no penalty (a peak at p = n)', values: { ...RESET } },
	{ id: 'no-noise', label: 'Predict: without label noise (σ = 0), is there still a peak?', values: { ...RESET, noise: 0 } },
	{ id: 'ridge', label: 'Predict: with a small ridge penalty (λ = 0.05), is there still a peak?', values: { ...RESET, ridge: 0.05 } },
	{ id: 'aligned', label: 'Predict: target inside the first 5 features, no noise — still a peak?', values: { ...RESET, target: 'aligned', noise: 0 } },
	{ id: 'aligned-noisy', label: 'Predict: the same aligned target with noisy labels — peak or not?', values: { ...RESET, target: 'aligned' } },
	{ id: 'under', label: 'Inspect an under-fitting model (p = 8): bias', values: { ...RESET, p: 8 } },
	{ id: 'wide', label: 'Inspect a very wide model (p = 160): variance falls again', values: { ...RESET, p: 160 } }
];
