import { en, translate, type Lang, type MessageKey } from './messages';

const megabytesText = (lang: Lang, n: number) =>
	new Intl.NumberFormat(lang, { style: 'unit', unit: 'megabyte' }).format(n);

/*
 * The engine writes its warnings and errors in English (the `report` command prints them as they
 * are). The page reads each one back into its catalogue key (`warn.*`, `input.*`) and values, by
 * the key's English text, and says it in the page's language; a text with no key is shown as the
 * engine wrote it.
 */

type Vars = Record<string, string | number>;

interface Pattern {
	key: MessageKey;
	regex: RegExp;
	/** The value each capture group holds, in group order (a plural's forms share one). */
	groups: string[];
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A number as the engine writes it, or as `Intl` does in English (`1200`, `1,200`). */
const NUMBER = '(\\d[\\d,]*)';

/** The regex matching `template` (an English catalogue text), and what its groups hold. */
function patternOf(key: MessageKey, template: string): Pattern {
	const groups: string[] = [];
	let source = '';
	let last = 0;
	for (const m of template.matchAll(/\{(\w+), plural,((?:\s*\w+\s*\{[^{}]*\})+)\s*\}|\{(\w+)\}/g)) {
		source += escape(template.slice(last, m.index));
		last = m.index + m[0].length;
		if (m[3]) {
			groups.push(m[3]);
			source += '(.*?)';
			continue;
		}
		// Each form as a whole, its number captured (one group per form, all holding the value).
		const forms = [...m[2].matchAll(/\w+\s*\{([^{}]*)\}/g)].map((f) => {
			const parts = f[1].split('#').map(escape);
			for (let k = 1; k < parts.length; k++) groups.push(m[1]);
			return parts.join(NUMBER);
		});
		source += `(?:${forms.join('|')})`;
	}
	source += escape(template.slice(last));
	return { key, regex: new RegExp(`^${source}$`, 's'), groups };
}

const PATTERNS: Pattern[] = (Object.keys(en) as MessageKey[])
	.filter((key) => /^(warn|input)\./.test(key))
	.map((key) => patternOf(key, en[key]));

/** The key and values of an engine text, or null when the catalogue has no words for it. */
export function engineTextKey(warning: string): { key: MessageKey; vars: Vars } | null {
	for (const p of PATTERNS) {
		const m = p.regex.exec(warning);
		if (!m) continue;
		const vars: Vars = {};
		p.groups.forEach((name, i) => {
			const value = m[i + 1];
			if (value !== undefined && !(name in vars)) vars[name] = value;
		});
		if (typeof vars.n === 'string') vars.n = Number(vars.n.replace(/,/g, ''));
		return { key: p.key, vars };
	}
	return null;
}

const PLACES: Record<string, MessageKey> = {
	line: 'warn-part.place.line',
	'sheet row': 'warn-part.place.sheet-row',
	'table row': 'warn-part.place.table-row'
};

/** The words a warning's values are made of (a date order, where it came from), by their English. */
const PARTS: Record<string, MessageKey> = {
	'month/day/year': 'warn-part.order.mdy',
	'day/month/year': 'warn-part.order.dmy',
	'the default': 'warn-part.from.default',
	'as chosen': 'warn-part.from.chosen',
	'the expected order': 'warn-part.from.expected'
};

/** A value of a warning in `lang`: its words translated where the catalogue has them. */
function valueText(lang: Lang, value: string): string {
	if (value in PARTS) return translate(lang, PARTS[value]);
	const crm = /^as (.+) exports write dates$/.exec(value);
	return crm ? translate(lang, 'warn-part.from.crm', { crm: crm[1] }) : value;
}

/** An engine warning or error in `lang`: the catalogue's words when it has them, else as written. */
export function engineText(lang: Lang, warning: string): string {
	if (lang === 'en') return warning;
	const found = engineTextKey(warning);
	if (!found) return warning;
	const vars = { ...found.vars };
	const place = /^(line|sheet row|table row) (\d+)$/.exec(String(vars.place ?? ''));
	if (place) vars.place = translate(lang, PLACES[place[1]], { n: place[2] });
	// Sizes in whole megabytes (`3,072 MB`) in the language's digits and unit.
	for (const name of ['size', 'max', 'biggest']) {
		const mb = /^([\d,]+) MB$/.exec(String(vars[name] ?? ''));
		if (mb) vars[name] = megabytesText(lang, Number(mb[1].replace(/,/g, '')));
	}
	for (const name of ['order', 'from'])
		if (name in vars) vars[name] = valueText(lang, String(vars[name]));
	const dim = `dim.${vars.dim}`;
	if (dim in en) vars.dim = translate(lang, dim as MessageKey);
	return translate(lang, found.key, vars);
}
