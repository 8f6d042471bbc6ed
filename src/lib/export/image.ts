// Chart export: an on-screen SVG as a standalone SVG file or a PNG. Styles come from CSS
// variables, so the computed values are written onto each element of the copy.

const STYLE_PROPS = [
	'fill',
	'stroke',
	'stroke-width',
	'font-size',
	'font-weight',
	'font-family',
	'opacity',
	'text-anchor',
	'dominant-baseline'
];

/**
 * A standalone SVG document of `svg`, with computed styles inlined and (unless `background` is
 * false, for an SVG inlined in a page of its own) the panel background.
 */
export function svgMarkup(
	svg: SVGSVGElement,
	{ background = true }: { background?: boolean } = {}
): string {
	const copy = svg.cloneNode(true) as SVGSVGElement;
	const source = [svg, ...svg.querySelectorAll('*')];
	const target = [copy, ...copy.querySelectorAll('*')];
	source.forEach((el, i) => {
		const style = getComputedStyle(el);
		const out = target[i] as SVGElement;
		for (const prop of STYLE_PROPS) out.style.setProperty(prop, style.getPropertyValue(prop));
	});
	const { width, height } = svg.getBoundingClientRect();
	copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
	copy.setAttribute('width', String(Math.ceil(width)));
	copy.setAttribute('height', String(Math.ceil(height)));
	// Scalable where it is inlined (the HTML report sizes charts to the page).
	if (!copy.hasAttribute('viewBox'))
		copy.setAttribute('viewBox', `0 0 ${Math.ceil(width)} ${Math.ceil(height)}`);
	if (background) {
		const fill = getComputedStyle(svg.closest('.panel') ?? document.body).backgroundColor;
		const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
		rect.setAttribute('width', '100%');
		rect.setAttribute('height', '100%');
		rect.setAttribute('fill', fill);
		copy.insertBefore(rect, copy.firstChild);
	}
	return new XMLSerializer().serializeToString(copy);
}

/** Render SVG markup to PNG bytes at `scale` (2 for sharp images on high-density screens). */
export async function pngBlob(
	markup: string,
	width: number,
	height: number,
	scale = 2
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([markup], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(width * scale);
		canvas.height = Math.ceil(height * scale);
		const context = canvas.getContext('2d');
		if (!context) throw new Error('this browser cannot draw images');
		context.scale(scale, scale);
		context.drawImage(image, 0, 0, width, height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob(
				(b) => (b ? resolve(b) : reject(new Error('the PNG could not be made'))),
				'image/png'
			)
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
