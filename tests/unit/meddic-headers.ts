/** The six English MEDDIC headers as a deals file has them, by the element each one is. */
export const ENGLISH_MEDDIC = {
	metrics: 'Metrics',
	economic_buyer: 'Economic Buyer',
	decision_criteria: 'Decision Criteria',
	decision_process: 'Decision Process',
	identify_pain: 'Identify Pain',
	champion: 'Champion'
};
