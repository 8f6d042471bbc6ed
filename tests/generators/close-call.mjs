/**
 * A deals table with two created-date columns that fit almost equally: `created_date` (its
 * header is the field's phrase) and `creation_date` (a `creat*` word, a little less): the guess
 * takes the first, and it is a close call (`Detection.unsure`).
 */
export const CLOSE_CALL_DEALS = [
	'id,stage,created_date,creation_date,amount',
	'1,Won,2024-01-01,2024-01-02,10',
	'2,Demo,2024-01-03,2024-01-03,20',
	'3,Lost,2024-01-04,2024-01-05,30'
].join('\n');
