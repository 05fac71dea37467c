/**
 * Presenter mode as reactive state, for code that must lay things out differently when it is on (a chart's legend
 * is measured at the larger presenter font). The root layout sets it from the URL (`present=1`).
 */
export const presenter = $state({ on: false });

/**
 * Chart font sizes in pixels, as the chart CSS sets them (presenter mode enlarges them to be read from the back of a
 * room, ≥ 16 px), for layout code that measures text: tick labels, axis titles, legend entries, bar-chart labels,
 * reference-line labels.
 */
export function chartFontPx(): { tick: number; title: number; legend: number; bar: number; ref: number } {
	return presenter.on ? { tick: 16, title: 17, legend: 16, bar: 16, ref: 15 } : { tick: 11, title: 12, legend: 11, bar: 12, ref: 10.5 };
}
