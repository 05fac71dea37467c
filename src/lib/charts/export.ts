/**
 * Export of charts: standalone SVG (computed styles inlined so it renders the same outside the page), PNG
 * (the SVG rasterised at 2×) and CSV of the chart's data.
 */
const STYLE_PROPS = [
	'fill',
	'fill-opacity',
	'stroke',
	'stroke-width',
	'stroke-dasharray',
	'stroke-opacity',
	'opacity',
	'font-size',
	'font-family',
	'font-weight',
	'text-anchor',
	'dominant-baseline'
];

export function svgToString(svg: SVGSVGElement): string {
	const clone = svg.cloneNode(true) as SVGSVGElement;
	const src = svg.querySelectorAll('*');
	const dst = clone.querySelectorAll('*');
	src.forEach((el, i) => {
		const cs = getComputedStyle(el);
		const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
		(dst[i] as SVGElement).setAttribute('style', style);
	});
	const { width, height } = svg.getBoundingClientRect();
	clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	clone.setAttribute('width', String(Math.round(width)));
	clone.setAttribute('height', String(Math.round(height)));
	const bg = getComputedStyle(document.documentElement).getPropertyValue('--panel').trim() || '#ffffff';
	const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
	rect.setAttribute('width', '100%');
	rect.setAttribute('height', '100%');
	rect.setAttribute('fill', bg);
	clone.insertBefore(rect, clone.firstChild);
	return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`;
}

export function download(filename: string, data: Blob): void {
	const url = URL.createObjectURL(data);
	const a = document.createElement('a');
	a.href = url;
	a.download = filename;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export async function svgToPng(svg: SVGSVGElement, scale = 2): Promise<Blob> {
	const text = svgToString(svg);
	const { width, height } = svg.getBoundingClientRect();
	const img = new Image();
	img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
	await img.decode();
	const canvas = document.createElement('canvas');
	canvas.width = Math.round(width * scale);
	canvas.height = Math.round(height * scale);
	const ctx = canvas.getContext('2d');
	if (!ctx) throw new Error('This browser cannot draw to a canvas, so PNG export is unavailable.');
	ctx.scale(scale, scale);
	ctx.drawImage(img, 0, 0, width, height);
	URL.revokeObjectURL(img.src);
	return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed.'))), 'image/png'));
}

export interface CsvTable {
	columns: string[];
	rows: Array<Array<string | number | null>>;
}

function csvCell(v: string | number | null): string {
	if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
	const s = String(v);
	return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(table: CsvTable): string {
	return [table.columns, ...table.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function slug(s: string): string {
	return s
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
