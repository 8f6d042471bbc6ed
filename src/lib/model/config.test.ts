import { describe, expect, it } from 'vitest';
import { parseConfig } from './config';

describe('parseConfig', () => {
	it('takes the keys of METRICS.md §5 unchanged', () => {
		const config = {
			stages: ['A', 'B'],
			won: ['Won'],
			lost: ['Lost'],
			columns: { id: 'opp', closed: null },
			history: { id: 'opp', stage: 'stage', at: 'entered' },
			spend: { date: 'month', channel: 'channel', amount: 'amount' }
		};
		expect(parseConfig(config)).toEqual(config);
	});

	it('takes optional MEDDIC columns by element, null for "not in the file"', () => {
		const meddic = { champion: 'Champ?', economic_buyer: 'EB', metrics: null };
		expect(parseConfig({ meddic })).toEqual({ meddic });
	});

	it.each([
		[{ meddic: { coach: 'Coach' } }, 'config.meddic has an unknown field "coach"'],
		[{ meddic: { champion: 3 } }, 'config.meddic.champion must be a column name or null'],
		[{ meddic: ['Champion'] }, 'config.meddic must be an object of column names'],
		[{ colour: 'red' }, 'the config has an unknown key "colour"']
	])('refuses %j with a sentence saying what is wrong', (value, message) => {
		expect(() => parseConfig(value)).toThrow(message);
	});
});
