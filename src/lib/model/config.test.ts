import { describe, expect, it } from 'vitest';
import { CONFIG_LIMITS, configFileTooLarge, parseConfig } from './config';

describe('parseConfig', () => {
	it('refuses a config past the size limits, naming the field and the limit', () => {
		const many = Array.from({ length: 200_000 }, (_, i) => `Stage ${i}`);
		expect(() => parseConfig({ stages: many })).toThrow(
			'config.stages has 200000 labels, more than the limit of 500'
		);
		expect(() => parseConfig({ won: ['Won', 'x'.repeat(1001)] })).toThrow(
			'config.won[1] is 1001 characters long, more than the limit of 1000'
		);
		expect(() => parseConfig({ columns: { owner: 'o'.repeat(5000) } })).toThrow(
			'config.columns.owner is 5000 characters long, more than the limit of 1000'
		);
		const atLimit = Array.from({ length: CONFIG_LIMITS.labels }, (_, i) => `S${i}`);
		expect(parseConfig({ stages: atLimit }).stages).toHaveLength(500);
	});

	it('configFileTooLarge(bytes) says when a config file passes 1 MB', () => {
		expect(configFileTooLarge(1024 * 1024)).toBeNull();
		expect(configFileTooLarge(30 * 1024 * 1024)).toBe(
			'the file is 30,720 kB, more than the 1,024 kB a config may be'
		);
	});

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
