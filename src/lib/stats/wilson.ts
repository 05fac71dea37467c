import { normalPpf } from './distributions';
import { checkAlpha, checkArm, type Arm } from './arm';

/** Wilson score interval for one proportion at level 1 − alpha (Wilson 1927); well-behaved at 0 and n. */
export function wilsonInterval(arm: Arm, alpha = 0.05): [number, number] {
	checkArm('arm', arm);
	checkAlpha(alpha);
	const n = arm.visitors;
	const p = arm.conversions / n;
	const z = normalPpf(1 - alpha / 2);
	const z2 = z * z;
	const center = (p + z2 / (2 * n)) / (1 + z2 / n);
	const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	return [Math.max(0, center - half), Math.min(1, center + half)];
}
