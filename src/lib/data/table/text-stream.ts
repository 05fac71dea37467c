/**
 * A user's file as a stream of text, read piece by piece (never whole): gunzipped when it starts with gzip's magic
 * bytes, refused in words when it is empty, binary or larger than the lab reads. Runs in a worker or in Node.
 */
import { fmtBytes } from '$lib/format';

/** A problem with the user's file, in words; `row` (1-based, the header is row 1) and `column` when known. */
export class ImportError extends Error {
	constructor(
		message: string,
		readonly row?: number,
		readonly column?: string
	) {
		super(message);
		this.name = 'ImportError';
	}
}

export const DEFAULT_MAX_BYTES = 1024 ** 3;

/** Control bytes other than tab, newline, carriage return and form feed: a text file has (almost) none. */
function looksBinary(bytes: Uint8Array): boolean {
	let control = 0;
	for (const b of bytes) {
		if (b === 0) return true;
		if (b < 32 && b !== 9 && b !== 10 && b !== 13 && b !== 12) control++;
	}
	return bytes.length > 0 && control / bytes.length > 0.01;
}

/**
 * The text of `file`, as a stream of strings. `maxBytes` bounds the (decompressed) bytes read: past it the stream
 * errors with an ImportError rather than reading on.
 */
export async function openText(file: Blob, maxBytes = DEFAULT_MAX_BYTES, onBytes?: (read: number) => void): Promise<ReadableStream<string>> {
	if (file.size === 0) throw new ImportError('The file is empty.');
	if (file.size > maxBytes) throw new ImportError(`The file is ${fmtBytes(file.size)}; this lab reads files up to ${fmtBytes(maxBytes)}.`);
	const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
	const gzip = head[0] === 0x1f && head[1] === 0x8b;
	let bytes: ReadableStream<Uint8Array> = file.stream();
	if (onBytes) {
		// Bytes of the file itself (before decompression), for progress as a share of file.size.
		let read = 0;
		bytes = bytes.pipeThrough(
			new TransformStream<Uint8Array, Uint8Array>({
				transform(chunk, controller) {
					read += chunk.length;
					onBytes(read);
					controller.enqueue(chunk);
				}
			})
		);
	}
	if (gzip) bytes = bytes.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>);
	let seen = 0;
	let first = true;
	const guard = new TransformStream<Uint8Array, Uint8Array>({
		transform(chunk, controller) {
			if (first && chunk.length) {
				first = false;
				if (looksBinary(chunk.subarray(0, 4096)))
					throw new ImportError(
						`This is not a text file (it has binary bytes${gzip ? ' after decompression' : ''}): choose a CSV or TSV file (or a .gz of one), or a Parquet file.`
					);
			}
			seen += chunk.length;
			if (seen > maxBytes) throw new ImportError(`The decompressed file is over ${fmtBytes(maxBytes)}; this lab reads files up to ${fmtBytes(maxBytes)}.`);
			controller.enqueue(chunk);
		}
	});
	return bytes.pipeThrough(guard).pipeThrough(new TextDecoderStream('utf-8') as unknown as TransformStream<Uint8Array, string>);
}
