/** A conversion arm of an A/B test and the input checks the A/B statistics share. */
import { assertCount, assertInRange } from './validate';

export interface Arm {
	conversions: number;
	visitors: number;
}

export function checkAlpha(alpha: number): void {
	assertInRange('alpha', alpha, 0, 1, 'both');
}

export function checkArm(name: string, arm: Arm): void {
	if (arm == null || typeof arm !== 'object') throw new TypeError(`${name} must be an object {conversions, visitors}.`);
	assertCount(`${name}.conversions`, arm.conversions);
	assertCount(`${name}.visitors`, arm.visitors);
	if (arm.visitors === 0) throw new RangeError(`${name} has no visitors: at least one visitor is needed.`);
	if (arm.conversions > arm.visitors) {
		throw new RangeError(`${name} has more conversions (${arm.conversions}) than visitors (${arm.visitors}).`);
	}
}
