import { describe, expect, it } from 'vitest';
import { InputError } from './raw-table';
import { INPUT_PROBLEMS } from '../i18n/input-problems';
import { translate } from '../i18n/messages';

describe('input problems in the catalogue', () => {
	it("each one's English text is the error's message, and the error carries its key", () => {
		for (const [problem, key] of Object.entries(INPUT_PROBLEMS)) {
			const e = new InputError('deals.csv', problem);
			expect(e.text, problem).toEqual({ key, vars: { file: 'deals.csv' } });
			expect(translate('en', key, e.text!.vars)).toBe(e.message);
		}
	});

	it('says an empty file in Russian, and leaves a problem with values in English', () => {
		const empty = new InputError('deals.csv', 'the file is empty');
		expect(translate('ru', empty.text!.key, empty.text!.vars)).toBe('deals.csv: файл пуст');
		expect(new InputError('deals.csv', 'mapped columns are not in the file: X').text).toBe(
			undefined
		);
	});
});
