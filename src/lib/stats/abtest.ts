/**
 * A/B test statistics, one module per job; each module's header gives its definitions (the contract:
 * src/lib/CORE.md). This file re-exports them under the one import path the labs use.
 * - two-proportion-test.ts: twoProportionZTest and its score interval (scoreIntervalDiff);
 * - mean-tests.ts: relativeLiftInterval (delta method) and welchTTest;
 * - chi-square.ts: chiSquareTest;
 * - sample-size.ts: sampleSizePerArm / sampleSizes and powerTwoProportions;
 * - wilson.ts: wilsonInterval for one proportion;
 * - bayesian-ab.ts: probabilityVariantBeats (exact) and probabilityVariantBeatsNormal;
 * - msprt.ts: sequential testing, always-valid p-values (mSPRT);
 * - arm.ts: the Arm type and its check.
 */
export { checkArm, type Arm } from './arm';
export { scoreIntervalDiff, twoProportionZTest, type Alternative, type TestOptions, type ZTestResult } from './two-proportion-test';
export { relativeLiftInterval, welchTTest, type MeanArm, type WelchResult } from './mean-tests';
export { chiSquareTest, type ChiSquareResult } from './chi-square';
export { powerTwoProportions, sampleSizePerArm, sampleSizes, type PowerInput, type SampleSizeInput } from './sample-size';
export { wilsonInterval } from './wilson';
export { probabilityVariantBeats, probabilityVariantBeatsNormal, type BetaPrior } from './bayesian-ab';
export { msprtLikelihoodRatio, msprtPValue, sequentialPValues } from './msprt';
