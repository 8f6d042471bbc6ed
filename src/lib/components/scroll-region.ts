import type { Attachment } from 'svelte/attachments';

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
		const update = () => {
			const scrolls = node.scrollWidth > node.clientWidth + 1;
			if (scrolls && !added.length) {
				set('tabindex', '0');
				if (!node.hasAttribute('role')) set('role', 'region');
				const heading = node.closest('section[aria-labelledby]')?.getAttribute('aria-labelledby');
				if (label) set('aria-label', label);
				else if (!named && heading) set('aria-labelledby', heading);
			} else if (!scrolls) {
				for (const name of added.splice(0)) node.removeAttribute(name);
			}
		};
		update();
		const observer = new ResizeObserver(update);
		observer.observe(node);
		for (const child of node.children) observer.observe(child);
		return () => observer.disconnect();
	};
}
