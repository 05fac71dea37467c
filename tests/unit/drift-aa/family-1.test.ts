/**
 * No drift, realistic files (part 1 of 3): the drift report's family-wise false-flag rates — any feature, and any
 * batch × feature — stay at 5% within Monte Carlo error over 300 A/A pairs per scenario (scenarios.ts, family.ts).
 */
import { describeFamily } from './family';

describeFamily(1);
