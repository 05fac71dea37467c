/** Whether a prediction matches the lab's answer, and choices for computed quiz questions (pure). */
import type { Choice, Facts, Step } from './types';

export function isRight(step: Step, facts: Facts, prediction: string | number): boolean {
	const answer = step.answer(facts);
	if (step.ask.kind === 'choice') return prediction === answer;
	const tol = step.tolerance?.(facts) ?? 0;
	return typeof answer === 'number' && typeof prediction === 'number' && Math.abs(prediction - answer) <= tol + 1e-12;
}

/**
 * Choices from the true value and `others` (distinct once written, the true value kept), in increasing order; ids
 * 'a', 'b', … and the true one's id. Every choice builder of the lessons ends here.
 */
export function sortedChoices(value: number, others: number[], format: (v: number) => string): { options: Choice[]; answer: string } {
	const seen = new Set<string>();
	const kept = [value, ...others].filter((v) => {
		const label = format(v);
		if (seen.has(label)) return false;
		seen.add(label);
		return true;
	});
	const sorted = [...kept].sort((a, b) => a - b);
	const options = sorted.map((v, i) => ({ id: String.fromCharCode(97 + i), label: format(v) }));
	return { options, answer: options[sorted.indexOf(value)].id };
}

/**
 * Choices for a number: the true value and wrong ones at the given factors of it (distinct once written), in
 * increasing order; ids 'a', 'b', … and the true one's id. For quiz questions whose answer is a computed number.
 */
export function numberChoices(value: number, format: (v: number) => string, factors = [0.25, 0.5, 2]): { options: Choice[]; answer: string } {
	return sortedChoices(
		value,
		factors.map((f) => value * f),
		format
	);
}

/** A fact as a number (NaN when missing or not a number: callers check). */
export function num(f: Facts, key: string): number {
	const v = f[key];
	return typeof v === 'number' ? v : NaN;
}

/**
 * Choices for a whole number in [lo, hi]: the true value and up to three others from `near` (then the ends and the
 * middle), distinct, in increasing order.
 */
export function intChoices(value: number, lo: number, hi: number, near: number[] = []): { options: Choice[]; answer: string } {
	const pool = [...near, lo, hi, Math.round((lo + hi) / 2), value - 3, value + 3].map(Math.round).filter((v) => v >= lo && v <= hi && v !== value);
	return sortedChoices(value, [...new Set(pool)].slice(0, 3), String);
}
