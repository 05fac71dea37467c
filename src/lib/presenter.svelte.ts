/**
 * Presenter mode as reactive state, for code that must lay things out differently when it is on (a chart's legend
 * is measured at the larger presenter font). The root layout sets it from the URL (`present=1`).
 */
export const presenter = $state({ on: false });

/** Legend font size in pixels: the presenter-mode CSS enlarges legend text to 14 px. */
export function legendFontPx(): number {
	return presenter.on ? 14 : 11;
}
