const ENTITIES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;'
};

/** Text made safe for HTML element content and quoted attribute values. */
export function escapeHtml(text: string): string {
	return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Elements that run, embed or fetch something: never in a chart. */
const UNSAFE_ELEMENT = /^(script|foreignObject|iframe|object|embed|image|img|a|style)$/i;
/** A tag as XMLSerializer writes it: a name and quoted attributes, nothing else. */
const TAG = /^<\/?([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*\/?>$/;
const ATTRIBUTE = /([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

/** An attribute value as the HTML parser will read it (character references decoded). */
function decoded(value: string): string {
	const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
	return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);?/gi, (whole, ref: string) => {
		if (ref[0] !== '#') return named[ref.toLowerCase()] ?? whole;
		const code =
			ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1));
		return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : '';
	});
}

function safeTag(tag: string): boolean {
	const match = TAG.exec(tag);
	if (!match || UNSAFE_ELEMENT.test(match[1])) return false;
	for (const [, name, double, single] of match[2].matchAll(ATTRIBUTE)) {
		const value = decoded(double ?? single).replace(/[\s\0]+/g, '');
		if (/^on/i.test(name)) return false;
		if (/(^|:)(href|src)$/i.test(name) && !value.startsWith('#')) return false;
		if (/javascript:|url\((?!["']?#)|@import|expression\(/i.test(value)) return false;
	}
	return true;
}

/**
 * An SVG chart serialised from the page, or '' when it is anything but plain drawing: no script,
 * no event handler, no foreign content, no link or image leaving the document. Only tags and
 * their attributes are judged: text between tags (a stage label such as `a src=b` or
 * ` onerror=x`) is text, escaped by the serialiser, and does not cost the chart; comments are
 * dropped. The charts are
 * ours, so a refusal means something is wrong; the report then shows the table alone.
 */
export function safeSvg(markup: string): string {
	// Comments (Svelte's empty block anchors, `<!---->`) are dropped: they draw nothing.
	const text = markup.trim().replace(/<!--[\s\S]*?-->/g, '');
	if (!/^<svg[\s>]/i.test(text) || !/<\/svg>$/i.test(text)) return '';
	// Text between tags holds no `<` (the serialiser escapes it), so every `<` starts a tag.
	const tags = text.match(/<[^>]*>?/g) ?? [];
	return tags.every(safeTag) ? text : '';
}

/** A colour for a style attribute: hex or rgb()/rgba() only. */
export function safeColor(color: string): string | null {
	const c = color.trim();
	return /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\))$/i.test(c) ? c : null;
}
