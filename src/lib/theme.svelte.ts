/**
 * The active colour theme. CSS variables drive the page; charts that must interpolate colours (decision
 * surfaces) or export standalone SVG read the resolved values from here, re-read whenever the theme changes.
 */
export type ThemeName = 'system' | 'light' | 'dark' | 'contrast';
export const THEME_LABELS: Record<ThemeName, string> = {
	system: 'System',
	light: 'Light',
	dark: 'Dark',
	contrast: 'High contrast'
};

const KEYS = ['class0', 'class1', 's1', 's2', 's3', 's4', 's5', 's6', 'fg', 'muted', 'bg', 'panel', 'grid', 'axis', 'border'] as const;
export type ThemeColors = Record<(typeof KEYS)[number], string>;

const FALLBACK: ThemeColors = {
	class0: '#2563eb',
	class1: '#ea580c',
	s1: '#2563eb',
	s2: '#ea580c',
	s3: '#059669',
	s4: '#7c3aed',
	s5: '#db2777',
	s6: '#0891b2',
	fg: '#16191f',
	muted: '#5b6472',
	bg: '#f7f8fa',
	panel: '#ffffff',
	grid: '#e6e9ef',
	axis: '#6b7280',
	border: '#d9dee7'
};

function readColors(): ThemeColors {
	if (typeof document === 'undefined') return FALLBACK;
	const style = getComputedStyle(document.documentElement);
	const out = { ...FALLBACK };
	for (const k of KEYS) {
		const v = style.getPropertyValue(`--${k}`).trim();
		if (v) out[k] = v;
	}
	return out;
}

const systemDark = () => matchMedia('(prefers-color-scheme: dark)');

class Theme {
	name = $state<ThemeName>('system');
	colors = $state<ThemeColors>(FALLBACK);

	init(): void {
		let saved: string | null = null;
		try {
			saved = localStorage.getItem('mdl-theme');
		} catch {
			/* storage may be unavailable */
		}
		this.name = saved === 'light' || saved === 'dark' || saved === 'contrast' ? saved : 'system';
		this.apply();
		systemDark().addEventListener('change', () => {
			if (this.name === 'system') this.apply();
		});
	}

	/** The page's CSS follows `data-theme` only: "system" resolves to the system's light or dark. */
	private apply(): void {
		document.documentElement.dataset.theme = this.name === 'system' ? (systemDark().matches ? 'dark' : 'light') : this.name;
		this.colors = readColors();
	}

	set(name: ThemeName): void {
		this.name = name;
		this.apply();
		try {
			if (name === 'system') localStorage.removeItem('mdl-theme');
			else localStorage.setItem('mdl-theme', name);
		} catch {
			/* storage may be unavailable */
		}
	}
}

export const theme = new Theme();
