import { describe, expect, it } from 'vitest';
import { useNodeDb } from '../../../tests/unit/node-db';
import { csv, dealsConfig } from '../../../tests/unit/tiny-dataset';
import { sql } from '../sql/sql';
import { loadDataset } from './load';

const db = useNodeDb();

/** Windows-1252 bytes for Latin-1 text. */
const latin1 = (text: string) => Uint8Array.from([...text], (ch) => ch.charCodeAt(0));

// Every created date has day and month up to 12: the order cannot be told from the values.
const DEALS = csv`
	id,owner,amount,created,closed,status,stage
	1,José,100,01/02/2024,03/04/2024,Won,Proposal
	2,Zoë,200,02/03/2024,,Open,Demo
`;

describe('loadDataset options', () => {
	it('loadDataset(…, {encodings}) reads a file in the encoding picked for it', async () => {
		const bytes = latin1(DEALS);
		const roles = { 'deals.csv': 'deals' as const };
		const config = dealsConfig({ columns: { source: undefined, probability: undefined } });
		const picked = await loadDataset(db, [{ name: 'deals.csv', source: bytes }], {
			config,
			roles,
			encodings: { 'deals.csv': 'windows-1251' }
		});
		expect(picked.files[0].raw.encoding).toBe('windows-1251');
		const owners = await db.query(sql`SELECT owner FROM raw_deals ORDER BY __row`);
		expect(owners.map((r) => r.owner)).toEqual(['Josй', 'Zoл']);
		const sniffed = await loadDataset(db, [{ name: 'deals.csv', source: bytes }], {
			config,
			roles
		});
		expect(sniffed.files[0].raw.encoding).toBe('windows-1252');
		const again = await db.query(sql`SELECT owner FROM raw_deals ORDER BY __row`);
		expect(again.map((r) => r.owner)).toEqual(['José', 'Zoë']);
	});

	it('loadDataset(…, {dateOrder}) reads undecided date columns in that order and warns naming the column', async () => {
		const roles = { 'deals.csv': 'deals' as const };
		const config = dealsConfig({ columns: { source: undefined, probability: undefined } });
		const dmy = await loadDataset(db, [{ name: 'deals.csv', source: DEALS }], {
			config,
			roles,
			dateOrder: 'dmy'
		});
		expect(dmy.whole).toEqual({ from: '2024-02-01', to: '2024-04-03' });
		expect(dmy.warnings).toContain(
			'deals.csv: column "created": no date has a day above 12, so the day/month order was taken as day/month/year (as chosen)'
		);
		const mdy = await loadDataset(db, [{ name: 'deals.csv', source: DEALS }], { config, roles });
		expect(mdy.whole).toEqual({ from: '2024-01-02', to: '2024-03-04' });
		expect(mdy.warnings).toContain(
			'deals.csv: column "created": no date has a day above 12, so the day/month order was taken as month/day/year (the default)'
		);
	});
});
