// Dropped files kept in this browser (IndexedDB) so a reload reopens the same data. Nothing
// leaves the browser; "Forget data" deletes the database's records.
import { clear, getMany, set, setMany, type UseStore } from 'idb-keyval';
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

/**
 * idb-keyval's store over the given IndexedDB (the browser's, or a test's): each call opens the
 * database, runs on the one object store and closes it again, so no connection is left open to
 * block another tab or a deletion.
 */
function storeIn(idb: IDBFactory): UseStore {
	return async (mode, work) => {
		const db = await new Promise<IDBDatabase>((resolve, reject) => {
			const request = idb.open(DB_NAME, 1);
			request.onupgradeneeded = () => request.result.createObjectStore(STORE);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => reject(request.error ?? new Error('IndexedDB could not be opened'));
			request.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
		});
		try {
			return await work(db.transaction(STORE, mode).objectStore(STORE));
		} finally {
			db.close();
		}
	};
}

/** Keep the files (replacing any kept before) and the settings they are read with. */
export async function saveFiles(
	files: SavedFile[],
	settings: SavedSettings,
	idb: IDBFactory = indexedDB
): Promise<void> {
	// One transaction: the files and their settings are kept together or not at all (a quota
	// error rejects it whole).
	await setMany(
		[
			[FILES, files],
			[SETTINGS, JSON.parse(JSON.stringify(settings)) as unknown]
		],
		storeIn(idb)
	);
}

/** Update the settings alone (a mapping or stage edit) without writing the files again. */
export async function saveSettings(
	settings: SavedSettings,
	idb: IDBFactory = indexedDB
): Promise<void> {
	await set(SETTINGS, JSON.parse(JSON.stringify(settings)) as unknown, storeIn(idb));
}

export async function loadSaved(idb: IDBFactory = indexedDB): Promise<SavedData | null> {
	const [files, settings] = await getMany<unknown>([FILES, SETTINGS], storeIn(idb));
	if (files === undefined) return null;
	return parseSaved(files, settings);
}

export async function forgetSaved(idb: IDBFactory = indexedDB): Promise<void> {
	await clear(storeIn(idb));
}

/** A storage error in words: full disk or quota is the likely one. */
export function storageError(e: unknown): string {
	if (e instanceof DOMException && e.name === 'QuotaExceededError')
		return 'the browser has no room left for them';
	return errorText(e);
}
