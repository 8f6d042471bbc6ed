import { DIMENSIONS } from '../model/config';
import { DEAL_SETS, isQualityKind, type DealSet, type DrillTarget } from '../metrics/drill';
import { MAX_TEXT } from './config-part';

/**
 * The open list of deals in a link (`drill=`): the target as a JSON array, its kind first, e.g.
 * `["reason","Price"]`, `["funnel","cohort",3]`, `["forecast",null]`.
 */
export function drillText(target: DrillTarget): string {
	switch (target.kind) {
		case 'funnel':
			return JSON.stringify([target.kind, target.mode, target.step]);
		case 'cohort':
			return JSON.stringify([target.kind, target.month, target.step]);
		case 'kpi':
			return JSON.stringify([target.kind, target.set]);
		case 'breakdown':
			return JSON.stringify([target.kind, target.dimension, target.value, target.set]);
		case 'reason':
			return JSON.stringify([target.kind, target.reason]);
		case 'lost-stage':
			return JSON.stringify([target.kind, target.step]);
		case 'forecast':
			return JSON.stringify([target.kind, target.month]);
		case 'quality':
			return JSON.stringify([target.kind, target.finding]);
	}
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

const isStep = (v: unknown): v is number =>
	typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 10_000;
const isMonth = (v: unknown): v is string => typeof v === 'string' && MONTH.test(v);
const isText = (v: unknown): v is string =>
	typeof v === 'string' && v.length > 0 && v.length <= MAX_TEXT;
const isSet = (v: unknown): v is DealSet =>
	typeof v === 'string' && (DEAL_SETS as readonly string[]).includes(v);
const isOneOf = <T extends string>(v: unknown, allowed: readonly T[]): v is T =>
	typeof v === 'string' && (allowed as readonly string[]).includes(v);

/** The target a link's `drill=` names, or null when it is not one (a crafted or broken link). */
export function parseDrill(text: string): DrillTarget | null {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return null;
	}
	if (!Array.isArray(value)) return null;
	const [kind, a, b, c] = value as unknown[];
	const n = value.length;
	if (kind === 'funnel' && n === 3 && isOneOf(a, ['cohort', 'snapshot'] as const) && isStep(b))
		return { kind, mode: a, step: b };
	if (kind === 'cohort' && n === 3 && isMonth(a) && isStep(b)) return { kind, month: a, step: b };
	if (kind === 'kpi' && n === 2 && isSet(a)) return { kind, set: a };
	if (kind === 'breakdown' && n === 4 && isOneOf(a, DIMENSIONS) && isText(b) && isSet(c))
		return { kind, dimension: a, value: b, set: c };
	if (kind === 'reason' && n === 2 && isText(a)) return { kind, reason: a };
	if (kind === 'lost-stage' && n === 2 && isStep(a)) return { kind, step: a };
	if (kind === 'forecast' && n === 2 && (a === null || isMonth(a))) return { kind, month: a };
	if (kind === 'quality' && n === 2 && typeof a === 'string' && isQualityKind(a))
		return { kind, finding: a };
	return null;
}
