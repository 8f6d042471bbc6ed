/*
 * Words written into a Svelte component's markup rather than taken from the message catalogue:
 * text between tags and the attributes a person reads or hears (aria-label, title, placeholder,
 * alt). What `{…}` computes is not literal; symbols without letters ("×", "—", "…") are allowed.
 */

const VISIBLE_ATTRIBUTES = ['aria-label', 'title', 'placeholder', 'alt'];

/** `markup` with each `{…}` expression (braces nested, strings skipped) replaced by `{}`. */
function withoutExpressions(markup: string): string {
	let out = '';
	let depth = 0;
	let quote: string | null = null;
	for (let i = 0; i < markup.length; i++) {
		const c = markup[i];
		if (depth === 0) {
			if (c === '{') {
				depth = 1;
				out += '{';
			} else out += c;
			continue;
		}
		if (quote) {
			if (c === '\\') i++;
			else if (c === quote) quote = null;
			continue;
		}
		if (c === '"' || c === "'" || c === '`') quote = c;
		else if (c === '{') depth++;
		else if (c === '}' && --depth === 0) out += '}';
	}
	return out;
}

const HAS_LETTER = /\p{L}/u;

/** The literal texts of a component (attributes as `name="value"`), in order. */
export function literalTexts(source: string): string[] {
	const markup = withoutExpressions(
		source
			.replace(/<script[\s\S]*?<\/script>/g, '')
			.replace(/<style[\s\S]*?<\/style>/g, '')
			.replace(/<!--[\s\S]*?-->/g, '')
	);
	const found: string[] = [];
	// Tags (with their attributes) and the text between them, in document order.
	for (const part of markup.split(/(<[^>]*>)/)) {
		if (part.startsWith('<')) {
			for (const m of part.matchAll(/([\w:-]+)="([^"]*)"/g)) {
				if (VISIBLE_ATTRIBUTES.includes(m[1]) && HAS_LETTER.test(m[2].replace(/\{\}/g, '')))
					found.push(`${m[1]}="${m[2]}"`);
			}
			continue;
		}
		const text = part.replace(/\{\}/g, ' ').trim();
		if (HAS_LETTER.test(text)) found.push(text.replace(/\s+/g, ' '));
	}
	return found;
}
