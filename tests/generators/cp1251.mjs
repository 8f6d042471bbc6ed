// A windows-1251 encoder for generated fixtures (Node's TextEncoder writes only UTF-8). It covers
// what Russian CRM exports hold: ASCII, А–я, Ё ё, №, « », – —, NBSP. Any other character is an
// error, so a fixture never silently writes `?` where the engine would read something else.

/** @type {Map<string, number>} */
const TABLE = new Map([
	['\u00a0', 0xa0],
	['Ё', 0xa8],
	['«', 0xab],
	['ё', 0xb8],
	['№', 0xb9],
	['»', 0xbb],
	['–', 0x96],
	['—', 0x97]
]);
// А (U+0410) … я (U+044F) are 0xC0 … 0xFF in order.
for (let i = 0; i < 64; i++) TABLE.set(String.fromCharCode(0x410 + i), 0xc0 + i);

/**
 * The bytes of `text` in windows-1251.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function encodeCp1251(text) {
	const out = new Uint8Array(text.length);
	let n = 0;
	for (const ch of text) {
		const code = ch.charCodeAt(0);
		const byte = code < 0x80 ? code : TABLE.get(ch);
		if (byte === undefined) {
			throw new Error(`"${ch}" (U+${code.toString(16).padStart(4, '0')}) is not in windows-1251`);
		}
		out[n++] = byte;
	}
	return out.subarray(0, n);
}

/**
 * UTF-8 bytes with a byte order mark, as Excel-friendly exports write them.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function encodeUtf8Bom(text) {
	const body = new TextEncoder().encode(text);
	const out = new Uint8Array(body.length + 3);
	out.set([0xef, 0xbb, 0xbf]);
	out.set(body, 3);
	return out;
}

/**
 * windows-1252 bytes for Latin-1 text (every character below U+0100 is the same byte); any
 * other character is an error, as above.
 * @param {string} text
 * @returns {Uint8Array}
 */
export function encodeLatin1(text) {
	const out = new Uint8Array(text.length);
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c > 0xff) throw new Error(`not in windows-1252: ${text[i]}`);
		out[i] = c;
	}
	return out;
}
