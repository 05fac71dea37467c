/** Printing the bench's results: aligned tables and rounded numbers. */
export function table(title, header, rows) {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
	const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
	console.log(`\n${title}\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
	for (const r of rows) console.log(line(r));
}

export const fmt = (x) => (x === null || x === undefined ? '–' : Math.round(x).toLocaleString('en-US'));
