/** How a file was written, in words for its card: "comma-separated", "semicolon-separated, decimal commas (…)", "Parquet". */
import type { TableFormat } from './profile';

const DELIMITERS: Record<string, string> = { '\t': 'tab', ',': 'comma', ';': 'semicolon', '|': 'pipe' };

export function fileFormatWords(format: TableFormat): string {
	if (format.kind === 'parquet') return 'Parquet';
	const separated = `${DELIMITERS[format.delimiter] ?? `“${format.delimiter}”`}-separated`;
	return format.decimalComma ? `${separated}, numbers written with decimal commas: “17,99” read as 17.99` : separated;
}
