/**
 * The generator of the drift lab's dated fixtures in tests/fixtures/own-data/ (seeded, so the same files every time;
 * `UPDATE_FIXTURES=1 npx vitest run tests/unit/drift-dates.test.ts` rewrites them, the test checks them otherwise).
 * Synthetic data only, shaped like the files users bring: a daily table, flight-like timestamps, a European export.
 */
import { createRng } from '../../src/lib/data/rng';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoMinute = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const dotted = (ms: number) => {
	const [y, m, d] = iso(ms).split('-');
	return `${d}.${m}.${y}`;
};

/** Daily rows from 2023-01-01 to 2024-02-29; x shifts by one sd from 2023-12-01 on. */
export const DAILY = { first: Date.UTC(2023, 0, 1), last: Date.UTC(2024, 1, 29), perDay: 4, shiftFrom: Date.UTC(2023, 11, 1), missingDates: 6 };

/**
 * `date,x,z,colour,sparse`: 4 rows a day over 14 months, rows shuffled (the file is not in time order), 6 rows without
 * a date; x ~ N(0, 1), + 1 from December 2023 (the last three months); z ~ N(0, 1); colour red/green/blue; `sparse`
 * 62% missing.
 */
export function dailyCsv(): string {
	const rng = createRng(2601);
	const lines: string[] = [];
	const row = (date: string, ms: number) => {
		const x = rng.normal() + (ms >= DAILY.shiftFrom ? 1 : 0);
		const u = rng.next();
		const colour = u < 0.5 ? 'red' : u < 0.8 ? 'green' : 'blue';
		const sparse = rng.next() < 0.62 ? '' : rng.normal().toFixed(3);
		lines.push(`${date},${x.toFixed(3)},${rng.normal().toFixed(3)},${colour},${sparse}`);
	};
	for (let t = DAILY.first; t <= DAILY.last; t += DAY) for (let k = 0; k < DAILY.perDay; k++) row(iso(t), t);
	for (let k = 0; k < DAILY.missingDates; k++) row('', DAILY.first);
	rng.shuffle(lines);
	return ['date,x,z,colour,sparse', ...lines].join('\n') + '\n';
}

/** Flights from 2001-01-01 00:00 to 2001-01-21 23:59; delays 15 minutes longer from 2001-01-17 on. */
export const FLIGHTS = { first: Date.UTC(2001, 0, 1), days: 21, perDay: 60, lateFrom: Date.UTC(2001, 0, 17) };

/** `date,delay,distance,origin` with timestamps written `2001-01-01 00:47`, in time order (as flights.csv is). */
export function timestampsCsv(): string {
	const rng = createRng(2602);
	const airports = ['SEA', 'SFO', 'LAX', 'ORD', 'JFK'];
	const lines = ['date,delay,distance,origin'];
	for (let d = 0; d < FLIGHTS.days; d++) {
		const day = FLIGHTS.first + d * DAY;
		const minutes = Array.from({ length: FLIGHTS.perDay }, () => rng.int(24 * 60)).sort((a, b) => a - b);
		for (const m of minutes) {
			const t = day + m * 60_000;
			const delay = Math.round(rng.normal(5, 10) + (t >= FLIGHTS.lateFrom ? 15 : 0));
			lines.push(`${isoMinute(t)},${delay},${200 + rng.int(1800)},${airports[rng.int(airports.length)]}`);
		}
	}
	return lines.join('\n') + '\n';
}

/** Sales from Monday 2024-01-01 to Sunday 2024-04-21 (16 weeks); prices 60% higher from 2024-03-25 (the last 4 weeks). */
export const SALES = { first: Date.UTC(2024, 0, 1), days: 112, perDay: 10, dearerFrom: Date.UTC(2024, 2, 25) };

/** `datum;preis;menge;laden`: a `;`-separated export with decimal commas (`17,99`) and dotted dates (`01.02.2024`). */
export function decimalCommaCsv(): string {
	const rng = createRng(2603);
	const shops = ['Nord', 'Süd', 'Mitte'];
	const lines = ['datum;preis;menge;laden'];
	for (let d = 0; d < SALES.days; d++) {
		const t = SALES.first + d * DAY;
		for (let k = 0; k < SALES.perDay; k++) {
			const price = (12 + 4 * rng.gamma(2)) * (t >= SALES.dearerFrom ? 1.6 : 1);
			lines.push(`${dotted(t)};${price.toFixed(2).replace('.', ',')};${1 + rng.int(5)};${shops[rng.int(shops.length)]}`);
		}
	}
	return lines.join('\n') + '\n';
}

export const DRIFT_FIXTURES: Record<string, () => string> = {
	'drift-daily.csv': dailyCsv,
	'drift-timestamps.csv': timestampsCsv,
	'drift-decimal-comma.csv': decimalCommaCsv
};
