// Dropped files kept in this browser (IndexedDB) so a reload reopens the same data. Nothing
// leaves the browser; "Forget data" deletes the database's records.
import { errorText } from '../i18n/error-text';
import type { Encoding } from '../ingest/decode';
import type { FileSource } from '../db/types';
import type { RoleChoice } from '../engine/recognise';
import type { Config, DateOrder } from '../model/config';

const DB_NAME = 'pipelens';
const STORE = 'saved';
const FILES = 'files';
const SETTINGS = 'settings';

export interface SavedFile {
	name: string;
	bytes: Uint8Array;
}

/** How the files were read: the config and the user's choices over detection. */
export interface SavedSettings {
	config: Config;
	crmChoice: Record<string, string>;
	encodings: Record<string, Encoding>;
	dateOrder?: DateOrder;
	/** Roles the user gave files, by name (`ignore`: not used). */
	roles?: Record<string, RoleChoice>;
}

export interface SavedData extends SavedSettings {
	files: SavedFile[];
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
	typeof v === 'object' && v !== null && !Array.isArray(v);

const stringValues = (v: unknown): v is Record<string, string> =>
	isRecord(v) && Object.values(v).every((x) => typeof x === 'string');

const ROLE_CHOICES: readonly string[] = ['deals', 'history', 'spend', 'stages', 'ignore'];

/** Roles by file name, the ones that are not a role left out. */
function roleChoices(v: unknown): Record<string, RoleChoice> {
	if (!isRecord(v)) return {};
	return Object.fromEntries(
		Object.entries(v).filter(([, role]) => typeof role === 'string' && ROLE_CHOICES.includes(role))
	) as Record<string, RoleChoice>;
}

/** What was read back, checked: another version's or a damaged record gives null, not a crash. */
export function parseSaved(files: unknown, settings: unknown): SavedData | null {
	if (!Array.isArray(files) || files.length === 0) return null;
	const parsed: SavedFile[] = [];
	for (const f of files) {
		if (!isRecord(f) || typeof f.name !== 'string' || !(f.bytes instanceof Uint8Array)) return null;
		parsed.push({ name: f.name, bytes: f.bytes });
	}
	const s = isRecord(settings) ? settings : {};
	return {
		files: parsed,
		config: isRecord(s.config) ? (s.config as Config) : {},
		crmChoice: stringValues(s.crmChoice) ? s.crmChoice : {},
		encodings: stringValues(s.encodings) ? (s.encodings as Record<string, Encoding>) : {},
		dateOrder: s.dateOrder === 'mdy' || s.dateOrder === 'dmy' ? s.dateOrder : undefined,
		roles: roleChoices(s.roles)
	};
}

/** The bytes of a file as given to the engine. */
export async function fileBytes(source: FileSource): Promise<Uint8Array> {
	if (typeof source === 'string') return new TextEncoder().encode(source);
	if (source instanceof Uint8Array) return source.slice();
	return new Uint8Array(await source.arrayBuffer());
}

function open(idb: IDBFactory): Promise<IDBDatabase> {
	return new Promise((resolve, reject) => {
		const request = idb.open(DB_NAME, 1);
		request.onupgradeneeded = () => request.result.createObjectStore(STORE);
		request.onsuccess = () => resolve(request.result);
		request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
		request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
	});
}

async function transaction<T>(
	mode: IDBTransactionMode,
	work: (store: IDBObjectStore) => IDBRequest<T> | void,
	idb: IDBFactory
): Promise<T | undefined> {
	const db = await open(idb);
	try {
		return await new Promise<T | undefined>((resolve, reject) => {
			const tx = db.transaction(STORE, mode);
			const request = work(tx.objectStore(STORE));
			tx.oncomplete = () => resolve(request ? request.result : undefined);
			// A quota error surfaces here, as the transaction's error.
			tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
			tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
		});
	} finally {
		db.close();
	}
}

/** Keep the files (replacing any kept before) and the settings they are read with. */
export async function saveFiles(
	files: SavedFile[],
	settings: SavedSettings,
	idb: IDBFactory = indexedDB
): Promise<void> {
	await transaction(
		'readwrite',
		(store) => {
			store.put(files, FILES);
			store.put(JSON.parse(JSON.stringify(settings)) as unknown, SETTINGS);
		},
		idb
	);
}

/** Update the settings alone (a mapping or stage edit) without writing the files again. */
export async function saveSettings(
	settings: SavedSettings,
	idb: IDBFactory = indexedDB
): Promise<void> {
	await transaction(
		'readwrite',
		(store) => store.put(JSON.parse(JSON.stringify(settings)) as unknown, SETTINGS),
		idb
	);
}

export async function loadSaved(idb: IDBFactory = indexedDB): Promise<SavedData | null> {
	const files = await transaction('readonly', (store) => store.get(FILES), idb);
	if (files === undefined) return null;
	const settings = await transaction('readonly', (store) => store.get(SETTINGS), idb);
	return parseSaved(files, settings);
}

export async function forgetSaved(idb: IDBFactory = indexedDB): Promise<void> {
	await transaction('readwrite', (store) => store.clear(), idb);
}

/** A storage error in words: full disk or quota is the likely one. */
export function storageError(e: unknown): string {
	if (e instanceof DOMException && e.name === 'QuotaExceededError')
		return 'the browser has no room left for them';
	return errorText(e);
}
