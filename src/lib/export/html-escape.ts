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
const SVG_NS = 'http://www.w3.org/2000/svg';

/** An attribute value, decoded by the parser, that could run or fetch something. */
function unsafeAttribute(name: string, value: string): boolean {
	const squeezed = value.replace(/[\s\0]+/g, '');
	if (/^on/i.test(name)) return true;
	if (/(^|:)(href|src)$/i.test(name) && !squeezed.startsWith('#')) return true;
	return /javascript:|url\((?!["']?#)|@import|expression\(/i.test(squeezed);
}

/**
 * Plain drawing only: text, and SVG elements (an HTML element is one the markup broke out of the
 * SVG into, or put in a title) that neither run, embed nor fetch anything. Comments and anything
 * else the parser made of odd markup are refused.
 */
function plainDrawing(node: Node): boolean {
	if (node.nodeType === 3) return true; // text
	if (node.nodeType !== 1) return false;
	const element = node as Element;
	if (element.namespaceURI !== SVG_NS || UNSAFE_ELEMENT.test(element.localName)) return false;
	for (const attribute of element.attributes)
		if (unsafeAttribute(attribute.name, attribute.value)) return false;
	return [...element.childNodes].every(plainDrawing);
}

/**
 * An SVG chart serialised from the page, or '' when it is anything but plain drawing: no script,
 * no event handler, no foreign content, no link or image leaving the document. The markup is
 * judged as the report will be read, by the browser's HTML parser (DOMParser's document is
 * inert: nothing in it runs or loads): one `<svg>` element whose whole tree is plain drawing
 * (`plainDrawing`). Text in it (a stage label such as `a src=b` or ` onerror=x`) is text, and does
 * not cost the chart. Runs in the browser only (the report is made on the page). The charts
 * are ours, so a refusal means something is wrong; the report then shows the table alone.
 */
export function safeSvg(markup: string): string {
	// Comments (Svelte's empty block anchors, `<!---->`) are dropped: they draw nothing. What is
	// left is what gets parsed, judged and returned.
	const text = markup.trim().replace(/<!--[\s\S]*?-->/g, '');
	if (!/^<svg[\s>]/i.test(text) || !/<\/svg>$/i.test(text)) return '';
	const nodes = [...new DOMParser().parseFromString(text, 'text/html').body.childNodes];
	const root = nodes[0] as Element | undefined;
	const isSvg = nodes.length === 1 && root?.namespaceURI === SVG_NS && root.localName === 'svg';
	return isSvg && plainDrawing(root) ? text : '';
}

/** A colour for a style attribute: hex or rgb()/rgba() only. */
export function safeColor(color: string): string | null {
	const c = color.trim();
	return /^(#[0-9a-f]{3,8}|rgba?\([\d.,\s%]+\))$/i.test(c) ? c : null;
}
