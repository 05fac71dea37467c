/** A labelled dataset in flat typed arrays (row-major features), cheap to transfer to and from workers. */
export interface Dataset {
	/** Row-major [n, d] features. */
	x: Float32Array;
	/** 0/1 labels. */
	y: Uint8Array;
	n: number;
	d: number;
}

export function subset(data: Dataset, indices: ArrayLike<number>): Dataset {
	const { d } = data;
	const x = new Float32Array(indices.length * d);
	const y = new Uint8Array(indices.length);
	for (let k = 0; k < indices.length; k++) {
		const i = indices[k];
		for (let j = 0; j < d; j++) x[k * d + j] = data.x[i * d + j];
		y[k] = data.y[i];
	}
	return { x, y, n: indices.length, d };
}

export function classCounts(y: ArrayLike<number>): [number, number] {
	let pos = 0;
	for (let i = 0; i < y.length; i++) pos += y[i];
	return [y.length - pos, pos];
}

/** Min and max of each feature column. */
export function columnExtent(data: Dataset, j: number): [number, number] {
	let lo = Infinity;
	let hi = -Infinity;
	for (let i = 0; i < data.n; i++) {
		const v = data.x[i * data.d + j];
		if (v < lo) lo = v;
		if (v > hi) hi = v;
	}
	return [lo, hi];
}
