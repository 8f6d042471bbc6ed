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

/**
 * An SVG chart serialised from the page, or '' when it is anything but plain drawing: no script,
 * no event handler, no foreign content, no link or image leaving the document. The charts are
 * ours, so a refusal means something is wrong; the report then shows the table alone.
 */
export function safeSvg(markup: string): string {
	const text = markup.trim();
	if (!/^<svg[\s>]/i.test(text) || !/<\/svg>$/i.test(text)) return '';
	const unsafe =
		/<(script|foreignObject|iframe|object|embed|image|a|style)[\s>/]|\son[a-z]+\s*=|javascript:|(?:href|src)\s*=\s*(?!["']?#)|url\(\s*(?!["']?#)/i;
	return unsafe.test(text) ? '' : text;
}

/** A colour for a style attribute: hex or rgb()/rgba() only. */
export function safeColor(color: string): string | null {
	const c = color.trim();
	return /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\))$/i.test(c) ? c : null;
}
