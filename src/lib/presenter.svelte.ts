/**
 * Presenter mode as reactive state, for code that must lay things out differently when it is on (a chart's legend
 * is measured at the larger presenter font). The root layout sets it from the URL (`present=1`).
 */
export const presenter = $state({ on: false });

/**
 * Chart font sizes in pixels, as the chart CSS sets them (presenter mode enlarges them), for layout code that
 * measures text: tick labels, axis titles, legend entries, bar-chart labels.
 */
export function chartFontPx(): { tick: number; title: number; legend: number; bar: number } {
	return presenter.on ? { tick: 14, title: 15, legend: 14, bar: 15 } : { tick: 11, title: 12, legend: 11, bar: 12 };
}
