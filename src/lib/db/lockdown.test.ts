import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { raw } from '../sql/sql';

describe('the engine is locked down before it sees data', () => {
	const db = useNodeDb();

	it('reads a registered input file', async () => {
		const path = await db.registerFile('ok.csv', 'a,b\n1,2\n');
		const rows = await db.query(raw(`SELECT * FROM read_csv('${path}', all_varchar = true)`));
		expect(rows).toEqual([{ a: '1', b: '2' }]);
	});

	it.each([
		['a file outside the input folder', "SELECT * FROM read_csv('/etc/hostname')"],
		[
			'a path that climbs out of the input folder',
			"SELECT * FROM read_csv('/pipelens-input/../etc/hostname')"
		],
		['a URL', "SELECT * FROM read_csv('https://example.com/x.csv')"],
		['loading an extension', 'LOAD json'],
		['unlocking external access', 'SET enable_external_access = true'],
		['changing the allowed folders', "SET allowed_directories = ['/']"],
		['turning extension autoloading back on', 'SET autoload_known_extensions = true'],
		['writing a file', "COPY (SELECT 1) TO '/tmp/pipelens-lockdown-test.csv'"]
	])('refuses %s', async (_what, statement) => {
		await expect(db.query(raw(statement))).rejects.toThrow(/permission|disabled|locked/i);
		expect(existsSync('/tmp/pipelens-lockdown-test.csv')).toBe(false);
	});
});
