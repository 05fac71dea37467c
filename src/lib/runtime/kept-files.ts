/**
 * Files the user asked to keep in this browser (IndexedDB), so a lab can reopen them after a reload: one file per
 * key (a lab's slot). Nothing leaves the browser; "forget" deletes the copy. Every failure (private browsing, a full
 * disk) comes back as an Error in words; the lab keeps working without the copy.
 */
const DB = 'mdl-own-data';
const STORE = 'files';

interface Kept {
	name: string;
	type: string;
	lastModified: number;
	blob: Blob;
}

function open(): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		if (typeof indexedDB === 'undefined') return reject(new Error('this browser has no IndexedDB'));
		const req = indexedDB.open(DB, 1);
		req.onupgradeneeded = () => req.result.createObjectStore(STORE);
		req.onsuccess = () => resolve(req.result);
		req.onerror = () => reject(req.error ?? new Error('IndexedDB could not be opened'));
	});
}

async function run<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
	const db = await open();
	try {
		return await new Promise<T>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const req = f(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(req.result);
			tx.onerror = () => reject(tx.error ?? req.error ?? new Error('the browser refused to store it'));
			tx.onabort = () => reject(tx.error ?? new Error('the browser refused to store it (is the disk full?)'));
		});
	} finally {
		db.close();
	}
}

/**
 * Every operation waits for the one asked before it: each opens its own connection, so without this a "keep" asked
 * just before a "forget" could land after it and bring the file back on the next visit.
 */
let queue: Promise<unknown> = Promise.resolve();
function inOrder<T>(f: () => Promise<T>): Promise<T> {
	const next = queue.then(f, f);
	queue = next.catch(() => undefined);
	return next;
}

export function keepFile(key: string, file: File): Promise<void> {
	const kept: Kept = { name: file.name, type: file.type, lastModified: file.lastModified, blob: file };
	return inOrder(async () => void (await run('readwrite', (s) => s.put(kept, key))));
}

export function keptFile(key: string): Promise<File | null> {
	return inOrder(async () => {
		const k = (await run('readonly', (s) => s.get(key))) as Kept | undefined;
		return k ? new File([k.blob], k.name, { type: k.type, lastModified: k.lastModified }) : null;
	});
}

export function forgetKept(key: string): Promise<void> {
	return inOrder(async () => void (await run('readwrite', (s) => s.delete(key))));
}
