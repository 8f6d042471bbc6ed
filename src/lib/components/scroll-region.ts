import type { Attachment } from 'svelte/attachments';

/** A region's box: its element and what to do once it is known whether it scrolls. */
interface Region {
	node: HTMLElement;
	update: (scrolls: boolean) => void;
}

/** The region each observed element belongs to (the region's own box and its children). */
const regionOf = new WeakMap<Element, Region>();
let observer: ResizeObserver | undefined;

/**
 * One observer for every region on the page. Its report comes after layout; the regions it
 * names are measured together (every read first, then every attribute written), so a page of
 * tables costs one layout however many there are. Reading `scrollWidth` as each table mounted
 * forced a layout of the whole page per table.
 */
function regions(): ResizeObserver {
	return (observer ??= new ResizeObserver((entries) => {
		const changed = new Set<Region>();
		for (const entry of entries) {
			const region = regionOf.get(entry.target);
			if (region) changed.add(region);
		}
		const measured = [...changed].map(
			(r) => [r, r.node.scrollWidth > r.node.clientWidth + 1] as const
		);
		for (const [region, scrolls] of measured) region.update(scrolls);
	}));
}

/**
 * A box that scrolls sideways is reachable by keyboard (WCAG 2.1.1): while its content is wider
 * than it, it is a focusable region named by `label`, by its own aria-label, or by the heading
 * of the section it is in; while everything fits it is a plain box (no extra tab stop).
 */
export function scrollRegion(label?: string): Attachment<HTMLElement> {
	return (node) => {
		const named = node.hasAttribute('aria-label') || node.hasAttribute('aria-labelledby');
		const added: string[] = [];
		const set = (name: string, value: string) => {
			node.setAttribute(name, value);
			added.push(name);
		};
		const region: Region = {
			node,
			update: (scrolls) => {
				if (scrolls && !added.length) {
					set('tabindex', '0');
					if (!node.hasAttribute('role')) set('role', 'region');
					const heading = node.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
					if (label) set('aria-label', label);
					else if (!named && heading) set('aria-labelledby', heading);
				} else if (!scrolls) {
					for (const name of added.splice(0)) node.removeAttribute(name);
				}
			}
		};
		const sizes = regions();
		const watch = (child: Element) => {
			regionOf.set(child, region);
			sizes.observe(child);
		};
		// The box, and what is in it: a table drawn later (an editor opened) is watched too.
		watch(node);
		for (const child of node.children) watch(child);
		const children = new MutationObserver((records) => {
			for (const record of records) {
				for (const n of record.addedNodes) if (n instanceof Element) watch(n);
				for (const n of record.removedNodes) if (n instanceof Element) sizes.unobserve(n);
			}
		});
		children.observe(node, { childList: true });
		return () => {
			children.disconnect();
			sizes.unobserve(node);
			for (const child of node.children) sizes.unobserve(child);
		};
	};
}
