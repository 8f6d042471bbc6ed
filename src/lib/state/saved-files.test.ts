import { describe, expect, it } from 'vitest';
import { fileBytes, parseSaved, storageError } from './saved-files';

const file = { name: 'deals.csv', bytes: new Uint8Array([97, 98]) };

describe('parseSaved', () => {
	it('parseSaved(files, settings) gives the files and the settings they are read with', () => {
		const saved = parseSaved([file], {
			config: { stages: ['Lead'] },
			crmChoice: { 'deals.csv': 'hubspot' },
			encodings: { 'deals.csv': 'windows-1251' },
			dateOrder: 'dmy',
			roles: { 'log.csv': 'history', 'notes.csv': 'ignore' }
		});
		expect(saved).toEqual({
			files: [file],
			config: { stages: ['Lead'] },
			crmChoice: { 'deals.csv': 'hubspot' },
			encodings: { 'deals.csv': 'windows-1251' },
			dateOrder: 'dmy',
			roles: { 'log.csv': 'history', 'notes.csv': 'ignore' }
		});
	});

	it('a damaged or foreign record gives null, and bad settings fall back to none', () => {
		expect(parseSaved(undefined, undefined)).toBeNull();
		expect(parseSaved([], {})).toBeNull();
		expect(parseSaved([{ name: 'x.csv', bytes: 'abc' }], {})).toBeNull();
		expect(
			parseSaved([file], {
				config: 'x',
				crmChoice: { a: 1 },
				dateOrder: 'ymd',
				roles: { 'a.csv': 'people', 'b.csv': 'spend' }
			})
		).toEqual({
			files: [file],
			config: {},
			crmChoice: {},
			encodings: {},
			dateOrder: undefined,
			roles: { 'b.csv': 'spend' }
		});
	});
});

describe('fileBytes', () => {
	it('fileBytes(source) reads text, bytes (copied) and blobs alike', async () => {
		expect([...(await fileBytes('ab'))]).toEqual([97, 98]);
		const bytes = new Uint8Array([1, 2]);
		const copy = await fileBytes(bytes);
		expect(copy).toEqual(bytes);
		expect(copy).not.toBe(bytes);
		expect([...(await fileBytes(new Blob([new Uint8Array([3])])))]).toEqual([3]);
	});
});

describe('storageError', () => {
	it('names a full quota in words', () => {
		expect(storageError(new DOMException('x', 'QuotaExceededError'))).toBe(
			'the browser has no room left for them'
		);
		expect(storageError(new Error('blocked'))).toBe('blocked');
	});
});
