/** Which value of a label is the positive class, guessed: 1, true, yes, positive… if present, else the later in sort order. */
const POSITIVE = ['1', '1.0', 'true', 'yes', 'positive', 'pos', 'y', 't'];

export function positiveClass(values: string[]): string {
	const lower = values.map((v) => v.toLowerCase());
	for (const p of POSITIVE) {
		const i = lower.indexOf(p);
		if (i >= 0) return values[i];
	}
	return [...values].sort()[Math.min(1, values.length - 1)];
}
