/** One colour per strategy, the same in every chart and table of the rollout lab (read inside `$derived` to follow the theme). */
import { theme } from '$lib/theme.svelte';
import type { StrategyId } from '$lib/labs/rollout/types';

export function strategyColors(): Record<StrategyId, string> {
	const c = theme.colors;
	return { bigbang: c.s5, shadow: c.s4, canary: c.s3, abtest: c.s1, thompson: c.s2, egreedy: c.s6 };
}
