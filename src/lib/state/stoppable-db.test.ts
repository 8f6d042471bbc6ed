import { describe, expect, it } from 'vitest';
import { LoadStopped, stoppable } from './stoppable-db';

describe('stoppable', () => {
	it('passes calls through while the load goes on, and refuses them once it stopped', async () => {
		const calls: string[] = [];
		const db = {
			dead: false,
			async query(text: string) {
				calls.push(text);
				return [text.length];
			}
		};
		let going = true;
		const guarded = stoppable(db, () => going);
		expect(await guarded.query('SELECT 1')).toEqual([8]);
		expect(guarded.dead).toBe(false);
		going = false;
		await expect(guarded.query('SELECT 2')).rejects.toBeInstanceOf(LoadStopped);
		expect(calls).toEqual(['SELECT 1']);
	});
});
