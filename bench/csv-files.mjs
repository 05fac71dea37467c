/** The generated CSV files of the own-data sections (seeded, the same every run; written once to the temp folder). */
import { createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A seeded uniform generator (mulberry32): the generated files are the same every run. */
function mulberry32(seed) {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = Math.imul(s ^ (s >>> 15), 1 | s);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return (((t ^ (t >>> 14)) >>> 0) + 0.5) / 4294967296;
	};
}

/** Customers for the imbalance lab: 6 numbers, a city (8 values), a label with about 5% positives; written once. */
export async function customersCsv(rows) {
	const path = join(tmpdir(), `mdl-bench-imbalance-${rows}.csv`);
	if (existsSync(path)) return path;
	const out = createWriteStream(path);
	const u = mulberry32(777);
	const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
	out.write('f1,f2,f3,f4,f5,f6,city,label\n');
	for (let i = 0; i < rows; i += 10000) {
		let chunk = '';
		for (let k = i; k < Math.min(rows, i + 10000); k++) {
			const f = Array.from({ length: 6 }, normal);
			const city = Math.floor(8 * u());
			const z = -3.6 + 1.2 * f[0] - 0.8 * f[1] + 0.5 * f[2] * f[3] + (city === 0 ? 0.7 : 0);
			chunk += `${f.map((v) => v.toFixed(4)).join(',')},c${city},${u() < 1 / (1 + Math.exp(-z)) ? 1 : 0}\n`;
		}
		if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
	}
	await new Promise((r) => out.end(r));
	return path;
}

/** A CSV of `rows` rows: batch (day1…day10) and f1…f20 (normal; f1–f5 shift by 0.3 from day6 on), written once. */
export async function bigCsv(rows) {
	const path = join(tmpdir(), `mdl-bench-drift-${rows}.csv`);
	if (existsSync(path)) return path;
	const out = createWriteStream(path);
	const u = mulberry32(12345);
	const normal = () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
	const cols = Array.from({ length: 20 }, (_, j) => `f${j + 1}`);
	out.write(`batch,${cols.join(',')}\n`);
	const per = rows / 10;
	for (let i = 0; i < rows; i += 10000) {
		let chunk = '';
		for (let k = i; k < Math.min(rows, i + 10000); k++) {
			const day = Math.floor(k / per) + 1;
			const shift = day >= 6 ? 0.3 : 0;
			chunk += `day${day}`;
			for (let j = 0; j < 20; j++) chunk += `,${(normal() + (j < 5 ? shift : 0)).toFixed(4)}`;
			chunk += '\n';
		}
		if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
	}
	await new Promise((r) => out.end(r));
	return path;
}
